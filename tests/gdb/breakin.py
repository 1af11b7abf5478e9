# gdb attaching to a run already going (no --gdb-wait) and gdb's Ctrl-C
# (0x03 while the machine runs): each stops it, with a stop reply for the
# thread on the CPU (SIGINT); then `k` ends the run. Run in gdb's Python
# by breakin.sh, as a raw client so the byte is sent at a known moment.
import os
import socket
import time

port = int(os.environ["NTMM_GDB_PORT"])
for attempt in range(100):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=20)
        break
    except OSError:
        time.sleep(0.1)


def send(body):
    b = body.encode()
    s.sendall(b"$" + b + b"#" + ("%02x" % (sum(b) & 0xFF)).encode())


def reply():
    data = b""
    while True:
        c = s.recv(1)
        if not c:
            return ""
        if c in b"+-" and not data:
            continue
        data += c
        if len(data) >= 3 and data[-3:-2] == b"#":
            break
    s.sendall(b"+")
    return data[data.index(b"$") + 1:-3].decode()


send("?")
print("attached:", reply())
send("qRcmd," + b"!process".hex())
while True:
    r = reply()
    if r.startswith("O") and r != "OK":
        print(bytes.fromhex(r[1:]).decode(), end="")
    else:
        break
for n in range(2):
    send("c")
    time.sleep(0.5)
    s.sendall(b"\x03")
    print("interrupted:", reply())
send("k")

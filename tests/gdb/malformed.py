# A client that sends ntmm's gdb stub what no gdb would (run by
# malformed.sh inside gdb's Python, which every gdb has): every packet
# gets a reply, the stub keeps serving, and the process is killed at the end.
import os
import socket

port = int(os.environ["NTMM_GDB_PORT"])


def checksum(body):
    return "%02x" % (sum(body) & 0xFF)


class Client:
    def __init__(self):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=20)

    def raw(self, data):
        self.s.sendall(data)

    def packet(self, body):
        if isinstance(body, str):
            body = body.encode("latin-1")
        self.s.sendall(b"$" + body + b"#" + checksum(body).encode())
        return self.reply()

    def reply(self):
        data = b""
        while True:
            c = self.s.recv(1)
            if not c:
                raise RuntimeError("the stub closed the connection")
            if c in b"+-" and not data:
                continue
            data += c
            if len(data) >= 3 and data[-3:-2] == b"#":
                break
        self.s.sendall(b"+")
        body = data[data.index(b"$") + 1:-3]
        return body.decode("latin-1")


c = Client()
results = []


def expect(body, want):
    got = c.packet(body)
    if body.startswith("qRcmd,"):
        # Console output ('O' + hex) comes first, then OK or an error.
        output = ""
        while got.startswith("O") and got != "OK":
            output += bytes.fromhex(got[1:]).decode("latin-1")
            got = c.reply()
        if output:
            got = "O" + output
    ok = got.startswith(want) if want else got == ""
    results.append(ok)
    shown = body if len(body) < 60 else body[:57] + "..."
    print("%s %r -> %r" % ("ok  " if ok else "FAIL", shown, got[:60]))


expect("qSupported:multiprocess+", "PacketSize=")
expect("?", "T05thread:")
expect("m0,4", "E14")                      # nothing mapped at 0
expect("mffffffff,10", "E14")              # the top of the address space
# A huge length: capped, and cut at the first page not mapped (the page
# after KUSER_SHARED_DATA), not crashed.
got = c.packet("m7ffe0000,ffffffff")
results.append(len(got) == 8192)
print("%s huge m length -> %d hex digits" % ("ok  " if results[-1] else "FAIL", len(got)))
expect("m80000000,10", "E14")              # kernel space
expect("mzz,10", "E01")
expect("m10", "E01")
expect("m123456789,1", "E01")              # more than 32 bits
expect("M0,4:00000000", "E14")
expect("M401000,4:zzzz", "E01")
expect("M401000,2:0000", "E14")            # the EXE's code: not writable
expect("M401000,ffffffff:00", "E01")
expect("X0,8:abcd", "E01")                 # shorter than it says
expect("X0,4:abcd", "E14")                 # nothing mapped at 0
expect("X0,0:", "OK")
expect("Z9,401000,1", "")                  # no such kind: unsupported
expect("Z0,zz,1", "E01")
expect("Z2,401000,0", "E01")               # a watchpoint of no bytes
expect("Z2,fffffffe,10", "E01")            # past the end of memory
expect("z0,401000,1", "E01")               # none there
expect("p ffff", "E01")
expect("p20", "E01")                       # register 32: there is none
expect("P0=zz", "E01")
expect("P0=0011", "E01")                   # too short for a 32-bit register
expect("Hgzz", "E01")
expect("Hg12345", "E01")                   # no such thread
expect("T99999", "E01")
expect("qRcmd,zz", "E01")
expect("qRcmd," + "41" * 3000, "E01")      # longer than any command
expect("qRcmd," + b"!pte".hex(), "Ousage: !pte VA")
expect("qRcmd," + b"!pfn ffffffff".hex(), "Oframe 0xffffffff: no such frame")
expect("qRcmd," + b"!pte 1ffffffff".hex(), "Ousage: !pte VA")
expect("qRcmd," + b"!pte 0xffffffff".hex(), "Oprocess 256")
expect("qRcmd," + b"!faults 0nabc".hex(), "Ousage: !faults")
expect("qRcmd," + b"process 0n12345".hex(), "Ousage: process PID")
expect("qXfer:features:read:target.xml:ffff,10", "l")
expect("qXfer:features:read:other.xml:0,10", "E00")
expect("qXfer:features:read:target.xml:zz", "E01")
expect("vCont;x", "E01")
expect("G00", "OK")                        # a short G sets nothing past it
expect("vMustReplyEmpty", "")
# A bad checksum is refused ('-'); the stub waits for the packet again.
c.raw(b"$g#00")
# A packet longer than the stub's buffer is refused, not overflowed.
c.raw(b"$" + b"m" * 40000 + b"#00")
expect("qC", "QC")
# Garbage between packets is skipped.
c.raw(b"garbage\x03\x00\xff")
expect("qAttached", "1")
c.raw(b"$vKill#" + checksum(b"vKill").encode())
print("RESULT %s" % ("ok" if all(results) else "FAILED"))

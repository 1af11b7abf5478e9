# Helpers for tests/gdb/session.gdb, run inside gdb's Python: each prints
# what it saw on NTMM- lines for gdb.sh to check (against the pagefile too).
import os
import re

import gdb


def monitor(command):
    return gdb.execute("monitor " + command, to_string=True)


def ntmm_pte(name):
    """!pte on the page a pointer variable holds; one NTMM-PTE line."""
    va = int(gdb.parse_and_eval(name)) & 0xFFFFFFFF
    out = monitor("!pte %#x" % va)
    print(out, end="")
    kind, value = "unknown", ""
    for pattern, what in ((r"valid: frame 0x([0-9a-f]+)", "resident"),
                          (r"transition: frame 0x([0-9a-f]+) on the (\w+) list", "transition"),
                          (r"pagefile: slot (\d+)", "pagefile"),
                          (r"demand zero \(from the VAD\)", "demand-zero")):
        m = re.search(pattern, out)
        if m:
            kind = what
            if what == "transition":
                kind = m.group(2).lower()
            if m.groups():
                value = str(int(m.group(1), 16 if what != "pagefile" else 10))
            break
    print("NTMM-PTE %s %d %s %s" % (name, va, kind, value))


def ntmm_pfn(name):
    """!pfn on the frame behind a resident page: its owner is that page."""
    va = int(gdb.parse_and_eval(name)) & 0xFFFFFFFF
    m = re.search(r"valid: frame 0x([0-9a-f]+)", monitor("!pte %#x" % va))
    out = monitor("!pfn %s" % m.group(1)) if m else ""
    print(out, end="")
    ok = "owner       process" in out and ("va %08x" % va) in out and "list        Active" in out
    print("NTMM-CHECK pfn %s" % ("ok" if ok else "FAILED"))


def ntmm_handler_not_run():
    """Stopped on the access violation: the program's handler has not printed."""
    with open(os.environ["NTMM_STDOUT"], encoding="utf-8", errors="replace") as f:
        text = f.read()
    print("NTMM-CHECK handler-not-run %s" % ("FAILED" if "handler:" in text else "ok"))


def ntmm_try(command):
    """A command that must fail with gdb's error (not end the session)."""
    try:
        gdb.execute(command)
        print("NTMM-CHECK error %r FAILED: no error" % command)
    except gdb.error as e:
        print("NTMM-CHECK error %r ok: %s" % (command, e))

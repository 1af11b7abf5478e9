#!/bin/sh
# The gdb transcript in docs/debugging.md, from the current build: gdb
# debugs tests/gdb/target.exe under `ntmm run --gdb PORT --gdb-wait
# --ram 8M` (the session below), and the transcript replaces what is
# between the markers in docs/debugging.md. The run is deterministic, so
# the frame numbers are found by a first run and named in the second.
# usage: scripts/gdb-transcript.sh [BUILD_DIR]   (default: build)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd) # absolute: the session runs in a scratch folder
ntmm=$build/ntmm
target=$build/tests/gdb/target.exe
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
cd "$dir"
cp "$target" target.exe

session() { # PORT PFN: the session, as gdb reads it
    cat <<GDB
set pagination off
set confirm off
set width 0
set trace-commands on
target remote :$1
info threads
break checkpoint
continue
info registers eip esp eflags cs fs
x/2xb valid
eval "monitor !pte %#x", demand_zero
eval "monitor !pte %#x", valid
eval "monitor !pte %#x", transition
eval "monitor !pte %#x", paged
monitor !pte 0x430000
monitor !pfn $2
monitor !vad
monitor !wsle
monitor !memusage
monitor !faults 4
watch counter
continue
continue
delete
continue
x/i \$pc
continue
GDB
}

run() { # PFN: one run; gdb's output in gdb.out
    port=$(gdb -nx -batch -ex 'python import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    "$ntmm" run --gdb "$port" --gdb-wait --ram 8M --pagefile pagefile.db target.exe >stdout 2>stderr &
    pid=$!
    until grep -q "waiting for gdb" stderr; do sleep 0.1; done
    session "$port" "$1" >session.gdb
    gdb -nx -batch -ex "file target.exe" -x session.gdb >gdb.out 2>&1 || true
    wait $pid || true
    pid=
}

run 0
frame=$(sed -n 's/^  valid: frame 0x\([0-9a-f]*\).*/\1/p' gdb.out | head -1)
run "$frame"
{
    echo '```'
    echo "\$ ntmm run --gdb 1234 --gdb-wait --ram 8M target.exe"
    sed "s/:$port/:1234/" stderr
    echo "(in another terminal)"
    echo "\$ gdb -q target.exe"
    # gdb's trace prints each command as +COMMAND: shown as a prompt; the
    # port is the one in the text, the source file relative to the tree.
    sed -e 's/^+\(.*\)$/(gdb) \1/' -e '/^(gdb) set /d' -e "s/:$port/:1234/" \
        -e "s|$root/||g" gdb.out
    echo "(and the program's own output, in the first terminal)"
    tr -d "\r" <stdout   # msvcrt text mode writes CR LF
    echo '```'
} >transcript.md
doc=$root/docs/debugging.md
awk -v t=transcript.md '
    /<!-- transcript begin -->/ { print; while ((getline line < t) > 0) print line; skip = 1; next }
    /<!-- transcript end -->/ { skip = 0 }
    !skip { print }
' "$doc" >doc.new
cp doc.new "$doc"
echo "docs/debugging.md: transcript updated"

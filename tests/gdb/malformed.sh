#!/bin/sh
# Bad input to the gdb stub never crashes the host: malformed packets,
# bad checksums, huge lengths, bad addresses and registers get error
# replies (malformed.py, a client run in gdb's Python), and a kill at the
# end ends the run as SIGTERM does.
# usage: malformed.sh NTMM TARGET.exe
set -u
ntmm=$1
target=$2
command -v gdb >/dev/null || { echo "SKIP: no gdb (scripts/deps-test.sh installs it)"; exit 77; }
dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
here=$(cd "$(dirname "$0")" && pwd)
port=$(gdb -nx -batch -ex 'python import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$ntmm" run --gdb "$port" --gdb-wait --pagefile "$dir/pf.db" "$target" >"$dir/stdout" 2>"$dir/stderr" &
pid=$!
i=0
until grep -q "waiting for gdb" "$dir/stderr"; do
    i=$((i + 1))
    [ $i -lt 300 ] || { echo "FAIL: ntmm never listened"; exit 1; }
    sleep 0.1
done
NTMM_GDB_PORT=$port gdb -nx -batch -ex "source $here/malformed.py" >"$dir/client.out" 2>&1
wait $pid
status=$?
pid=
cat "$dir/client.out" "$dir/stderr"
fail=0
grep -q '^RESULT ok' "$dir/client.out" || { echo "FAIL: a reply was not the expected one"; fail=1; }
# The kill ends the run the way SIGTERM does: 128 + 15, the pagefile closed.
[ "$status" -eq 143 ] || { echo "FAIL: ntmm exited $status after the kill, not 143"; fail=1; }
grep -q 'interrupted by SIGTERM' "$dir/stderr" || { echo "FAIL: no line for the kill"; fail=1; }
[ $fail -eq 0 ] && echo PASS
exit $fail

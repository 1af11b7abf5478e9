#!/bin/sh
# Bad input to the gdb stub never crashes the host: malformed packets,
# bad checksums, huge lengths, bad addresses and registers get error
# replies (malformed.py, a client run in gdb's Python), and a kill at the
# end ends the run as SIGTERM does.
# usage: malformed.sh NTMM TARGET.exe
set -u
ntmm=$1
target=$2
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
start_ntmm "$ntmm" --gdb-wait --pagefile "$dir/pf.db" "$target"
NTMM_GDB_PORT=$port gdb -nx -batch -ex "source $here/malformed.py" >"$dir/client.out" 2>&1
wait_ntmm
cat "$dir/client.out" "$dir/stderr"
grep -q '^RESULT ok' "$dir/client.out" || { echo "FAIL: a reply was not the expected one"; fail=1; }
# The kill ends the run the way SIGTERM does: 128 + 15, the pagefile closed.
[ "$status" -eq 143 ] || { echo "FAIL: ntmm exited $status after the kill, not 143"; fail=1; }
grep -q 'interrupted by SIGTERM' "$dir/stderr" || { echo "FAIL: no line for the kill"; fail=1; }
[ $fail -eq 0 ] && echo PASS
exit $fail

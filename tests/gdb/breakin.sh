#!/bin/sh
# gdb attaches to a run that did not wait for it, and Ctrl-C stops the
# machine while the guest spins (breakin.py); the kill ends the run.
# usage: breakin.sh NTMM SPIN.exe
set -u
. "$(dirname "$0")/lib.sh"
start_ntmm "$1" --pagefile "$dir/pf.db" --timeout 120 "$2"
NTMM_GDB_PORT=$port gdb -nx -batch -ex "source $(dirname "$0")/breakin.py" >"$dir/gdb.out" 2>&1
wait_ntmm
cat "$dir/gdb.out" "$dir/stderr"
expect '^attached: T02thread:104;$'
expect '^PROCESS 256 +parent 0 +image spin\.exe +alive'
[ "$(grep -c '^interrupted: T02thread:104;$' "$dir/gdb.out")" -eq 2 ] ||
    { echo "FAIL: two Ctrl-Cs, not two stops"; fail=1; }
[ "$status" -eq 143 ] || { echo "FAIL: ntmm exited $status after the kill, not 143"; fail=1; }
[ $fail -eq 0 ] && echo PASS
exit $fail

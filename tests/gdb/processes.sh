#!/bin/sh
# Several processes under gdb: parent.exe starts child.exe; a breakpoint at
# the C runtime's entry (the same address in both) stops in each; the
# child's thread is a new thread of the one inferior, `info threads` names
# both processes, and `monitor process` turns the views to the child.
# usage: processes.sh NTMM PARENT.exe (child.exe beside it)
set -u
. "$(dirname "$0")/lib.sh"
entry=$(i686-w64-mingw32-objdump -f "$2" | sed -n 's/^start address //p')
cd "$(dirname "$2")" || exit 1
start_ntmm "$1" --gdb-wait --pagefile "$dir/pf.db" "$(basename "$2")"
sed "s/@PORT@/$port/; s/@ENTRY@/$entry/" "$(cd "$OLDPWD" && cd "$(dirname "$0")" && pwd)/processes.gdb" \
    >"$dir/session.gdb"
gdb -nx -batch -x "$dir/session.gdb" >"$dir/gdb.out" 2>&1
wait_ntmm
cat "$dir/gdb.out"
expect '^Thread 2 hit Breakpoint 1'
expect 'Thread 260 \(process 256 \(parent\.exe\), waiting\)'
expect '\* 2 +Thread 268 \(process 264 \(child\.exe\), running\)'
expect '^PROCESS 264 +parent 256 +image child\.exe +alive'
expect '^the views now look at process 264'
expect '^process 264$'
expect 'exited normally'
[ "$status" -eq 0 ] || { echo "FAIL: ntmm exited $status"; fail=1; }
[ $fail -eq 0 ] && echo PASS
exit $fail

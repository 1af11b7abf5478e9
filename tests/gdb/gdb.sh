#!/bin/sh
# Debian's gdb debugs target.exe under `ntmm run --gdb PORT --gdb-wait` in
# batch mode (session.gdb): a breakpoint at a function, registers, memory,
# steps, a watchpoint, !pte on a demand-zero, a valid, a transition, a
# pagefile and a prototype PTE (--ram 8M pushes `paged` out), checked
# against a snapshot taken at the same moment; !wsle, !memusage and !vad
# checked against that snapshot and its sample, !pfn against !pte;
# !faults; the stop on the access violation before the
# program's handler runs, and the exit code it then gives (7); and the
# fault log, guest time included, the same as an undisturbed run's.
# usage: gdb.sh NTMM TARGET.exe
set -u
ntmm=$1
target=$2
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "SKIP: no sqlite3"; exit 77; }
here=$(cd "$(dirname "$0")" && pwd)
start_ntmm "$ntmm" --gdb-wait --ram 8M --pagefile "$dir/pf.db" "$target"
sed "s/@PORT@/$port/" "$here/session.gdb" >"$dir/session.gdb"
NTMM_STDOUT="$dir/stdout" gdb -nx -batch -ex "source $here/checks.py" -ex "file $target" \
    -x "$dir/session.gdb" >"$dir/gdb.out" 2>&1
wait_ntmm
cat "$dir/gdb.out"
expect 'Thread 260 \(process 256 \(target\.exe\), not started\)'
expect '^Breakpoint 1, checkpoint \(\) at .*target\.c'
expect '^eip +0x[0-9a-f]+ +0x[0-9a-f]+ <checkpoint'
expect '^cs +0x1b'
expect '^fs +0x3b'
expect '^0x[0-9a-f]+:[[:space:]]0x76[[:space:]]0x00'
expect '^NTMM-PTE demand_zero [0-9]+ demand-zero $'
expect '^NTMM-PTE valid [0-9]+ resident [0-9]+$'
expect '^NTMM-PTE transition [0-9]+ (standby|modified) [0-9]+$'
expect '^NTMM-PTE paged [0-9]+ pagefile [0-9]+$'
expect '^PDPTE at [0-9a-f]{8} \(index 0\) contains [0-9a-f]{16}: page directory frame'
expect "snapshot 'checkpoint' written"
expect 'prototype PTE: section [0-9]+ \(image\), offset 0x30000'
expect '^NTMM-CHECK pfn ok'
expect '^ *00400000-[0-9a-f]+ +[0-9]+ pages image +EXECUTE_WRITECOPY +commit [0-9]+ section [0-9]+'
expect '^working set of process 256: [0-9]+ entries'
expect '^Standby +[0-9]+ +[0-9]+'
expect '^  private +[0-9]+ +[0-9]+'
expect '^PROCESS 256 +parent 0 +image target\.exe'
expect '^ +seq +time +proc'
expect "NTMM-CHECK error 'x/4x 0x10' ok: Cannot access memory at address 0x10"
expect "NTMM-CHECK error 'x/4x 0x80000000' ok: Cannot access memory"
expect '^add \(a=0, b=(b@entry=)?1\) at .*target\.c'
expect '^Hardware watchpoint 2: counter'
expect '^Old value = 1$'
expect '^New value = 3$'
expect '^Old value = 3$'
expect '^New value = 6$'
expect 'first-chance exception 0xC0000005 STATUS_ACCESS_VIOLATION'
expect '^Program received signal SIGSEGV'
expect '^crash \(\) at .*target\.c'
expect '^NTMM-CHECK handler-not-run ok'
expect 'exited with code 07\]'
if grep -q 'FAILED' "$dir/gdb.out"; then
    echo "FAIL: a check in the session failed"
    fail=1
fi
# What !pte said is what the snapshot taken at the same moment recorded.
grep '^NTMM-PTE' "$dir/gdb.out" | while read -r _ name va kind value; do
    row=$(sqlite3 -batch -noheader "$dir/pf.db" \
        "SELECT location || ' ' || coalesce(frame, slot, '') FROM page_locations
         JOIN snapshots USING (snapshot) WHERE label = 'checkpoint' AND va = $va")
    if [ "$row" != "$kind $value" ] && [ "$row" != "$kind ${value:-}" ]; then
        echo "FAIL: !pte of $name says '$kind $value', the snapshot '$row'"
        echo fail >"$dir/mismatch"
    fi
done
[ -e "$dir/mismatch" ] && fail=1
# !wsle, !memusage and !vad against the same moment's snapshot and the
# sample taken with it (no guest instruction ran in between).
q() { sqlite3 -batch -noheader "$dir/pf.db" "$1"; }
snap="SELECT snapshot FROM snapshots WHERE label = 'checkpoint'"
sample="SELECT max(sample) FROM samples WHERE after_fault = (SELECT after_fault FROM snapshots WHERE label = 'checkpoint')"
sed -n '/^working set of process 256:/,/frames (/p' "$dir/gdb.out" >"$dir/wsle"
entries=$(sed -n 's/^working set of process 256: \([0-9]*\) entries.*/\1/p' "$dir/wsle")
listed=$(grep -Ec '^ +[0-9]+ +[0-9a-f]{8} +[0-9a-f]+ +[0-9]+ ' "$dir/wsle")
[ "$entries" = "$listed" ] || { echo "FAIL: !wsle says $entries entries and lists $listed"; fail=1; }
ws=$(q "SELECT working_set FROM sample_processes WHERE process = 256 AND sample = ($sample)")
[ "$entries" = "$ws" ] || { echo "FAIL: !wsle has $entries entries, the sample's working set $ws"; fail=1; }
grep -E '^ +[0-9]+ +[0-9a-f]{8} +[0-9a-f]+ +[0-9]+ ' "$dir/wsle" | while read -r _ va frame _; do
    row=$(q "SELECT location || ' ' || frame FROM page_locations
             WHERE snapshot = ($snap) AND process = 256 AND va = $((0x$va))")
    if [ "$row" != "resident $((0x$frame))" ]; then
        echo "FAIL: !wsle has $va on frame 0x$frame, the snapshot '$row'"
        echo fail >"$dir/mismatch"
    fi
done
for list in Zeroed Free Standby Modified ModifiedNoWrite; do
    said=$(sed -n "s/^$list  *\([0-9][0-9]*\)  *[0-9][0-9]*\$/\1/p" "$dir/gdb.out" | head -1)
    column=$(echo "$list" | sed 's/NoWrite/_no_write/' | tr 'A-Z' 'a-z')
    recorded=$(q "SELECT $column FROM samples WHERE sample = ($sample)")
    if [ -z "$said" ] || [ "$said" != "$recorded" ]; then
        echo "FAIL: !memusage says $list '$said', the sample $recorded"
        fail=1
    fi
done
vad=$(grep -E '^ *00400000-[0-9a-f]+ +[0-9]+ pages image' "$dir/gdb.out" | head -1)
vad_pages=$(echo "$vad" | sed -E 's/^ *[0-9a-f]+-[0-9a-f]+ +([0-9]+) pages.*/\1/')
vad_section=$(echo "$vad" | sed -E 's/.* section ([0-9]+).*/\1/')
code_section=$(q "SELECT section FROM page_locations WHERE snapshot = ($snap) AND process = 256 AND va = $((0x401000))")
[ "$vad_section" = "$code_section" ] || { echo "FAIL: !vad names section '$vad_section' for the EXE, the snapshot $code_section"; fail=1; }
section_pages=$(q "SELECT pages FROM sections WHERE section = $vad_section")
[ "$vad_pages" = "$section_pages" ] || { echo "FAIL: !vad's EXE has $vad_pages pages, its section $section_pages"; fail=1; }
[ -e "$dir/mismatch" ] && fail=1
# Stopping changed nothing the program did: the same fault log, guest
# times included, as a run nobody stopped (its stdout a file too: msvcrt
# buffers a file and a character device differently).
"$ntmm" run --ram 8M --pagefile "$dir/alone.db" "$target" >"$dir/alone.out" 2>&1
for db in pf alone; do
    sqlite3 -batch -noheader "$dir/$db.db" "SELECT * FROM faults ORDER BY seq" >"$dir/$db.faults"
done
if ! cmp -s "$dir/pf.faults" "$dir/alone.faults"; then
    echo "FAIL: the fault log under gdb differs from the undisturbed run's:"
    diff "$dir/pf.faults" "$dir/alone.faults" | head -5
    fail=1
fi
if [ "$status" -ne 7 ]; then
    echo "FAIL: ntmm exited $status, not 7 (the handler's ExitProcess)"
    cat "$dir/stderr"
    fail=1
fi
grep -q '^handler: access violation at 00000010' "$dir/stdout" || { echo "FAIL: the handler did not run"; fail=1; }
[ $fail -eq 0 ] && echo "PASS"
exit $fail

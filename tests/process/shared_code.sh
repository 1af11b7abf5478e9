#!/usr/bin/env bash
# Image sections are shared: parent.exe and the three children it starts
# all load ntdll.dll at the same base, and its code pages are one frame in
# all four (the first process's fault brings a page in; the others' are
# "shared" faults on that same frame). Its .data page is copied per
# process on the first write.
#   shared_code.sh NTMM PARENT.EXE
set -u
ntmm=$1 program=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$ntmm" run --pagefile "$dir/pf.db" "$program" >"$dir/out" 2>&1 </dev/null || {
  echo "FAIL: the program failed"; cat "$dir/out"; exit 1; }
q() { sqlite3 -batch -noheader "$dir/pf.db" "$1"; }
fail=0
shared=$(q "SELECT count(*) FROM (SELECT va & ~4095 FROM faults
            WHERE va BETWEEN 0x7C900000 AND 0x7C9FFFFF AND access = 'execute'
            GROUP BY va & ~4095
            HAVING count(DISTINCT process) = 4 AND count(DISTINCT frame) = 1
               AND sum(kind = 'shared') = 3)")
if [ "$shared" -lt 1 ]; then
  echo "FAIL: no ntdll code page was one frame shared by the four processes"
  fail=1
fi
copies=$(q "SELECT count(DISTINCT frame) FROM faults
            WHERE va BETWEEN 0x7C900000 AND 0x7C9FFFFF AND kind = 'copy-on-write'
            GROUP BY va & ~4095 ORDER BY 1 DESC LIMIT 1")
if [ "${copies:-0}" != 4 ]; then
  echo "FAIL: ntdll's written data page should be copied once per process (4 frames), got '$copies'"
  fail=1
fi
if [ $fail != 0 ]; then
  sqlite3 -header -column "$dir/pf.db" "SELECT process, va_hex, access, kind, frame FROM fault_log
                                        WHERE va BETWEEN 0x7C900000 AND 0x7C9FFFFF LIMIT 40"
fi
exit $fail

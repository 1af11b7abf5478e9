#!/usr/bin/env bash
# Image sections of DLLs loaded at run time are shared between processes:
# ldrshare.exe and the child it starts load ldrdll.dll (at its base) and
# ldrreloc.dll (relocated, its base taken in both), and each DLL's code
# pages are one frame in both processes (the second process's fault is a
# "shared" fault on the first one's frame).
#   ldrshare.sh NTMM LDRSHARE.EXE
set -u
ntmm=$1 program=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$ntmm" run --pagefile "$dir/pf.db" "$program" 2>&1 </dev/null | tr -d '\r' >"$dir/out"; [ "${PIPESTATUS[0]}" = 0 ] || {
  echo "FAIL: the program failed"; cat "$dir/out"; exit 1; }
q() { sqlite3 -batch -noheader "$dir/pf.db" "$1"; }
fail=0
for dll in ldrdll ldrreloc; do
  base=$(sed -n "s/^$dll base \(0x[0-9a-f]*\)$/\1/p" "$dir/out")
  if [ -z "$base" ]; then
    echo "FAIL: no base printed for $dll"; cat "$dir/out"; exit 1
  fi
  shared=$(q "SELECT count(*) FROM (SELECT va & ~4095 FROM faults
              WHERE va BETWEEN $base AND $base + 0xFFFFF AND access = 'execute'
              GROUP BY va & ~4095
              HAVING count(DISTINCT process) = 2 AND count(DISTINCT frame) = 1)")
  if [ "${shared:-0}" -lt 1 ]; then
    echo "FAIL: no code page of $dll (at $base) was one frame in both processes"
    sqlite3 -header -column "$dir/pf.db" "SELECT process, va_hex, access, kind, frame FROM fault_log
                                          WHERE va BETWEEN $base AND $base + 0xFFFFF LIMIT 40"
    fail=1
  fi
done
[ "$(sed -n 's/^ldrreloc base \(0x[0-9a-f]*\)$/\1/p' "$dir/out")" != 0x12340000 ] || {
  echo "FAIL: ldrreloc.dll was not relocated"; fail=1; }
exit $fail

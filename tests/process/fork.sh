#!/usr/bin/env bash
# The fork lesson's fault log: the page both processes wrote after the
# fork shows one copy-on-write fault per writer, in two processes.
#   fork.sh NTMM FORK.EXE
set -u
ntmm=$1 program=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$ntmm" run --pagefile "$dir/pf.db" "$program" >"$dir/out" 2>&1 </dev/null || {
  echo "FAIL: the program failed"; cat "$dir/out"; exit 1; }
got=$(sqlite3 -batch -noheader "$dir/pf.db" \
  "SELECT count(*), count(DISTINCT process), group_concat(access) FROM faults
   WHERE va BETWEEN 0x20000000 AND 0x20000FFF AND kind = 'copy-on-write'")
if [ "$got" != "2|2|write,write" ]; then
  echo "FAIL: copy-on-write faults on 0x20000000: got '$got', expected '2|2|write,write'"
  sqlite3 -header -column "$dir/pf.db" "SELECT * FROM fault_log WHERE page = 0x20000000"
  exit 1
fi

#!/usr/bin/env bash
# The SQLite shell under ntmm gives the same results with PRAGMA mmap_size
# as without, and with it really reads the database through views of the
# file: the run record has hard-file faults on bank.db's pages (the
# programs' own images are read from their files in both runs).
#   mmap-same.sh   (environment: NTMM, CORPUS_CACHE, as run.sh)
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cache=${CORPUS_CACHE:-$top/build/corpus}
ntmm=${NTMM:-$top/build/ntmm}
sqlite=$cache/bin/win/sqlite3.exe
[ -f "$sqlite" ] || { echo "FAIL: $sqlite is not built (tests/corpus/run.sh)"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
for mode in plain mmap; do
  mkdir -p "$dir/$mode"
  cp "$here/inputs/create.sql" "$here/inputs/reopen.sql" "$dir/$mode/"
  for step in create reopen; do
    script=$here/inputs/$step.sql
    [ $mode = mmap ] && script=$here/inputs/mmap-$step.sql
    (cd "$dir/$mode" && "$ntmm" run --stats --pagefile "$dir/$mode-$step.db" --root "$dir/$mode" "$sqlite" bank.db \
       <"$script" >>"$dir/$mode.out" 2>>"$dir/$mode.err") || { echo "FAIL: $mode $step exited $?"; fail=1; }
  done
done
# The one difference: the mmap run prints the PRAGMA's value, once per step.
grep -v '^268435456' "$dir/mmap.out" >"$dir/mmap.filtered"
if ! cmp -s "$dir/plain.out" "$dir/mmap.filtered"; then
  echo "FAIL: the results differ with PRAGMA mmap_size"; diff "$dir/plain.out" "$dir/mmap.filtered" | head -20; fail=1
fi
[ "$(grep -c '^268435456' "$dir/mmap.out")" = 2 ] || { echo "FAIL: mmap_size was not set"; fail=1; }
# Pages of bank.db read through a view (its section is of kind file).
db_faults() { # db_faults MODE: hard-file faults on bank.db in both steps
  local n=0
  for step in create reopen; do
    n=$((n + $(sqlite3 -batch -noheader "$dir/$1-$step.db" "SELECT count(*) FROM file_faults
                 WHERE kind = 'hard-file' AND file IN (SELECT name FROM sections WHERE kind = 'file')")))
  done
  echo $n
}
[ "$(db_faults mmap)" -gt 0 ] || { echo "FAIL: no page was read through a view"; fail=1; }
[ "$(db_faults plain)" = 0 ] || { echo "FAIL: the plain run mapped the file"; fail=1; }
cmp -s "$dir/plain/bank.db" "$dir/mmap/bank.db" || { echo "FAIL: the databases differ"; fail=1; }
[ $fail = 0 ] && echo "same results with and without mmap; $(grep -o 'mapped files: .*' "$dir/mmap.err" | head -1)"
exit $fail

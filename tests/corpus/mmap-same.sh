#!/usr/bin/env bash
# The SQLite shell under ntmm gives the same results with PRAGMA mmap_size
# as without, and with it really reads the database through views of the
# file: --stats counts hard-file faults (pages read from the mapped file).
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
    (cd "$dir/$mode" && "$ntmm" run --stats --pagefile :memory: --root "$dir/$mode" "$sqlite" bank.db \
       <"$script" >>"$dir/$mode.out" 2>>"$dir/$mode.err") || { echo "FAIL: $mode $step exited $?"; fail=1; }
  done
done
# The one difference: the mmap run prints the PRAGMA's value, once per step.
grep -v '^268435456' "$dir/mmap.out" >"$dir/mmap.filtered"
if ! cmp -s "$dir/plain.out" "$dir/mmap.filtered"; then
  echo "FAIL: the results differ with PRAGMA mmap_size"; diff "$dir/plain.out" "$dir/mmap.filtered" | head -20; fail=1
fi
[ "$(grep -c '^268435456' "$dir/mmap.out")" = 2 ] || { echo "FAIL: mmap_size was not set"; fail=1; }
grep -q 'hard-file [1-9]' "$dir/mmap.err" || { echo "FAIL: no page was read through a view"; fail=1; }
grep -q 'hard-file' "$dir/plain.err" && { echo "FAIL: the plain run mapped the file"; fail=1; }
cmp -s "$dir/plain/bank.db" "$dir/mmap/bank.db" || { echo "FAIL: the databases differ"; fail=1; }
[ $fail = 0 ] && echo "same results with and without mmap; $(grep -o 'mapped files: .*' "$dir/mmap.err" | head -1)"
exit $fail

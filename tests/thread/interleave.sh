#!/usr/bin/env bash
# Runs interleave.exe twice: the same interleaving (stdout) and the same
# fault log, thread by thread, both times; the log names all four threads.
#   interleave.sh NTMM INTERLEAVE.EXE
set -u
ntmm=$1 program=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for run in 1 2; do
  "$ntmm" run --pagefile "$dir/pf$run.db" "$program" >"$dir/out$run" 2>"$dir/err$run" </dev/null || {
    echo "FAIL: run $run failed"; cat "$dir/out$run" "$dir/err$run"; exit 1; }
  sqlite3 -batch -noheader "$dir/pf$run.db" "SELECT * FROM faults ORDER BY 1" >"$dir/faults$run"
done
if ! cmp -s "$dir/out1" "$dir/out2"; then
  echo "FAIL: the interleaving differs between runs"; diff "$dir/out1" "$dir/out2" | head; exit 1
fi
if ! cmp -s "$dir/faults1" "$dir/faults2"; then
  echo "FAIL: the fault log differs between runs"; diff "$dir/faults1" "$dir/faults2" | head; exit 1
fi
threads=$(sqlite3 -batch -noheader "$dir/pf1.db" "SELECT count(DISTINCT thread) FROM faults")
if [ "$threads" -lt 4 ]; then
  echo "FAIL: the fault log names $threads threads, expected the first and the three writers"; exit 1
fi
cat "$dir/out1"

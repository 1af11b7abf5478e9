#!/usr/bin/env bash
# Collided page faults and in-page errors seen by two threads, each run
# twice: the same output and the same fault log both times; the log has
# the first thread's read and the second thread's collided fault on the
# same page, frame and slot (with the injected error: STATUS_IN_PAGE_ERROR
# in both).
#   collide.sh NTMM COLLIDE.EXE
set -u
ntmm=$1 program=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
for mode in read error; do
  extra=()
  [ "$mode" = error ] && extra=(--inject-read-error 0x20000000)
  for run in 1 2; do
    "$ntmm" run --pagefile "$dir/$mode$run.db" --ram 4M --ws-max 64 --io-latency 1ms \
      "${extra[@]}" "$program" "$mode" >"$dir/out$run" 2>"$dir/err$run" </dev/null ||
      { cat "$dir/out$run" "$dir/err$run"; fail "$mode run $run failed"; }
    sqlite3 -batch -noheader "$dir/$mode$run.db" "SELECT * FROM faults ORDER BY seq" >"$dir/faults$run"
  done
  cmp -s "$dir/out1" "$dir/out2" || fail "$mode: the output differs between runs"
  cmp -s "$dir/faults1" "$dir/faults2" || { diff "$dir/faults1" "$dir/faults2" | head; fail "$mode: the fault log differs between runs"; }
  cat "$dir/out1"
  # The first thread's fault and the collided one: two threads, one frame, one slot.
  rows=$(sqlite3 -batch -noheader -separator ' ' "$dir/${mode}1.db" \
    "SELECT kind, status_name FROM fault_log WHERE page = 0x20000000 AND kind IN ('hard', 'in-page-error', 'collided') ORDER BY seq LIMIT 2")
  same=$(sqlite3 -batch -noheader "$dir/${mode}1.db" \
    "SELECT count(DISTINCT thread) = 2 AND count(DISTINCT frame) = 1 AND count(DISTINCT slot) = 1 FROM (SELECT * FROM fault_log WHERE page = 0x20000000 AND kind IN ('hard', 'in-page-error', 'collided') ORDER BY seq LIMIT 2)")
  case $mode in
    read) want=$'hard STATUS_SUCCESS\ncollided STATUS_SUCCESS' ;;
    error) want=$'in-page-error STATUS_IN_PAGE_ERROR\ncollided STATUS_IN_PAGE_ERROR' ;;
  esac
  [ "$rows" = "$want" ] || fail "$mode: the fault log has '$rows', expected '$want'"
  [ "$same" = 1 ] || fail "$mode: the two faults are not two threads on one frame and slot"
  echo "$mode: fault log: ${rows//$'\n'/, } (two threads, one read)"
done
# The modified page writer's write in flight, re-dirtied by the second
# thread: its write faults are of kind redirtied, and the writes' completion
# logs the pages as redirtied events; twice alike.
for run in 1 2; do
  "$ntmm" run --pagefile "$dir/redirty$run.db" --ram 8M --ws-max 400 "$program" redirty \
    >"$dir/out$run" 2>"$dir/err$run" </dev/null ||
    { cat "$dir/out$run" "$dir/err$run"; fail "redirty run $run failed"; }
  sqlite3 -batch -noheader "$dir/redirty$run.db" \
    "SELECT * FROM faults ORDER BY seq; SELECT time, kind, process, pages, slot, reason FROM events ORDER BY event" >"$dir/faults$run"
done
cmp -s "$dir/out1" "$dir/out2" || fail "redirty: the output differs between runs"
cmp -s "$dir/faults1" "$dir/faults2" || { diff "$dir/faults1" "$dir/faults2" | head; fail "redirty: the fault log differs between runs"; }
cat "$dir/out1"
counts=$(sqlite3 -batch -noheader -separator ' ' "$dir/redirty1.db" "
  SELECT (SELECT count(*) FROM faults WHERE kind = 'redirtied'
            AND thread <> (SELECT thread FROM faults ORDER BY seq LIMIT 1)),
         (SELECT count(*) FROM faults WHERE kind = 'redirtied'),
         (SELECT count(*) FROM events WHERE kind = 'redirtied')")
read -r by_second faults events <<<"$counts"
[ "$faults" -gt 0 ] && [ "$by_second" = "$faults" ] ||
  fail "redirty: $faults redirtied faults, $by_second of them by the second thread"
[ "$events" -gt 0 ] || fail "redirty: no redirtied event when the write completed"
echo "redirty: fault log: the second thread's redirtied faults and the completion's redirtied events"

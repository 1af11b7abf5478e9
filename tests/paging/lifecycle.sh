#!/usr/bin/env bash
# Runs one scenario of lifecycle.exe with the options that make it happen,
# then asks the pagefile's fault log (with the sqlite3 shell, as a person
# would) whether the page at 0x20000000 went the way NT sends it.
#   lifecycle.sh NTMM LIFECYCLE.EXE SCENARIO
set -u
ntmm=$1 program=$2 scenario=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db=$dir/pagefile.sys.db
fail=0

case $scenario in
  clean)  options=(--ram 64M --ws-max 64) ;;
  dirty)  options=(--ram 4M --ws-max 64) ;;
  inpage) options=(--ram 4M --ws-max 64 --inject-read-error 0x20000000) ;;
  commit) options=(--ram 4M --pagefile-max 4M) ;;
  full)   options=(--ram 4M --pagefile-max 4M --ws-max 64) ;;
  deterministic) options=(--ram 4M --ws-max 64) ;;
esac
run_scenario=$scenario
[ "$scenario" = deterministic ] && run_scenario=dirty

"$ntmm" run --stats --pagefile "$db" "${options[@]}" "$program" "$run_scenario" \
  >"$dir/out" 2>"$dir/err" </dev/null
status=$?
if [ $status != 0 ]; then
  echo "FAIL: exit status $status"
  fail=1
fi

q() { sqlite3 -batch -noheader "$db" "$1"; }
expect() { # expect WHAT SQL WANT
  local got
  got=$(q "$2")
  if [ "$got" != "$3" ]; then
    echo "FAIL: $1: got '$got', expected '$3'"
    fail=1
  fi
}
# The kinds of the faults on the first watched page, in order.
kinds="SELECT group_concat(kind, ',') FROM (SELECT kind FROM faults
       WHERE va BETWEEN 0x20000000 AND 0x20000FFF ORDER BY seq)"

case $scenario in
  clean)
    expect "page 0x20000000: demand-zero, trimmed clean, transition fault" "$kinds" \
      "demand-zero,transition"
    expect "no page of the watched range was written to the pagefile" \
      "SELECT count(*) FROM slots WHERE va BETWEEN 0x20000000 AND 0x2000FFFF" 0
    ;;
  dirty)
    expect "page 0x20000000: demand-zero, then a hard fault" "$kinds" "demand-zero,hard"
    expect "the hard fault read a slot" \
      "SELECT slot > 0 FROM faults WHERE va BETWEEN 0x20000000 AND 0x20000FFF AND kind = 'hard'" 1
    expect "page 0x20003000 came back with an earlier one (read ahead), by a transition fault" \
      "SELECT group_concat(kind, ',') FROM (SELECT kind FROM faults
       WHERE va BETWEEN 0x20003000 AND 0x20003FFF ORDER BY seq)" "demand-zero,transition"
    expect "every watched page came back by a hard fault or a read-ahead; fewer hard than pages" \
      "SELECT sum(kind IN ('hard', 'transition')), sum(kind = 'hard') < 16 FROM faults
       WHERE va BETWEEN 0x20000000 AND 0x2000FFFF" "16|1"
    # Read back and not written again, the page keeps its slot: at exit it is
    # in memory, valid or (trimmed clean by the exit path's own pages, with
    # --ws-max 64) on Standby, and never back in the pagefile alone.
    expect "where_is: the page is in memory at exit, clean, with its slot kept" \
      "SELECT location IN ('resident', 'standby'), slot > 0 FROM where_is WHERE va = 0x20000000" "1|1"
    ;;
  inpage)
    expect "page 0x20000000: demand-zero, in-page error, then hard" "$kinds" \
      "demand-zero,in-page-error,hard"
    expect "the in-page error's status" \
      "SELECT status_name FROM faults WHERE kind = 'in-page-error'" "STATUS_IN_PAGE_ERROR"
    ;;
  commit)
    expect "the commit failures are not faults: nothing was logged as one" \
      "SELECT count(*) FROM faults WHERE status = 0xC000012D" 0
    if ! grep -q "commit requests failed at the commit limit" "$dir/err"; then
      echo "FAIL: --stats does not report the commit failures"
      fail=1
    fi
    ;;
  deterministic)
    # The same program and options, again: the same faults, frames and slots.
    log="SELECT seq, va, eip, access, kind, status, frame, slot FROM faults ORDER BY seq"
    q "$log" >"$dir/first"
    # stdout to a file as in the first run: /dev/null is a character device,
    # where msvcrt writes stdout unbuffered (as Windows' NUL), a different run.
    "$ntmm" run --pagefile "$db" "${options[@]}" "$program" dirty >"$dir/out2" 2>&1 </dev/null
    q "$log" >"$dir/second"
    if [ ! -s "$dir/first" ] || ! cmp -s "$dir/first" "$dir/second"; then
      echo "FAIL: a second run's fault log differs"
      diff "$dir/first" "$dir/second" | head -5
      fail=1
    fi
    ;;
esac
if ! grep -q "$run_scenario: 0 failures" "$dir/out"; then
  echo "FAIL: the program's own checks"
  fail=1
fi
if [ $fail != 0 ] || [ -n "${VERBOSE:-}" ]; then
  echo "--- stdout"; cat "$dir/out"
  echo "--- stderr"; head -c 4000 "$dir/err"
fi
exit $fail

#!/usr/bin/env bash
# How a run ends, and what it leaves: --timeout and --max-instructions end
# a runaway guest with exit 124 and a complete pagefile; a deadlock is 123;
# SIGTERM is 143; a huge SizeOfStackReserve is 126 and one line;
# --exit-status-file says who ended the run in every case.
#   endings.sh NTMM SPIN.exe DEADLOCK.exe HELLO.exe AV.exe
set -u
ntmm=$1 spin=$2 deadlock=$3 hello=$4 av=$5
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
say() { echo "FAIL: $*"; fail=1; }

# expect NAME STATUS JSON-REGEX [ntmm options and program...]
expect() {
  local name=$1 want=$2 json=$3 status
  shift 3
  rm -f "$dir/status.json"
  "$ntmm" run --exit-status-file "$dir/status.json" "$@" >"$dir/out" 2>"$dir/err" </dev/null
  status=$?
  [ "$status" = "$want" ] || say "$name: exit $status, expected $want: $(cat "$dir/err")"
  grep -Eq -- "$json" "$dir/status.json" 2>/dev/null ||
    say "$name: status file $(cat "$dir/status.json" 2>&1) does not match /$json/"
}

# The record of a stopped run: intact, with the faults and the "stopped" snapshot.
record_ok() { # NAME DB MIN-FAULTS (how far a run got in host time is not the test's to say)
  [ "$(sqlite3 "$2" 'PRAGMA integrity_check')" = ok ] || say "$1: integrity_check failed"
  local faults snap
  faults=$(sqlite3 "$2" 'SELECT count(*) FROM faults')
  snap=$(sqlite3 "$2" "SELECT count(*) FROM page_locations JOIN snapshots USING (snapshot)
                       WHERE label = 'stopped'")
  [ "${faults:-0}" -ge "$3" ] || say "$1: only ${faults:-0} faults in the log"
  [ "${snap:-0}" -gt 0 ] || say "$1: no page locations in the 'stopped' snapshot"
}

expect "guest exit" 0 '"ended_by": "guest", "exit": 0, "status": 0,' --pagefile :memory: "$hello"
expect "guest access violation" 5 '"ended_by": "guest", "exit": 5, "status": 3221225477, "status_hex": "0xC0000005"' \
  --pagefile :memory: "$av"
expect "bad option" 125 '"ended_by": "ntmm", "exit": 125, "reason": "usage"' --ws-max 0 "$hello"
grep -q 'ws-max' "$dir/err" && [ "$(wc -l <"$dir/err")" = 1 ] || say "bad option: not one line"
expect "no such program" 127 '"reason": "not-found"' --pagefile :memory: "$dir/none.exe"

# --max-instructions: guest time, so two runs stop at the same fault.
expect "max-instructions" 124 '"ended_by": "ntmm", "exit": 124, "reason": "instruction-limit"' \
  --ram 4M --pagefile "$dir/m1.db" --max-instructions 400000 "$spin"
grep -q '^ntmm: stopped: the run reached its --max-instructions of 400000$' "$dir/err" ||
  say "max-instructions: no line saying so: $(cat "$dir/err")"
record_ok max-instructions "$dir/m1.db" 100
"$ntmm" run --ram 4M --pagefile "$dir/m2.db" --max-instructions 400000 "$spin" 2>/dev/null
q="SELECT count(*), max(seq), sum(va) FROM faults"
[ "$(sqlite3 "$dir/m1.db" "$q")" = "$(sqlite3 "$dir/m2.db" "$q")" ] ||
  say "max-instructions: two runs differ: $(sqlite3 "$dir/m1.db" "$q") vs $(sqlite3 "$dir/m2.db" "$q")"

# --timeout: host time; what matters is that the run ends and its record is whole.
expect "timeout" 124 '"ended_by": "ntmm", "exit": 124, "reason": "timeout"' \
  --ram 4M --pagefile "$dir/t.db" --timeout 1 "$spin"
grep -q '^ntmm: stopped: the run reached its --timeout of 1 seconds' "$dir/err" ||
  say "timeout: no line saying so: $(cat "$dir/err")"
record_ok timeout "$dir/t.db" 0

# SIGTERM: 128+15, and the record is whole too.
"$ntmm" run --ram 4M --pagefile "$dir/s.db" --exit-status-file "$dir/s.json" --timeout 300 \
  "$spin" 2>"$dir/err" </dev/null &
pid=$!
for _ in $(seq 600); do # until the run holds its pagefile and has faulted a while
  n=$(sqlite3 "$dir/s.db" 'SELECT count(*) FROM parameters' 2>&1)
  case $n in *locked*) break ;; esac
  sleep 0.1
done
sleep 0.5
kill -TERM $pid
wait $pid
status=$?
[ $status = 143 ] || say "SIGTERM: exit $status: $(cat "$dir/err")"
grep -q '"reason": "signal"' "$dir/s.json" || say "SIGTERM: status file $(cat "$dir/s.json")"
grep -q 'interrupted by SIGTERM' "$dir/err" || say "SIGTERM: no line saying so"
record_ok SIGTERM "$dir/s.db" 0

expect "deadlock" 123 '"ended_by": "ntmm", "exit": 123, "reason": "deadlock"' \
  --pagefile "$dir/d.db" "$deadlock"
grep -q '^ntmm: deadlock: every process waits forever' "$dir/err" || say "deadlock: $(cat "$dir/err")"

get() { od -An -tu"$3" -j"$2" -N"$3" "$1" | tr -d ' '; } # FILE OFFSET WIDTH
put32() { # FILE OFFSET VALUE
  printf "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($3 & 255)) $(($3 >> 8 & 255)) \
    $(($3 >> 16 & 255)) $(($3 >> 24 & 255)))" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
pe=$(get "$hello" 60 4)
opt=$((pe + 24)) # the optional header, after "PE\0\0" and the file header

# An image that cannot have its stack cannot load: 126 and one line.
for reserve in 0xFFFFFFFF 0x80000000 0x7FFF0000; do
  cp "$hello" "$dir/stack.exe"
  put32 "$dir/stack.exe" $((opt + 72)) $reserve # SizeOfStackReserve
  expect "SizeOfStackReserve $reserve" 126 '"reason": "cannot-load"' --pagefile :memory: "$dir/stack.exe"
  [ "$(wc -l <"$dir/err")" = 1 ] && grep -qi "SizeOfStackReserve $reserve" "$dir/err" ||
    say "SizeOfStackReserve $reserve: $(cat "$dir/err")"
done
# An image of 1.75 GiB (its last section stretched) is more than the commit
# limit: refused before it is laid out in host memory, 126 and one line.
cp "$hello" "$dir/huge.exe"
sections=$(get "$hello" $((pe + 6)) 2)
last=$((opt + $(get "$hello" $((pe + 20)) 2) + 40 * (sections - 1)))
put32 "$dir/huge.exe" $((last + 8)) $((0x70000000 - $(get "$hello" $((last + 12)) 4)))
put32 "$dir/huge.exe" $((opt + 56)) 0x70000000 # SizeOfImage
expect "SizeOfImage 0x70000000" 126 '"reason": "cannot-load"' --pagefile :memory: "$dir/huge.exe"
[ "$(wc -l <"$dir/err")" = 1 ] && grep -q "SizeOfImage 0x70000000 is more than the commit limit" "$dir/err" ||
  say "SizeOfImage 0x70000000: $(cat "$dir/err")"
exit $fail

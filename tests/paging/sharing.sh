#!/usr/bin/env bash
# One pagefile path, two users: a pagefile another process holds a lock on
# (a sqlite3 shell reading it or in a write transaction, another ntmm run)
# is refused with one line and exit 125, and left as it was: never deleted
# and recreated under its owner. And a name that looks like a SQLite URI
# is a file name: "file:x.db" is the file called that.
#   sharing.sh NTMM HELLO.exe SPIN.exe
set -u
ntmm=$1 hello=$2 spin=$3
dir=$(mktemp -d)
cd "$dir" || exit 1
trap 'exec 3>&- 2>/dev/null; kill %1 %2 2>/dev/null; cd /; rm -rf "$dir"' EXIT
fail=0
say() { echo "FAIL: $*"; fail=1; }

refused() { # WHAT PAGEFILE
  local out status
  out=$("$ntmm" run --pagefile "$2" "$hello" 2>&1 </dev/null)
  status=$?
  if [ $status != 125 ] || [ "$(wc -l <<<"$out")" != 1 ] || ! grep -q "in use by another process" <<<"$out"; then
    say "$1: exit $status, output: $out"
  fi
}

# A sqlite3 shell holding a lock, through a FIFO so the test says when it lets go.
hold() { # PAGEFILE SQL
  rm -f fifo && mkfifo fifo
  sqlite3 "$1" <fifo >/dev/null 2>&1 &
  exec 3>fifo
  echo ".timeout 5000" >&3 # waits out this script's own probes below
  echo "$2" >&3
  for _ in $(seq 100); do # until the lock is taken
    sqlite3 "$1" "BEGIN EXCLUSIVE; ROLLBACK;" >/dev/null 2>&1 || return 0
    sleep 0.05
  done
  say "the sqlite3 shell did not take its lock"
}
release() { echo ".quit" >&3; exec 3>&-; wait %1 2>/dev/null; }

"$ntmm" run --pagefile pf.db "$hello" >/dev/null 2>&1 </dev/null || say "first run failed"
inode=$(stat -c %i pf.db)
for lock in "BEGIN; SELECT count(*) FROM parameters;" "BEGIN IMMEDIATE;"; do
  hold pf.db "$lock"
  refused "a pagefile held by a shell ($lock)" pf.db
  [ "$(stat -c %i pf.db)" = "$inode" ] || say "$lock: the pagefile was replaced under its reader"
  release
done
"$ntmm" run --pagefile pf.db "$hello" >/dev/null 2>&1 </dev/null || say "a free pagefile was refused"

# Two ntmm runs: the second is refused while the first runs; the first's record is whole.
"$ntmm" run --ram 4M --pagefile run.db --timeout 300 "$spin" >/dev/null 2>&1 </dev/null &
first=$!
for _ in $(seq 600); do
  case $(sqlite3 run.db 'SELECT count(*) FROM parameters' 2>&1) in *locked*) break ;; esac
  sleep 0.1
done
inode=$(stat -c %i run.db)
refused "a pagefile another ntmm run holds" run.db
[ "$(stat -c %i run.db)" = "$inode" ] || say "the second run replaced the first run's pagefile"
kill -TERM $first
wait $first
status=$?
[ $status = 143 ] || say "the first run ended with $status, not 143 (SIGTERM)"
[ "$(sqlite3 run.db 'PRAGMA integrity_check')" = ok ] || say "the first run's pagefile is damaged"
[ "$(sqlite3 run.db 'SELECT count(*) > 0 FROM faults')" = 1 ] || say "the first run's fault log is empty"

# "file:..." is a file name, not a URI (which would open uri.db, or memory).
sqlite3 uri.db "CREATE TABLE mine (x); INSERT INTO mine VALUES (42);"
"$ntmm" run --pagefile "file:uri.db" "$hello" >/dev/null 2>&1 </dev/null || say "file:uri.db refused"
[ -f "file:uri.db" ] || say "no file called file:uri.db"
[ "$(sqlite3 uri.db 'SELECT x FROM mine')" = 42 ] || say "uri.db was changed"
[ "$(sqlite3 uri.db "SELECT count(*) FROM sqlite_schema")" = 1 ] || say "ntmm's tables went into uri.db"
"$ntmm" run --pagefile "file:mem.db?mode=memory" "$hello" >/dev/null 2>&1 </dev/null ||
  say "file:mem.db?mode=memory refused"
[ -f "file:mem.db?mode=memory" ] || say "file:mem.db?mode=memory was not a file"
exit $fail

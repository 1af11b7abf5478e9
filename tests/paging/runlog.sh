#!/usr/bin/env bash
# The run over time in the pagefile: views.exe pages through 4 MiB of RAM
# with two extra snapshots; the samples, events, sections and page
# locations must agree with the fault log and with --stats.
#   runlog.sh NTMM VIEWS.EXE
set -u
ntmm=$1 program=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db=$dir/run.db
fail=0

"$ntmm" run --stats --ram 4M --ws-max 64 --pagefile-max 64M --pagefile "$db" \
  --snapshot-at 6000 --snapshot-at 2000 --sample-every 100 "$program" >/dev/null 2>"$dir/err"
status=$?
[ $status = 0 ] || { echo "FAIL: exit status $status"; cat "$dir/err"; fail=1; }

q() { sqlite3 -batch -noheader "$db" "$1"; }
expect() { # expect WHAT SQL WANT
  local got
  got=$(q "$2")
  if [ "$got" != "$3" ]; then
    echo "FAIL: $1: got '$got', expected '$3'"
    fail=1
  fi
}
# A number from the --stats line matching a pattern: stat 'N trimmed'.
stat() { grep -o "[0-9]* $1" "$dir/err" | head -1 | cut -d' ' -f1; }

# Events against --stats.
expect "trimmed pages = --stats" "SELECT sum(pages) FROM events WHERE kind = 'trim'" \
  "$(stat 'trimmed')"
expect "pages written in clusters = --stats" \
  "SELECT sum(pages) || ' ' || count(*) FROM events WHERE kind = 'write-cluster'" \
  "$(stat 'pages written') $(stat clusters)"
expect "standby pages repurposed = --stats" \
  "SELECT sum(pages) FROM events WHERE kind = 'repurpose'" "$(stat 'standby pages repurposed')"
expect "frames zeroed on demand = --stats" \
  "SELECT sum(pages) FROM events WHERE kind = 'zero' AND reason = 'on-demand'" \
  "$(stat 'frames zeroed on demand')"
expect "every event follows a logged fault, in time order" \
  "SELECT count(*) FROM events e LEFT JOIN faults f ON f.seq = e.after_fault
   WHERE f.seq IS NULL OR e.time < f.time" 0
expect "a cluster names its first slot" \
  "SELECT count(*) FROM events WHERE kind = 'write-cluster' AND (slot IS NULL OR pages > 16)" 0

# The fault log's time and thread.
expect "guest time never goes backwards" \
  "SELECT count(*) FROM faults a JOIN faults b ON b.seq = a.seq + 1 WHERE b.time < a.time" 0
expect "time grows" "SELECT max(time) > min(time) FROM faults" 1
expect "the thread is the process's one thread (id + 4)" \
  "SELECT count(*) FROM faults WHERE thread != process + 4" 0

# Samples: one every 100 faults, one per snapshot; every frame on one list.
faults=$(q "SELECT max(seq) FROM faults")
expect "samples: at the first fault, every 100th, and at exit (2000 and 6000 share theirs)" \
  "SELECT count(*) FROM samples" "$((faults / 100 + 2))"
expect "the first sample is at the first fault" \
  "SELECT after_fault FROM samples WHERE sample = 1" 1
expect "every snapshot has a sample of the same moment" \
  "SELECT count(*) FROM snapshots s JOIN samples m ON m.after_fault = s.after_fault" 3
expect "the lists and the active frames add up to all of RAM, at every sample" \
  "SELECT count(DISTINCT zeroed + free + standby + modified + modified_no_write + active)
   FROM samples" 1
expect "commit within its limit" "SELECT count(*) FROM samples WHERE commit_charge > commit_limit" 0
expect "each sample has the process's working set, at most its maximum + 1" \
  "SELECT count(*), max(working_set) <= 65 FROM sample_processes WHERE process = 256" \
  "$((faults / 100 + 2))|1"

# Snapshots where asked, named by their fault.
expect "snapshots after faults 2000 and 6000, then exit" \
  "SELECT group_concat(label || '@' || after_fault, ', ') FROM snapshots" \
  "fault 2000@2000, fault 6000@6000, exit@$faults"

# Pages are named by what owns them (at fault 2000 the views are mapped).
at2000="SELECT l.location, l.section, printf('0x%X', l.offset), c.kind, c.name
        FROM page_locations l LEFT JOIN sections c USING (section) WHERE snapshot = 1"
expect "the EXE's first page is page 0 of its image section" \
  "$at2000 AND l.va = 0x00400000" "$(q "SELECT location FROM page_locations
   WHERE snapshot = 1 AND va = 0x00400000")|1|0x0|image|views.exe"
expect "ntdll's pages are its image section's" \
  "SELECT count(*) FROM ($at2000 AND l.va >= 0x7C900000 AND l.va < 0x7C910000)
   WHERE name != 'ntdll.dll'" 0
expect "a view's pages are its section's, some in the pagefile (with their slot)" \
  "SELECT count(*) > 1000, sum(location = 'pagefile') > 0,
          sum(location = 'pagefile' AND slot IS NULL)
   FROM page_locations l JOIN sections c USING (section)
   WHERE l.snapshot = 2 AND c.kind = 'pagefile'" "1|1|0"
expect "the stack's pages are private" \
  "SELECT count(*) FROM page_locations WHERE snapshot = 1 AND section IS NOT NULL
   AND va BETWEEN 0x00230000 AND 0x0033FFFF" 0
expect "where_is names sections too (the exit snapshot)" \
  "SELECT section_kind, section_name, offset FROM where_is WHERE va = 0x00401000" \
  "image|views.exe|0x1000"
expect "no pagefile slot is 'process 0'" "SELECT count(*) FROM slots WHERE process = 0" 0
expect "section pages in the pagefile name their section and offset" \
  "SELECT count(*) > 0, sum(process IS NOT NULL OR va IS NOT NULL OR offset IS NULL)
   FROM pages_in_pagefile WHERE section IS NOT NULL" "1|0"

# Parameters: versions and the command line.
expect "ntmm's version" "SELECT 'ntmm ' || value FROM parameters WHERE name = 'ntmm-version'" \
  "$("$ntmm" --version | cut -d' ' -f1-2)"
expect "Unicorn's version" "SELECT value FROM parameters WHERE name = 'unicorn-version'" 2.1.1
expect "the command line" \
  "SELECT value LIKE '%run --stats --ram 4M%--snapshot-at 6000%views.exe' FROM parameters
   WHERE name = 'command-line'" 1
expect "the sampling" "SELECT value FROM parameters WHERE name = 'sample-every'" "100 faults"

# Sampling by instructions: one sample for each multiple of N the run
# passes (taken at the first fault or time slice after it), plus the first
# fault's and the exit's.
"$ntmm" run --ram 4M --ws-max 64 --pagefile "$db" --sample-every 20000instructions \
  "$program" >/dev/null 2>&1
expect "the sampling, by instructions" "SELECT value FROM parameters WHERE name = 'sample-every'" \
  "20000 instructions"
expect "one sample per 20000 instructions passed" \
  "SELECT count(DISTINCT time / 20000) = max(time) / 20000 + 1,
          count(*) - count(DISTINCT time / 20000) <= 2 FROM samples" "1|1"

# With the log off, nothing of the run over time is kept.
"$ntmm" run --no-fault-log --ram 4M --ws-max 64 --pagefile "$db" "$program" >/dev/null 2>&1
expect "--no-fault-log: no samples, events, sections or snapshots" \
  "SELECT (SELECT count(*) FROM samples) + (SELECT count(*) FROM events) +
          (SELECT count(*) FROM sections) + (SELECT count(*) FROM snapshots)" 0

[ $fail = 0 ] && echo "runlog: samples, events, sections and snapshots agree"
exit $fail

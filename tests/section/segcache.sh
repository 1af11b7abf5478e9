#!/usr/bin/env bash
# Runs one scenario of segcache.exe in a fresh root, then asks the run
# record how each round's pages of cache.bin came in: a segment kept after
# its last close serves them from Standby (transition faults, no read); a
# segment purged (the file written) or gone (its pages repurposed) reads
# them from the file again (hard-file faults).
#   segcache.sh NTMM SEGCACHE.EXE reuse|pressure
set -u
ntmm=$1 program=$2 scenario=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/root"
db=$dir/pagefile.sys.db
fail=0

options=()
case $scenario in
  pressure) options=(--ram 4M --ws-max 64) ;;
esac
. "$(dirname "$0")/../scenario.sh"
run "$program" "${options[@]}" -- "$scenario"
# The kinds of the faults of one round: the view at BASE, 16 pages.
kinds() {
  q "SELECT group_concat(kind || ' ' || n, ',') FROM (SELECT kind, count(*) AS n FROM faults
     WHERE va BETWEEN $1 AND $1 + 0xFFFF GROUP BY kind ORDER BY kind)"
}
pages_read() { # hard-file faults and read-ahead of a round: pages of cache.bin it read
  q "SELECT count(*) FROM faults WHERE va BETWEEN $1 AND $1 + 0xFFFF AND kind = 'hard-file'"
}

case $scenario in
  reuse)
    expect "round 1 (0x50000000) read the file" "$(( $(pages_read 0x50000000) > 0 ))" 1
    expect "round 2 (0x51000000, another process): every page a transition fault, none read" \
      "$(kinds 0x51000000)" "transition 16"
    expect "round 2 ran in another process" \
      "$(q "SELECT count(DISTINCT process) FROM faults WHERE va BETWEEN 0x50000000 AND 0x5000FFFF
            OR va BETWEEN 0x51000000 AND 0x5100FFFF")" 2
    expect "round 2b (0x54000000, this process again): every page a transition fault" \
      "$(kinds 0x54000000)" "transition 16"
    expect "round 2's frames are round 1's" \
      "$(q "SELECT count(*) FROM faults a JOIN faults b ON a.offset = b.offset AND a.frame = b.frame
            WHERE a.va BETWEEN 0x50000000 AND 0x5000FFFF AND b.va BETWEEN 0x51000000 AND 0x5100FFFF
            AND a.section = b.section")" 16
    expect "rounds 1, 2 and 2b fault on one segment" \
      "$(q "SELECT count(DISTINCT section) FROM faults WHERE va BETWEEN 0x50000000 AND 0x5100FFFF
            OR va BETWEEN 0x54000000 AND 0x5400FFFF")" 1
    expect "WriteFile purged it: round 3's is a new segment" \
      "$(q "SELECT count(DISTINCT section) FROM faults WHERE va BETWEEN 0x50000000 AND 0x5000FFFF
            OR va BETWEEN 0x52000000 AND 0x5200FFFF")" 2
    expect "CREATE_ALWAYS purged the next: round 0x56000000 read the file again" \
      "$(( $(pages_read 0x56000000) > 0 ))" 1
    expect "four segments of cache.bin in the run record, one per purge" \
      "$(q "SELECT count(*) FROM sections WHERE kind = 'file' AND name = 'cache.bin'")" 4
    expect "round 3 (0x52000000), after WriteFile: read from the file again" \
      "$(( $(pages_read 0x52000000) > 0 ))" 1
    expect "the segment's life in the events: kept at each last close, found by the next two
      rounds, purged by WriteFile, SetEndOfFile, CREATE_ALWAYS and the delete-on-close open" \
      "$(q "SELECT group_concat(substr(kind, 9), ',') FROM (SELECT kind FROM events
            WHERE kind LIKE 'segment-%' AND reason = 'cache.bin' ORDER BY event)")" \
      "cached,reused,cached,reused,cached,purged,cached,purged,cached,purged,cached,purged"
    expect "cache.bin deleted in the end" "$(ls "$dir/root")" ""
    ;;
  pressure)
    expect "round 2 (0x51000000), after 12 MiB of other memory: read from the file again" \
      "$(( $(pages_read 0x51000000) > 0 ))" 1
    expect "the cached segment was emptied (its last frame repurposed) before round 2" \
      "$(q "SELECT count(*) FROM events WHERE kind = 'segment-emptied' AND reason = 'cache.bin'
            AND after_fault < (SELECT min(seq) FROM faults WHERE va BETWEEN 0x51000000 AND 0x5100FFFF)")" 1
    expect "the cached segment went with its last page: round 2 made a new one" \
      "$(q "SELECT count(*) FROM sections WHERE kind = 'file' AND name = 'cache.bin'")" 2
    expect "no page of cache.bin went to the pagefile" \
      "$(q "SELECT count(*) FROM slots WHERE section IN (SELECT section FROM sections WHERE kind = 'file')")" 0
    ;;
esac
if [ $fail != 0 ] || [ -n "${VERBOSE:-}" ]; then
  echo "--- stdout"; head -c 6000 "$dir/out"
  echo "--- stderr"; head -c 4000 "$dir/err"
fi
exit $fail

#!/usr/bin/env bash
# Runs one scenario of mapfile.exe in a fresh root (the guest's C:), then
# checks the files it left on the host and asks the pagefile's record, with
# the sqlite3 shell, where the mapped file's pages went.
#   mapfile.sh NTMM MAPFILE.EXE basic|paged|inpage|collide|delete
#   mapfile.sh NTMM SHARING.EXE sharing   (the root holds image.exe, a copy of it)
set -u
ntmm=$1 program=$2 scenario=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/root"
[ "$scenario" = sharing ] && cp "$program" "$dir/root/image.exe"
db=$dir/pagefile.sys.db
fail=0

options=()
case $scenario in
  paged) options=(--ram 4M --ws-max 64) ;;
  inpage) options=(--inject-read-error 0x50000000) ;;
  collide) options=(--io-latency 1ms) ;;
esac
. "$(dirname "$0")/../scenario.sh"
run "$program" "${options[@]}" -- "$scenario"
# The file sections' pages never have a pagefile slot.
file_slots="SELECT count(*) FROM slots WHERE section IN (SELECT section FROM sections WHERE kind = 'file')"

case $scenario in
  basic)
    root=$dir/root
    expect "data.bin's size" "$(stat -c %s "$root/data.bin")" 12388
    expect "data.bin: the view's write, flushed" "$(dd if="$root/data.bin" bs=1 skip=10 count=6 2>/dev/null)" mapped
    expect "data.bin: WriteFile's bytes" "$(dd if="$root/data.bin" bs=1 skip=4101 count=7 2>/dev/null)" written
    expect "data.bin: the child's write" "$(dd if="$root/data.bin" bs=1 skip=200 count=5 2>/dev/null)" child
    expect "data.bin: the parent's write" "$(dd if="$root/data.bin" bs=1 skip=300 count=6 2>/dev/null)" parent
    expect "copy.bin is untouched by the FILE_MAP_COPY view" "$(cat "$root/copy.bin")" original
    expect "grow.bin: 3 pages after the truncation" "$(stat -c %s "$root/grow.bin")" 12288
    # Page 0 was dirtied through the view, page 1 only by WriteFile: the
    # first flush writes one page, the others find nothing (no event).
    expect "the flushes wrote exactly the one dirty page" \
      "$(q "SELECT group_concat(pages, ',') FROM events WHERE kind = 'flush'")" 1
    if ! grep -Eq "mapped files: .* 2 pages written \(1 by FlushViewOfFile\)" "$dir/err"; then
      echo "FAIL: --stats: 2 pages written to files (grow.bin's at its last unmap), 1 by the flush"; fail=1
    fi
    # Images' pages read are their hard-file faults; data files' are more
    # than theirs: read-ahead, and the page a copy-on-write fault reads.
    read_line=$(sed -n 's/^ntmm: mapped files: .* pages read (\([0-9]*\) ahead): \([0-9]*\) of images, \([0-9]*\) of data files;.*/\1 \2 \3/p' "$dir/err")
    set -- $read_line
    expect "--stats: the images' pages read, apart from data files'" "${2:-}" \
      "$(q "SELECT count(*) FROM faults f JOIN sections s ON s.section = f.section
            WHERE s.kind = 'image' AND f.kind = 'hard-file'")"
    expect "--stats: data files' pages read: their hard-file faults, read-ahead and more" \
      "$(( ${3:-0} >= ${1:-0} + $(q "SELECT count(*) FROM faults f JOIN sections s ON s.section = f.section
            WHERE s.kind = 'file' AND f.kind = 'hard-file'") ))" 1
    expect "the file sections recorded by name" \
      "$(q "SELECT group_concat(name, ',') FROM (SELECT DISTINCT name FROM sections WHERE kind = 'file' ORDER BY name)")" \
      "copy.bin,data.bin,grow.bin"
    expect "hard-file faults brought the pages in; the fault log names the file and offset" \
      "$(q "SELECT file || '@' || offset FROM file_faults WHERE kind = 'hard-file'
            AND file IN (SELECT name FROM sections WHERE kind = 'file') ORDER BY seq LIMIT 1")" \
      "data.bin@0"
    ;;
  paged)
    expect "page 0x50000000: read from the file, and again after its frame was reused" \
      "$(q "SELECT group_concat(kind, ',') FROM (SELECT kind FROM faults
            WHERE va BETWEEN 0x50000000 AND 0x50000FFF AND kind IN ('hard', 'hard-file') ORDER BY seq)" | cut -d, -f1-2)" \
      "hard-file,hard-file"
    expect "no page of the view came from the pagefile" \
      "$(q "SELECT count(*) FROM faults WHERE va BETWEEN 0x50000000 AND 0x500FFFFF AND kind = 'hard'")" 0
    expect "no page of the file was written to the pagefile" "$(q "$file_slots")" 0
    expect "at exit, each of big.bin's 256 pages is resident, standby or in its file" \
      "$(q "SELECT count(*), sum(location IN ('resident', 'standby', 'file')) FROM mapped_file_pages WHERE file = 'big.bin'")" \
      "256|256"
    expect "the mapped page writer wrote the file's pages" \
      "$(q "SELECT sum(pages) > 0 FROM events WHERE kind = 'write-file'")" 1
    if ! grep -Eq "mapped files: [1-9][0-9]* hard-file faults, [1-9][0-9]* pages read .*: [0-9]* of images, [1-9][0-9]* of data files; [1-9][0-9]* pages written" "$dir/err"; then
      echo "FAIL: --stats does not report the mapped files' I/O"; fail=1
    fi
    ;;
  inpage)
    expect "page 0x50000000: an in-page error, then read from the file" \
      "$(q "SELECT group_concat(kind, ',') FROM (SELECT kind FROM faults
            WHERE va BETWEEN 0x50000000 AND 0x50000FFF ORDER BY seq)")" \
      "in-page-error,hard-file"
    ;;
  collide)
    expect "page 0x50005000: the first thread's read from the file, the second's collided fault" \
      "$(q "SELECT group_concat(kind || ' ' || status_name, ',') FROM (SELECT * FROM faults
            WHERE va BETWEEN 0x50005000 AND 0x50005FFF ORDER BY seq LIMIT 2)")" \
      "hard-file STATUS_SUCCESS,collided STATUS_SUCCESS"
    expect "two threads, one frame" \
      "$(q "SELECT count(DISTINCT thread) || ' ' || count(DISTINCT frame) FROM (SELECT * FROM faults
            WHERE va BETWEEN 0x50005000 AND 0x50005FFF ORDER BY seq LIMIT 2)")" "2 1"
    ;;
  delete)
    expect "every file deleted in the end, none left on the host" "$(ls "$dir/root")" ""
    ;;
  sharing)
    expect "the files left: those not deleted" "$(ls "$dir/root" | tr '\n' ' ')" \
      "image.exe inherit.bin lock.bin open.bin "
    ;;
esac
if [ $fail != 0 ] || [ -n "${VERBOSE:-}" ]; then
  echo "--- stdout"; head -c 6000 "$dir/out"
  echo "--- stderr"; head -c 4000 "$dir/err"
fi
exit $fail

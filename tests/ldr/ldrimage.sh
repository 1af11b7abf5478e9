#!/usr/bin/env bash
# Image pages read from their files (issue #13): runs one scenario of
# ldrimage.exe (beside imgpage.dll, which is also copied to the root as
# C:\imgpage.dll) and asks the run record, with the sqlite3 shell, where
# the images' pages came from and went.
#   ldrimage.sh NTMM DIR paged|inpage|private|write|secimage|collide|delete
set -u
ntmm=$1 bin=$2 scenario=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/root" "$dir/bin"
cp "$bin/ldrimage.exe" "$bin/imgpage.dll" "$dir/bin/"
cp "$bin/imgpage.dll" "$bin/notpe.dll" "$dir/root/"
db=$dir/pf.db
fail=0
. "$(dirname "$0")/../scenario.sh"
# No image section's page ever had a pagefile slot: none at the end, and
# none in any snapshot of where the pages were.
image_slots="SELECT count(*) FROM slots WHERE section IN (SELECT section FROM sections WHERE kind = 'image')"
image_paged="SELECT count(*) FROM page_locations l JOIN sections c ON c.section = l.section
             AND c.kind = 'image' WHERE l.location IN ('pagefile', 'modified', 'being-written')"

case $scenario in
  paged)
    sum_before=$(md5sum <"$dir/bin/imgpage.dll")
    run "$dir/bin/ldrimage.exe" --ram 4M --ws-max 64 --pagefile-max 64M --snapshot-at 2000 --snapshot-at 4000 -- paged
    expect "the image sections' pages never had a pagefile slot" "$(q "$image_slots")" 0
    expect "no snapshot found an image page in the pagefile or on its way there" "$(q "$image_paged")" 0
    expect "snapshots were taken" "$(q "SELECT count(*) >= 2 FROM snapshots")" 1
    expect "imgpage.dll's pages were read from the file, trimmed, and read again" \
      "$(q "SELECT count(*) > 0 FROM (SELECT offset FROM file_faults WHERE file = 'imgpage.dll'
            AND kind = 'hard-file' GROUP BY offset HAVING count(*) >= 2)")" 1
    expect "and so were ldrimage.exe's code pages" \
      "$(q "SELECT count(*) > 0 FROM (SELECT offset FROM file_faults WHERE file = 'ldrimage.exe'
            AND kind = 'hard-file' AND access = 'execute' GROUP BY offset HAVING count(*) >= 2)")" 1
    expect "the file is unchanged" "$(md5sum <"$dir/bin/imgpage.dll")" "$sum_before"
    expect "--stats: the images' pages read, apart from data files' (none), as the run record counts them" \
      "$(sed -n 's/^ntmm: mapped files: .*: \([0-9]*\) of images, \([0-9]*\) of data files;.*/\1 \2/p' "$dir/err")" \
      "$(q "SELECT count(*) FROM faults f JOIN sections s ON s.section = f.section
            WHERE s.kind = 'image' AND f.kind = 'hard-file'") 0"
    grep -q "paging: .* [1-9][0-9]* pages written" "$dir/err" ||
      { echo "FAIL: nothing was paged at all (the test needs memory pressure)"; fail=1; }
    ;;
  inpage)
    "$ntmm" run "$dir/bin/ldrimage.exe" where >"$dir/where" 2>/dev/null </dev/null
    va=$(tr -d '\r' <"$dir/where")
    run "$dir/bin/ldrimage.exe" --inject-read-error "$va" -- inpage
    expect "the page at $va: an in-page error, then read from the file" \
      "$(q "SELECT group_concat(kind, ',') FROM (SELECT kind FROM faults
            WHERE va BETWEEN $va AND $va + 4095 ORDER BY seq)")" \
      "in-page-error,hard-file"
    expect "the fault log names the image and the page's offset in it" \
      "$(q "SELECT file || '@' || offset_hex FROM file_faults WHERE va_hex = printf('0x%08X', $va)
            ORDER BY seq LIMIT 1")" "ldrimage.exe@0x$(printf '%X' $((va - 0x400000)))"
    ;;
  private)
    sum_before=$(md5sum <"$dir/bin/imgpage.dll")
    run "$dir/bin/ldrimage.exe" -- private
    expect "the file is unchanged" "$(md5sum <"$dir/bin/imgpage.dll")" "$sum_before"
    expect "the parent's write to .data was a copy-on-write fault on the image" \
      "$(q "SELECT count(*) > 0 FROM file_faults WHERE file = 'imgpage.dll' AND kind = 'copy-on-write'
            AND access = 'write'")" 1
    expect "the image sections' pages never had a pagefile slot" "$(q "$image_slots")" 0
    ;;
  write)
    run "$dir/bin/ldrimage.exe" -- write
    ;;
  collide)
    # Timed in-page I/O on an image page: the first thread waits for the
    # read off the CPU, the second collides with it; both alike with an
    # injected error. Twice each: the same fault log.
    "$ntmm" run "$dir/bin/ldrimage.exe" where2 >"$dir/where" 2>/dev/null </dev/null
    va=$(tr -d '\r' <"$dir/where")
    for mode in collide collide-error; do
      extra=()
      [ $mode = collide-error ] && extra=(--inject-read-error "$va")
      for n in 1 2; do
        rm -f "$db"
        run "$dir/bin/ldrimage.exe" --io-latency 1ms "${extra[@]}" -- $mode
        q "SELECT * FROM faults ORDER BY seq" >"$dir/faults$n"
      done
      cmp -s "$dir/faults1" "$dir/faults2" || { echo "FAIL: $mode: the fault log differs between runs"; fail=1; }
      want="hard-file STATUS_SUCCESS,collided STATUS_SUCCESS"
      [ $mode = collide-error ] && want="in-page-error STATUS_IN_PAGE_ERROR,collided STATUS_IN_PAGE_ERROR"
      expect "$mode: the first thread's read and the second's collided fault" \
        "$(q "SELECT group_concat(kind || ' ' || status_name, ',') FROM (SELECT * FROM faults
              WHERE va BETWEEN $va AND $va + 4095 ORDER BY seq LIMIT 2)")" "$want"
      expect "$mode: two threads, one frame" \
        "$(q "SELECT count(DISTINCT thread) || ' ' || count(DISTINCT frame) FROM (SELECT * FROM faults
              WHERE va BETWEEN $va AND $va + 4095 ORDER BY seq LIMIT 2)")" "2 1"
    done
    ;;
  delete)
    # Run from the root, so that the program's own file is C:\ldrimage.exe.
    cp "$dir/bin/ldrimage.exe" "$dir/root/"
    "$ntmm" run --stats --pagefile "$db" --root "$dir/root" "$dir/root/ldrimage.exe" delete \
      >"$dir/out" 2>"$dir/err" </dev/null || { echo "FAIL: exit status $?"; fail=1; }
    grep -q '^FAIL' "$dir/out" && fail=1
    expect "the program's file is still there" "$(ls "$dir/root" | tr '\n' ' ')" "ldrimage.exe notpe.dll "
    ;;
  secimage)
    run "$dir/bin/ldrimage.exe" -- secimage
    expect "the run record names the section made by CreateFileMapping(SEC_IMAGE) by its file" \
      "$(q "SELECT count(*) > 0 FROM sections WHERE kind = 'image' AND name = 'imgpage.dll'")" 1
    ;;
esac
if [ $fail != 0 ] || [ -n "${VERBOSE:-}" ]; then
  echo "--- stdout"; head -c 6000 "$dir/out"
  echo "--- stderr"; head -c 4000 "$dir/err"
fi
exit $fail

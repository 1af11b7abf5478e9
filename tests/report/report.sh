#!/usr/bin/env bash
# `ntmm report` in a real browser: views.exe pages through 4 MiB of RAM,
# the report of its pagefile is rendered by headless chromium (a
# screenshot and the DOM), and the numbers in the DOM must equal what
# sqlite3 finds in the pagefile.
#   report.sh NTMM VIEWS.EXE [SCREENSHOT]
# With SCREENSHOT, the screenshot is kept there when every check passes
# (scripts/report-screenshot.sh makes docs/report.png so).
set -u
ntmm=$1 program=$2 keep=${3:-}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db=$dir/run.db
fail=0
if ! command -v chromium >/dev/null; then
  echo "FAIL: chromium is not installed (scripts/deps-test.sh installs it; make test runs it)"
  exit 1
fi

"$ntmm" run --ram 4M --ws-max 64 --pagefile-max 64M --pagefile "$db" "$program" \
  >/dev/null 2>&1 || { echo "FAIL: the run"; exit 1; }
"$ntmm" report "$db" -o "$dir/report.html" || { echo "FAIL: ntmm report"; exit 1; }
# Without -o, the report goes beside the pagefile.
"$ntmm" report "$db" && [ -s "$dir/run.html" ] || { echo "FAIL: default output run.html"; fail=1; }

# Self-contained: no script, nothing fetched.
if grep -Eqi '<script|https?:|src=|<link|@import' "$dir/report.html"; then
  echo "FAIL: the report refers to something outside itself or has a script"
  fail=1
fi

browse() { # browse ARGS... : headless chromium with a fresh profile, no network
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$dir/profile" --window-size=1000,2400 "$@" "file://$dir/report.html" \
    2>"$dir/chromium.err"
}
browse --screenshot="$dir/report.png" >/dev/null
# A PNG of the window's size, and not one colour: its IHDR says 1000 x 2400.
if [ "$(head -c 8 "$dir/report.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" != 89504e470d0a1a0a ] ||
   [ "$(od -An -tu1 -j16 -N8 "$dir/report.png" | tr -s ' ')" != " 0 0 3 232 0 0 9 96" ] ||
   [ "$(stat -c %s "$dir/report.png")" -lt 20000 ]; then
  echo "FAIL: no screenshot of 1000x2400 with content"; cat "$dir/chromium.err"; fail=1
fi
browse --dump-dom >"$dir/dom.html"
grep -q '</html>' "$dir/dom.html" || { echo "FAIL: no DOM"; cat "$dir/chromium.err"; exit 1; }

q() { sqlite3 -batch -noheader "$db" "$1"; }
# dom ATTRIBUTE-PATTERN: the value of the data-* attribute after it in the DOM.
dom() { grep -o "$1"'[^>]*' "$dir/dom.html" | head -1 | grep -o "$2=\"[^\"]*\"" | cut -d'"' -f2; }
check() { # check WHAT GOT WANT
  if [ "$2" != "$3" ] || [ -z "$3" ]; then
    echo "FAIL: $1: the page says '$2', the pagefile '$3'"
    fail=1
  fi
}
check "page faults" "$(dom 'id="k-faults"' data-value)" "$(q 'SELECT count(*) FROM faults')"
check "hard faults" "$(dom 'id="k-hard"' data-value)" \
  "$(q "SELECT count(*) FROM faults WHERE kind = 'hard'")"
check "hard faults from files" "$(dom 'id="k-hard-file"' data-value)" \
  "$(q "SELECT count(*) FROM faults WHERE kind = 'hard-file'")"
check "pages written to files" "$(dom 'id="k-file-pages-written"' data-value)" \
  "$(q "SELECT coalesce(sum(pages), 0) FROM events WHERE kind IN ('write-file', 'flush')")"
check "guest instructions" "$(dom 'id="k-instructions"' data-value)" \
  "$(q 'SELECT max((SELECT max(time) FROM faults), (SELECT max(time) FROM samples))')"
check "pages written" "$(dom 'id="k-pages-written"' data-value)" \
  "$(q "SELECT sum(pages) FROM events WHERE kind = 'write-cluster'")"
check "peak commit" "$(dom 'id="k-peak-commit"' data-value)" \
  "$(q 'SELECT max(commit_charge) FROM samples')"
check "peak working set" "$(dom 'id="k-peak-working-set"' data-value)" \
  "$(q 'SELECT max(working_set) FROM sample_processes')"
check "samples" "$(dom 'id="sample-count"' data-value)" "$(q 'SELECT count(*) FROM samples')"
for kind in $(q "SELECT kind FROM faults GROUP BY kind"); do
  check "faults of kind $kind in the legend" \
    "$(dom "data-series=\"$kind\"" data-total)" \
    "$(q "SELECT count(*) FROM faults WHERE kind = '$kind'")"
done
check "the hottest page" \
  "$(dom '<tr data-process=' data-va) $(dom '<tr data-process=' data-faults)" \
  "$(q 'SELECT va || " " || faults FROM faults_per_page LIMIT 1')"
check "pages in process 256's map" \
  "$(dom 'data-type="total"' data-pages)" \
  "$(q 'SELECT count(*) FROM page_locations WHERE process = 256 AND snapshot =
        (SELECT max(snapshot) FROM page_locations WHERE process = 256)')"
check "image pages in the map" \
  "$(dom 'data-type="image"' data-pages)" \
  "$(q "SELECT count(*) FROM page_locations l JOIN sections USING (section) WHERE kind = 'image'
        AND process = 256 AND snapshot = (SELECT max(snapshot) FROM page_locations)")"
check "trimmed pages" "$(dom 'data-event="trim"' data-pages)" \
  "$(q "SELECT sum(pages) FROM events WHERE kind = 'trim'")"

# A file that is not a pagefile: one line, exit 125.
echo "not a database" >"$dir/notes.txt"
"$ntmm" report "$dir/notes.txt" -o "$dir/x.html" 2>"$dir/err"
status=$?
if [ $status != 125 ] || [ "$(wc -l <"$dir/err")" != 1 ]; then
  echo "FAIL: a file that is not a pagefile: exit $status, '$(cat "$dir/err")'"
  fail=1
fi

[ $fail = 0 ] && echo "report: rendered by chromium, its numbers are the pagefile's"
[ $fail = 0 ] && [ -n "$keep" ] && cp "$dir/report.png" "$keep"
exit $fail

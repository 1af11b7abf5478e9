#!/usr/bin/env bash
# run.sh [--prepare-only] [--no-prepare] [--readme FILE] [CASE...]
# The real-program corpus: each case runs a program built twice from the same
# sources (build.sh) once under `ntmm run --root <scratch>` and once natively,
# each in a scratch directory of its own holding the same input files, and
# compares stdout, exit status and every file left, byte for byte.
# Windows text mode writes CRLF for LF: where a case's stdout (or a file it
# names) is written in text mode, the expected difference is exactly that,
# and the comparison accepts nothing else (the native bytes with each LF made
# CRLF must equal ntmm's). A results table is printed and kept in
# CACHE/results.md; --readme replaces the table in FILE between its markers.
# With CASE names only those run, and the exit status says whether all were
# identical; without, every case runs and the exit status says only whether
# the table could be made (fetching or building failing is an error).
# Environment: NTMM (default build/ntmm), CORPUS_CACHE (default build/corpus).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cache=${CORPUS_CACHE:-$top/build/corpus}
ntmm=${NTMM:-$top/build/ntmm}
inputs=$here/inputs
prepare=1 only_prepare=0 readme=
selected=()
while [ $# -gt 0 ]; do
  case $1 in
    --prepare-only) only_prepare=1 ;;
    --no-prepare) prepare=0 ;;
    --readme) readme=$2; shift ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) selected+=("$1") ;;
  esac
  shift
done

PACKAGES=(lua5.4 sqlite3 zlib bzip2 duktape)
# The programs (build.sh's names) that the given cases run; all for none.
declare -A exe_of=([lua]=lua [sqlite]=sqlite3 [minigzip]=minigzip [zlib]=example [bzip2]=bzip2 [duktape]=duk)
programs_of() {
  [ $# -eq 0 ] && { echo "${exe_of[@]}"; return; }
  local c; for c in "$@"; do echo "${exe_of[${c%%.*}]}"; done | sort -u
}
if [ $prepare = 1 ]; then
  mkdir -p "$cache"
  bash "$here/fetch.sh" "$cache" "${PACKAGES[@]}" || { echo "corpus: FAILED to fetch the sources" >&2; exit 1; }
  bash "$here/build.sh" "$cache" $(programs_of "${selected[@]}") ||
    { echo "corpus: FAILED to build the programs" >&2; exit 1; }
fi
[ $only_prepare = 1 ] && exit 0
for p in $(programs_of "${selected[@]}"); do
  if [ ! -x "$cache/bin/native/$p" ] || [ ! -f "$cache/bin/win/$p.exe" ]; then
    echo "corpus: $p is not built in $cache/bin (run without --no-prepare)" >&2; exit 1
  fi
done
[ -x "$ntmm" ] || { echo "corpus: no ntmm at $ntmm" >&2; exit 1; }
src=$cache/src

# ---- the cases --------------------------------------------------------------
# A case is a function that sets up its inputs with `put` and runs its steps
# with `step`; steps run in order in the same scratch directory, and the
# stdouts and exit statuses of all of them are compared.
#   put SOURCE [NAME]          copy an input file into the scratch directory
#   text WHAT...               stdout ("-") or files written in text mode
#   gzip_os FILE...            gzip files whose header byte 9 is the OS code
#   mask SED-EXPRESSION WHY    applied to both stdouts before comparing, for
#                              a difference the word size makes (ntmm runs
#                              the i686 build, the native one is x86-64)
#   step PROGRAM STDIN ARGS... run PROGRAM (STDIN a file name or -)
CASES=(lua.stdin lua.files lua.bench sqlite.memory sqlite.csv sqlite.file sqlite.mmap
       minigzip.file minigzip.stream zlib.example bzip2.file bzip2.stream duktape.script)
case_lua.stdin()      { text -; step lua "$inputs/basics.lua" -; }
case_lua.files()      { text - notes.txt numbers.txt; put "$inputs/files.lua"; step lua - files.lua; }
case_lua.bench()      { text -; put "$inputs/bench.lua"; step lua - bench.lua; }
case_sqlite.memory()  { text -; step sqlite3 "$inputs/memory.sql" :memory:; }
# The shell switches stdout to binary mode while it prints CSV rows (their
# separator is CRLF already), so CSV output is compared exactly.
case_sqlite.csv()     { step sqlite3 "$inputs/csv.sql" :memory:; }
case_sqlite.file()    { text -; step sqlite3 "$inputs/create.sql" bank.db
                        step sqlite3 "$inputs/reopen.sql" bank.db; }
# The same with PRAGMA mmap_size: SQLite reads the database through views of
# its file (ntmm's mapped files) and writes it with WriteFile.
case_sqlite.mmap()    { text -; put "$inputs/create.sql"; put "$inputs/reopen.sql"
                        step sqlite3 "$inputs/mmap-create.sql" bank.db
                        step sqlite3 "$inputs/mmap-reopen.sql" bank.db; }
case_minigzip.file()  { put "$src/lua5.4/src/lvm.c" data.txt; put "$src/bzip2/sample1.ref" data.bin
                        step minigzip - data.txt; step minigzip - -9 data.bin
                        step minigzip - -d data.txt.gz; step minigzip - -d data.bin.gz; }
case_minigzip.stream(){ gzip_os -; step minigzip "$src/lua5.4/src/lparser.c"; }
case_zlib.example()   { text -; gzip_os foo.gz
                        mask 's/compile flags = 0x[0-9a-f]*/compile flags = (masked)/' \
                             "zlibCompileFlags() encodes sizeof(uLong) and of a pointer"
                        step example -; }
case_bzip2.file()     { put "$src/lua5.4/src/lvm.c" data.txt; put "$src/bzip2/sample2.bz2" s2.bz2
                        step bzip2 - -k data.txt; step bzip2 - -d s2.bz2; step bzip2 - -t data.txt.bz2; }
case_bzip2.stream()   { step bzip2 "$src/lua5.4/src/lparser.c" -c; step bzip2 "$src/bzip2/sample3.bz2" -dc; }
case_duktape.script() { text -; put "$inputs/script.js"; step duk - script.js; }

# ---- the harness ------------------------------------------------------------
declare -A PROGRAM_OF=([lua]=lua [sqlite3]=sqlite3 [minigzip]=minigzip [example]=zlib [bzip2]=bzip2 [duk]=duktape)
now() { date +%s.%N; }
# No step may hang the corpus: each is stopped after this many seconds (exit
# status 124 then, which no program here gives itself).
STEP_LIMIT=${CORPUS_STEP_LIMIT:-300}
join() { local out="" w; for w in "$@"; do out+="${out:+; }$w"; done; printf '%s' "$out" | tr '|' '/'; }

put()     { cp "$1" "$dir/native/${2:-$(basename "$1")}"; cp "$1" "$dir/ntmm/${2:-$(basename "$1")}"; }
text()    { textmode+=("$@"); }
gzip_os() { gzipos+=("$@"); }
mask()    { masks+=("$1"); notes+=("stdout masked: $2"); }
step() {
  local prog=$1 in=$2; shift 2
  [ "$in" = - ] && in=/dev/null
  local t0 t1 t2 rc
  t0=$(now)
  (cd "$dir/native" && timeout "$STEP_LIMIT" "$cache/bin/native/$prog" "$@" <"$in" >>"$dir/native.out" 2>>"$dir/native.err")
  rc=$?; echo "exit $rc" >>"$dir/native.status"
  t1=$(now)
  (cd "$dir/ntmm" && timeout "$STEP_LIMIT" "$ntmm" run --pagefile :memory: --no-fault-log --root "$dir/ntmm" \
      "$cache/bin/win/$prog.exe" "$@" <"$in" >>"$dir/ntmm.out" 2>>"$dir/ntmm.err")
  rc=$?; echo "exit $rc" >>"$dir/ntmm.status"
  t2=$(now)
  tn=$(awk -v s="$tn" -v a="$t0" -v b="$t1" 'BEGIN { print s + b - a }')
  tw=$(awk -v s="$tw" -v a="$t1" -v b="$t2" 'BEGIN { print s + b - a }')
  progname=${PROGRAM_OF[$prog]}
}

# same KIND NATIVE NTMM: compares two files as a case says they should be:
# "text" (ntmm's = native's with LF→CRLF), "gzip" (byte 9 ignored), or exact.
same() {
  case $1 in
    text) cmp -s <(sed 's/$/\r/' "$2" | head -c "$(($(wc -c <"$2") + $(tr -cd '\n' <"$2" | wc -c)))") "$3" ;;
    gzip) cmp -s <(head -c 9 "$2"; tail -c +11 "$2") <(head -c 9 "$3"; tail -c +11 "$3") ;;
    *) cmp -s "$2" "$3" ;;
  esac
}
kind_of() {
  local w
  for w in "${textmode[@]}"; do [ "$w" = "$1" ] && { echo text; return; }; done
  for w in "${gzipos[@]}"; do [ "$w" = "$1" ] && { echo gzip; return; }; done
  echo exact
}

run_case() {
  local name=$1
  dir=$cache/run/$name
  rm -rf "$dir"; mkdir -p "$dir/native" "$dir/ntmm"
  textmode=() gzipos=() masks=() notes=() tn=0 tw=0 progname=?
  "case_$name"
  local why=() f k m
  for m in "${masks[@]}"; do
    sed -i "$m" "$dir/native.out" "$dir/ntmm.out"
  done
  cmp -s "$dir/native.status" "$dir/ntmm.status" ||
    why+=("exit $(paste -sd, "$dir/ntmm.status" | sed 's/exit //g') vs native $(paste -sd, "$dir/native.status" | sed 's/exit //g')")
  k=$(kind_of -)
  same "$k" "$dir/native.out" "$dir/ntmm.out" || why+=("stdout differs")
  [ "$k" = text ] && notes+=("stdout LF→CRLF")
  [ "$k" = gzip ] && notes+=("stdout gzip OS byte")
  local nfiles wfiles
  nfiles=$(cd "$dir/native" && find . -type f | sort)
  wfiles=$(cd "$dir/ntmm" && find . -type f | sort)
  local only
  only=$(comm -23 <(echo "$nfiles") <(echo "$wfiles") | sed 's|^\./||' | paste -sd' ')
  [ -n "$only" ] && why+=("files left only natively: $only")
  only=$(comm -13 <(echo "$nfiles") <(echo "$wfiles") | sed 's|^\./||' | paste -sd' ')
  [ -n "$only" ] && why+=("files left only under ntmm: $only")
  for f in $nfiles; do
    f=${f#./}
    [ -f "$dir/ntmm/$f" ] || continue
    k=$(kind_of "$f")
    same "$k" "$dir/native/$f" "$dir/ntmm/$f" || why+=("$f differs")
    [ "$k" = text ] && notes+=("$f LF→CRLF")
    [ "$k" = gzip ] && notes+=("$f gzip OS byte")
  done
  if [ ${#why[@]} -eq 0 ]; then
    ok=yes
  else
    ok=no
    # What ntmm or the program said on stderr that the native run did not:
    # ntmm's line names a refused load's imports, the program's its trouble.
    local first
    first=$(grep -m1 '^ntmm:' "$dir/ntmm.err" ||
            tr -d '\r' <"$dir/ntmm.err" | grep -m1 -vxF -f "$dir/native.err" || true)
    [ -n "$first" ] && why+=("stderr: $(echo "$first" | tr -d '\r' | cut -c1-160)")
  fi
  printf '| %s | %s | %s | %.2f | %.2f | %s |\n' "$progname" "$name" "$ok" "$tw" "$tn" \
    "$(join "${why[@]}")$([ ${#why[@]} -gt 0 ] && [ ${#notes[@]} -gt 0 ] && echo ' — ')$(join "${notes[@]}")" >>"$table"
  [ $ok = yes ] || failed+=("$name")
  [ $ok = yes ]
}

[ ${#selected[@]} -gt 0 ] || selected=("${CASES[@]}")
table=$(mktemp)
fails=0 failed=()
for c in "${selected[@]}"; do
  declare -F "case_$c" >/dev/null || { echo "run.sh: no case $c (cases: ${CASES[*]})" >&2; exit 2; }
  run_case "$c" || fails=$((fails + 1))
done
{
  echo "| program | case | identical? | time under ntmm (s) | time native (s) | notes |"
  echo "| --- | --- | --- | ---: | ---: | --- |"
  cat "$table"
  echo
  echo "$(( ${#selected[@]} - fails )) of ${#selected[@]} cases identical." \
       "Text-mode stdout and files are compared after LF→CRLF of the native bytes only;" \
       "a gzip header's OS byte (10 on Win32, 3 on Unix, zlib's OS_CODE) is the only byte ignored;" \
       "zlib's example prints zlibCompileFlags(), which encodes the word size, and that value is masked."
} >"$table.md"
rm -f "$table"
# What the failing cases' programs import that the guest DLLs do not export.
if [ ${#failed[@]} -gt 0 ]; then
  exes=$(for c in "${failed[@]}"; do echo "$cache/bin/win/${exe_of[${c%%.*}]}.exe"; done | sort -u)
  {
    echo "Not identical yet: ${failed[*]}."
    echo
    sysdir=$(dirname "$ntmm")/user
    echo "Imports the guest DLLs (${sysdir#"$top"/}) do not export yet, by program (tests/corpus/imports.sh):"
    echo
    # shellcheck disable=SC2086
    bash "$here/imports.sh" "$(dirname "$ntmm")/user" $exes | sed 's/^/- /'
  } >"$table.missing"
else
  echo "Every case is identical." >"$table.missing"
fi
cat "$table.md"
echo; cat "$table.missing"
if [ ${#selected[@]} -eq ${#CASES[@]} ]; then cp "$table.md" "$cache/results.md"; fi
if [ -n "$readme" ]; then
  awk -v tbl="$table.md" '
    /<!-- corpus-results: generated by tests\/corpus\/run.sh --readme -->/ { print; while ((getline l < tbl) > 0) print l; skip = 1; next }
    /<!-- \/corpus-results -->/ { skip = 0 }
    !skip' "$readme" >"$readme.new" && mv "$readme.new" "$readme"
fi
if [ -n "$readme" ]; then
  notes=$here/README.md
  awk -v miss="$table.missing" '
    /<!-- not-passing -->/ { print; while ((getline l < miss) > 0) print l; skip = 1; next }
    /<!-- \/not-passing -->/ { skip = 0 }
    !skip' "$notes" >"$notes.new" && mv "$notes.new" "$notes"
fi
rm -f "$table.md" "$table.missing"
if [ ${#selected[@]} -eq ${#CASES[@]} ] && [ -z "${CORPUS_STRICT:-}" ]; then exit 0; fi
[ $fails -eq 0 ]

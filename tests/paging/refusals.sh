#!/usr/bin/env bash
# A pagefile ntmm cannot use stops the run before the program starts:
# exit 125 and one line saying why, and a file that is not ours is left
# exactly as it was.
#   refusals.sh NTMM PROGRAM.exe
set -u
ntmm=$1 program=$2
dir=$(mktemp -d)
trap 'chmod -R u+w "$dir"; rm -rf "$dir"' EXIT
fail=0

refused() { # refused WHAT REGEX PAGEFILE [COMMAND PREFIX...]
  local out status
  out=$("${@:4}" "$ntmm" run --pagefile "$3" "$program" 2>&1 </dev/null)
  status=$?
  if [ $status != 125 ] || ! grep -Eq -- "$2" <<<"$out"; then
    echo "FAIL: $1: exit $status, output: $out"
    fail=1
  fi
}

refused "a directory that does not exist" "^ntmm: pagefile $dir/none/pf.db: " "$dir/none/pf.db"

printf 'not a database, and precious\n' >"$dir/notes.txt"
cp "$dir/notes.txt" "$dir/notes.orig"
refused "a file that is not a SQLite database" "^ntmm: pagefile .*notes.txt: .*not" "$dir/notes.txt"
cmp -s "$dir/notes.txt" "$dir/notes.orig" || { echo "FAIL: the text file was changed"; fail=1; }

sqlite3 "$dir/other.db" "CREATE TABLE mine (x); INSERT INTO mine VALUES (42);"
refused "a SQLite database of something else" "^ntmm: pagefile .*other.db: " "$dir/other.db"
[ "$(sqlite3 "$dir/other.db" 'SELECT x FROM mine')" = 42 ] || { echo "FAIL: other.db was changed"; fail=1; }

# Root writes anywhere: as root, the read-only cases run as nobody.
as=()
if [ "$(id -u)" = 0 ]; then
  as=(setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups)
  chmod 755 "$dir"
  if ! "${as[@]}" "$ntmm" run --pagefile :memory: "$program" >/dev/null 2>&1 </dev/null; then
    echo "SKIP: the read-only refusals: running as root, and nobody cannot run $ntmm" >&2
    as=(skip)
  fi
fi
mkdir "$dir/ro" && chmod a-w "$dir/ro"
"$ntmm" run --pagefile "$dir/ok.db" "$program" >/dev/null 2>&1 </dev/null
chmod a-w "$dir/ok.db"
if [ "${as[*]}" != skip ]; then
  refused "a read-only directory" "^ntmm: pagefile .*ro/pf.db: " "$dir/ro/pf.db" "${as[@]}"
  refused "a read-only pagefile" "^ntmm: pagefile .*ok.db: " "$dir/ok.db" "${as[@]}"
fi

# Bad sizes and options are refused the same way.
for bad in "--pagefile-max lots" "--ws-max 0" "--ws-min 100 --ws-max 50"; do
  # shellcheck disable=SC2086
  out=$("$ntmm" run --pagefile :memory: $bad "$program" 2>&1 </dev/null)
  status=$?
  if [ $status != 125 ] || [ "$(wc -l <<<"$out")" != 1 ]; then
    echo "FAIL: $bad: exit $status, output: $out"
    fail=1
  fi
done
[ "${as[*]}" = skip ] && [ $fail = 0 ] && exit 77 # ctest: skipped, not passed
exit $fail

#!/usr/bin/env bash
# Runs one C++ program under ntmm and its native build on Linux, with the
# same standard input, each in an empty scratch directory (ntmm's is its
# --root, the guest's C:\), and compares:
#   - the exit status;
#   - stdout and stderr: the native bytes with every LF written as CR LF
#     (msvcrt's text mode, in which the standard streams start) must equal
#     ntmm's bytes exactly;
#   - the files each run leaves: the same names, each file's bytes
#     identical (the programs leave only binary-mode files).
#   run.sh NTMM PROGRAM.exe NATIVE_PROGRAM [STDIN_FILE]
set -u
ntmm=$1 exe=$2 native=$3 input=${4:-/dev/null}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/ntmm" "$dir/native"
(cd "$dir/native" && "$native" <"$input" >"$dir/native.out" 2>"$dir/native.err")
want_status=$?
"$ntmm" run --root "$dir/ntmm" --pagefile :memory: --no-fault-log "$exe" \
  <"$input" >"$dir/ntmm.out" 2>"$dir/ntmm.err"
status=$?
# LF → CR LF, keeping a final line without LF as it is.
crlf() { sed -e 's/$/\r/' "$1" | head -c "$(( $(wc -c <"$1") + $(tr -cd '\n' <"$1" | wc -c) ))"; }
fail=0
if [ "$status" != "$want_status" ]; then
  echo "FAIL: exit status $status under ntmm, $want_status natively"
  fail=1
fi
for stream in out err; do
  crlf "$dir/native.$stream" >"$dir/expected.$stream"
  if ! cmp -s "$dir/expected.$stream" "$dir/ntmm.$stream"; then
    echo "FAIL: std$stream differs from the native run's (LF as CR LF); native < > ntmm:"
    diff <(cat -A "$dir/expected.$stream") <(cat -A "$dir/ntmm.$stream") | head -40
    fail=1
  fi
done
if [ "$(cd "$dir/native" && find . | sort)" != "$(cd "$dir/ntmm" && find . | sort)" ]; then
  echo "FAIL: the files left differ: native: $(cd "$dir/native" && find . -type f | sort | tr '\n' ' ')" \
       "ntmm: $(cd "$dir/ntmm" && find . -type f | sort | tr '\n' ' ')"
  fail=1
else
  while IFS= read -r f; do
    cmp -s "$dir/native/$f" "$dir/ntmm/$f" || { echo "FAIL: $f differs"; fail=1; }
  done < <(cd "$dir/native" && find . -type f)
fi
if [ $fail = 0 ]; then
  echo "identical: exit status $status, $(wc -c <"$dir/ntmm.out") bytes of stdout," \
       "$(wc -c <"$dir/ntmm.err") of stderr, $(cd "$dir/ntmm" && find . -type f | wc -l) files left"
else
  echo "--- ntmm stderr"; head -c 2000 "$dir/ntmm.err"
fi
exit $fail

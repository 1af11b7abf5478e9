#!/usr/bin/env bash
# Runs one PE program under ntmm and checks what came out.
#   run-pe-test.sh NTMM EXIT_STATUS EXPECTED_STDOUT|- STDERR_REGEX|- PROGRAM [ARGS...]
# EXPECTED_STDOUT is a file whose contents stdout must equal exactly;
# STDERR_REGEX an extended regex stderr must match (--stats output is there).
# Standard input is $NTMM_TEST_STDIN, or /dev/null.
set -u
ntmm=$1 want_status=$2 want_stdout=$3 want_stderr=$4
shift 4
dir=$(mktemp -d)
out=$dir/stdout err=$dir/stderr
trap 'rm -rf "$dir"' EXIT
# Each test has its own pagefile (tests run in parallel) and its own empty
# root (the guest's C:\, where its files go); a test's own --pagefile or
# --root, later on the command line, wins.
mkdir "$dir/root"
"$ntmm" run --stats --pagefile "$dir/pagefile.sys.db" --root "$dir/root" "$@" >"$out" 2>"$err" <"${NTMM_TEST_STDIN:-/dev/null}"
status=$?
fail=0
if [ "$status" != "$want_status" ]; then
  echo "FAIL: exit status $status, expected $want_status"
  fail=1
fi
if [ "$want_stdout" != - ] && ! cmp -s "$out" "$want_stdout"; then
  echo "FAIL: stdout differs from $want_stdout:"
  diff "$want_stdout" "$out" | head -40
  fail=1
fi
if [ "$want_stderr" != - ] && ! grep -Eq -- "$want_stderr" "$err"; then
  echo "FAIL: stderr does not match /$want_stderr/"
  fail=1
fi
if [ $fail != 0 ] || [ -n "${VERBOSE:-}" ]; then
  echo "--- stdout"; head -c 4000 "$out"
  echo "--- stderr"; head -c 4000 "$err"
fi
exit $fail

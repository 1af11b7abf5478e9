#!/usr/bin/env bash
# ntmm check on a program: its exit status, and its stdout exactly.
#   run-check-test.sh NTMM EXIT_STATUS EXPECTED_STDOUT PROGRAM [DLL...]
set -u
ntmm=$1 want_status=$2 want_stdout=$3
shift 3
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$ntmm" check "$@" >"$out"
status=$?
fail=0
if [ "$status" != "$want_status" ]; then
  echo "FAIL: exit status $status, expected $want_status"
  fail=1
fi
if ! cmp -s "$out" "$want_stdout"; then
  echo "FAIL: stdout differs from $want_stdout:"
  diff "$want_stdout" "$out"
  fail=1
fi
exit $fail

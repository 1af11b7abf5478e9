#!/usr/bin/env bash
# peekpipe.exe with its standard input a pipe the shell writes "piped
# bytes" into: its own checks, exit status 0 and the expected output.
#   run-peek-test.sh NTMM PROGRAM EXPECTED
set -u
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/root"
printf 'piped bytes' | "$1" run --pagefile :memory: --root "$dir/root" "$2" >"$dir/out"
status=$?
if [ $status != 0 ] || ! cmp -s "$dir/out" "$3"; then
  echo "FAIL: exit status $status, output:"
  cat "$dir/out"
  diff "$3" "$dir/out"
  exit 1
fi

#!/usr/bin/env bash
# The program copied into a fresh root's bin\ directory and run from there:
# GetModuleFileName must say C:\bin\modpath.exe.
#   run-modpath-test.sh NTMM PROGRAM
set -u
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/root/bin"
cp "$2" "$dir/root/bin/modpath.exe"
out=$("$1" run --pagefile :memory: --root "$dir/root" "$dir/root/bin/modpath.exe" | tr -d '\r')
if [ "$out" != 'C:\bin\modpath.exe 18' ]; then
  echo "FAIL: got '$out', expected 'C:\bin\modpath.exe 18'"
  exit 1
fi

#!/usr/bin/env bash
# imports.sh SYSDIR EXE...: for each EXE, the imports that the guest DLLs in
# SYSDIR (ntdll.dll, kernel32.dll, msvcrt.dll) do not export, as
# "exe: N missing: dll!name ...". Read from the PE tables with objdump, so it
# says what a load would refuse without running anything.
set -euo pipefail
sysdir=$1; shift
objdump=i686-w64-mingw32-objdump
exports=$(for d in "$sysdir"/*.dll; do
  n=$(basename "$d" | tr 'A-Z' 'a-z')
  $objdump -p "$d" | awk -v dll="$n" '
    /\[Ordinal\/Name Pointer\] Table/ { f = 1; next }
    f && /^\t\[/ { print dll "!" $NF; next }
    f { f = 0 }'
done | sort -u)
for e in "$@"; do
  missing=$($objdump -p "$e" | awk '
    /DLL Name:/ { dll = tolower($3); next }
    /^\t[0-9a-f]+\t +[0-9]+ +/ { print dll "!" $3 }' | sort -u | comm -23 - <(echo "$exports"))
  if [ -z "$missing" ]; then
    echo "$(basename "$e"): none missing"
  else
    echo "$(basename "$e"): $(echo "$missing" | grep -c .) missing: $(echo $missing)"
  fi
done

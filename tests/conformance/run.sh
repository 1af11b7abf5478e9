#!/usr/bin/env bash
# run.sh [--doc FILE] [DLL/TEST...]: Wine's conformance tests, run under ntmm
# as they run on Windows; one line per test file and a table at the end.
#
# The tests are Wine's own (dlls/DLL/tests/TEST.c of the Debian source package
# `wine` of this machine's release, fetched by tests/corpus/fetch.sh into
# build/conformance/src), each built standalone with mingw-w64 and Wine's
# headers, run in a scratch C:\ of its own. Nothing of Wine is kept in the
# repository. The list (without arguments) is tests/conformance/tests.txt.
#
# The harness differs from Wine's own build in three ways, all here:
#  - include/wine/test.h is used from a copy with two lines changed:
#    <wincon.h> is included (its main() calls GetConsoleMode, which Wine's
#    windows.h pulls in and a lean one does not), and WAIT_ABANDONED is
#    written as its value (the macro expands through ntstatus.h, which many
#    tests include after test.h);
#  - Wine's headers generated from .idl at Wine's build time (wtypes.h,
#    objidl.h...) are generated here by mingw-w64's widl;
#  - __wine_dbg_strdup, which Wine's tests get from Wine's winecrt0, is a
#    ring of buffers in shim.c.
# The tests see platform "windows": todo_wine marks are not excused, broken()
# answers (older Windows versions') are accepted.
#
# A line's result: "ran" with Wine's own summary (checks executed, failures,
# skipped), "guest crash" (an unhandled exception ended the test: it counts
# as failing), "refused" (the exe imports something ntmm's DLLs do not have;
# ntmm names it), "timeout", or "HOST" (ntmm itself failed: always a bug).
# --doc FILE writes the table between FILE's conformance markers.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
here="$top/tests/conformance"
ntmm=$(readlink -f "${NTMM:-$top/build/ntmm}")
cache=${CONFORMANCE_CACHE:-$top/build/conformance}
doc=""
if [ "${1:-}" = --doc ]; then doc=$2; shift 2; fi
if [ $# -eq 0 ]; then
  set -- $(grep -v '^#' "$here/tests.txt" | awk 'NF {print $1}')
fi
[ -x "$ntmm" ] || { echo "conformance: no ntmm at $ntmm (make build)" >&2; exit 2; }
command -v i686-w64-mingw32-widl >/dev/null || {
  echo "conformance: mingw-w64's widl is missing (bash scripts/deps.sh --conformance)" >&2; exit 2; }

bash "$top/tests/corpus/fetch.sh" "$cache" wine || exit 2
W="$cache/src/wine"
h="$cache/harness"
mkdir -p "$h/inc/wine" "$h/gen" "$cache/bin" "$cache/run"

# The harness, rebuilt when this script changes.
if [ ! -f "$h/.ready" ] || [ "$0" -nt "$h/.ready" ] || [ "$here/shim.c" -nt "$h/.ready" ]; then
  sed -e 's|^#include <wine/debug.h>|&\n#include <wincon.h>|' \
      -e 's|ret != WAIT_ABANDONED)|ret != 0x00000080 /* WAIT_ABANDONED */)|' \
      "$W/include/wine/test.h" > "$h/inc/wine/test.h"
  grep -q '<wincon.h>' "$h/inc/wine/test.h" && grep -q '0x00000080' "$h/inc/wine/test.h" || {
    echo "conformance: Wine's test.h no longer has the lines the harness changes" >&2; exit 2; }
  for idl in "$W"/include/*.idl; do
    b=$(basename "$idl" .idl)
    [ -f "$W/include/$b.h" ] && continue
    i686-w64-mingw32-widl -m32 -h -I"$W/include" -o "$h/gen/$b.h" "$idl" >/dev/null 2>&1 || true
  done
  i686-w64-mingw32-gcc -O1 -c -o "$h/shim.o" "$here/shim.c" || exit 2
  touch "$h/.ready"
fi

gcc_inc=$(i686-w64-mingw32-gcc -print-file-name=include)
cflags=(-O1 -w -DSTANDALONE -D_WIN32_WINNT=0x0A00 -D__WINESRC__ -D__WINE_PE_BUILD -D_MSVCR_VER=0 -nostdinc
        -I"$h/inc" -I"$W/include" -I"$W/include/msvcrt" -isystem "$gcc_inc" -idirafter "$h/gen")
libs=(-lntdll -lkernel32 -luser32 -ladvapi32 -lshlwapi -lpsapi -lmsvcrt)

rows=()
for dt in "$@"; do
  dll=${dt%%/*} t=${dt#*/}
  src="$W/dlls/$dll/tests/$t.c"
  exe="$cache/bin/${dll}_$t.exe"
  log="$cache/run/${dll}_$t.log"
  if [ ! -f "$src" ]; then echo "conformance: no $src" >&2; exit 2; fi
  if [ ! -f "$exe" ] || [ "$src" -nt "$exe" ] || [ "$h/.ready" -nt "$exe" ]; then
    if ! i686-w64-mingw32-gcc "${cflags[@]}" -I"$W/dlls/$dll/tests" -o "$exe" "$src" \
         "$h/shim.o" "${libs[@]}" 2> "$cache/run/${dll}_$t.build.log"; then
      echo "conformance: $dt does not build: $cache/run/${dll}_$t.build.log" >&2
      rows+=("| \`$dt\` | does not build | - | - | - | |"); continue
    fi
  fi
  scratch="$cache/run/${dll}_$t"
  rm -rf "$scratch"; mkdir -p "$scratch"
  cp "$exe" "$scratch/$t.exe"
  (cd "$scratch" && "$ntmm" run --root . --pagefile :memory: --no-fault-log --timeout 300 \
     --exit-status-file ../${dll}_$t.status "$t.exe" > "$log" 2>&1)
  rc=$?
  # The guest's exit code is its failure count (at most 255): whether ntmm
  # or the guest ended the run is in the status file, absent if ntmm died.
  ended_by=$(sed -nE 's/.*"ended_by": "([a-z]+)".*/\1/p' "$cache/run/${dll}_$t.status" 2>/dev/null)
  summary=$(grep -aE "^[0-9a-f]{4}:$t: [0-9]+ tests executed" "$log" | tail -1)
  executed=$(sed -E 's/.* ([0-9]+) tests executed.*/\1/' <<<"$summary")
  failures=$(sed -E 's/.* ([0-9]+) failures?\).*/\1/' <<<"$summary")
  skipped=$(sed -E 's/.*, ([0-9]+) skipped.*/\1/' <<<"$summary")
  note=""
  if grep -aq "^ntmm: missing import" "$log"; then
    result="refused"; note=$(grep -a -m1 -o "missing import.*" "$log" | sed 's/ (imported by.*//' | cut -c1-120)
  elif [ $rc -eq 124 ]; then
    result="timeout"
  elif [ "$ended_by" != guest ]; then
    result="HOST"; note="ntmm exit $rc: $(grep -a -m1 '^ntmm:' "$log" | cut -c1-100)"
  elif grep -aq "unhandled exception" "$log"; then
    result="guest crash"
    last=$(grep -a -m1 -o '^[a-z_0-9]*\.c:[0-9]*: this is the last' "$log" | sed 's/: this is the last//')
    [ -n "$last" ] && note="after $last"
  elif [ -n "$summary" ]; then
    result="ran"
  else
    result="no summary"; note="exit $rc"
  fi
  # A test that spawns children prints one summary per process; the last
  # one is the parent's, which counts the whole file.
  printf '%-22s %-12s checks %-7s failures %-5s skipped %-4s %s\n' "$dt" "$result" \
    "${executed:--}" "${failures:--}" "${skipped:--}" "$note"
  rows+=("| \`$dt\` | $result | ${executed:--} | ${failures:--} | ${skipped:--} | $note |")
done

table=$(printf '%s\n' "| test | result | checks | failures | skipped | note |" \
                      "|---|---|---:|---:|---:|---|" "${rows[@]}")
if [ -n "$doc" ]; then
  python3 - "$doc" "$table" <<'EOF'
import sys, re
path, table = sys.argv[1], sys.argv[2]
text = open(path).read()
start, end = "<!-- conformance -->", "<!-- /conformance -->"
if start not in text or end not in text:
    sys.exit(f"conformance: {path} has no {start} ... {end} markers")
head, rest = text.split(start, 1)
_, tail = rest.split(end, 1)
open(path, "w").write(head + start + "\n" + table + "\n" + end + tail)
EOF
fi

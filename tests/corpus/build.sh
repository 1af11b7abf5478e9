#!/usr/bin/env bash
# build.sh CACHE: builds every corpus program twice from the same unmodified
# sources in CACHE/src (fetch.sh): with stock mingw-w64 into CACHE/bin/win/*.exe
# and with the native gcc into CACHE/bin/native/. Plain compiler command lines,
# -O2, no configure: the programs' own build systems are not used, except
# SQLite's, whose amalgamation (sqlite3.c, shell.c) is generated once by its
# plain makefile with native tools and tclsh and then compiled like the rest.
# A program already built is reused (a stamp per program and compiler).
# build.sh CACHE PROGRAM... builds only those (lua sqlite3 minigzip example
# bzip2 duk).
set -euo pipefail
cache=$(cd "$1" && pwd); shift
src="$cache/src"
wanted=" ${*:-lua sqlite3 minigzip example bzip2 duk} "
WIN_CC=(i686-w64-mingw32-gcc -O2)
NATIVE_CC=(gcc -O2)

# build NAME LIBS -- compiler arguments: both builds of one program, side by
# side (two cores). The stamp holds the command line, so a changed command
# rebuilds; the compiler's messages go to a log beside the program, shown only
# if it fails.
build() {
  local name=$1 libs=$2; shift 3
  [[ $wanted == *" $name "* ]] || return 0
  local kind out cmd pids=() outs=()
  for kind in win native; do
    mkdir -p "$cache/bin/$kind"
    if [ "$kind" = win ]; then
      out="$cache/bin/win/$name.exe"; cmd=("${WIN_CC[@]}" "$@" -o "$out")
    else
      # shellcheck disable=SC2206
      out="$cache/bin/native/$name"; cmd=("${NATIVE_CC[@]}" "$@" -o "$out" $libs)
    fi
    [ -f "$out" ] && [ "$(cat "$out.stamp" 2>/dev/null)" = "${cmd[*]}" ] && continue
    echo "corpus: building $name ($kind)"
    rm -f "$out.stamp"
    (nice "${cmd[@]}" >"$out.log" 2>&1 && echo "${cmd[*]}" >"$out.stamp") &
    pids+=($!); outs+=("$out")
  done
  local i failed=0
  for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then
      cat "${outs[$i]}.log" >&2
      echo "corpus: building $(basename "${outs[$i]}") failed" >&2
      failed=1
    fi
  done
  [ $failed = 0 ] || exit 1
}

# Lua 5.4: the interpreter (lua.c) over the core and libraries; not luac.
lua=$src/lua5.4/src
build lua "-lm" -- $(ls "$lua"/*.c | grep -v -e '/luac\.c$') 

# SQLite 3: the shell over the amalgamation.
gen=$cache/gen/sqlite3
if [[ $wanted == *" sqlite3 "* ]] && [ ! -f "$gen/.generated" ]; then
  echo "corpus: generating the SQLite amalgamation"
  rm -rf "$gen" && mkdir -p "$gen"
  (cd "$gen" && nice make -s -f "$src/sqlite3/Makefile.linux-gcc" TOP="$src/sqlite3" \
     BCC="gcc -O2" TCC="gcc -O2" OPTS= sqlite3.c shell.c >make.log 2>&1) || {
    echo "corpus: generating sqlite3.c failed; see $gen/make.log" >&2; exit 1; }
  touch "$gen/.generated"
fi
build sqlite3 "-lm" -- -I"$gen" "$gen/shell.c" "$gen/sqlite3.c"

# zlib: minigzip and example over the library.
z=$src/zlib
zlib_c=$(ls "$z"/*.c)
build minigzip "" -- -I"$z" "$z/test/minigzip.c" $zlib_c
build example "" -- -I"$z" "$z/test/example.c" $zlib_c

# bzip2: the command over libbz2.
b=$src/bzip2
build bzip2 "" -- -I"$b" "$b"/{bzip2,blocksort,huffman,crctable,randtable,compress,decompress,bzlib}.c

# Duktape: the example command line over the single-file engine, with the
# print() and alert() of its extras as its own Makefile.cmdline adds them.
d=$src/duktape
build duk "-lm" -- -I"$d/src" -I"$d/extras/print-alert" -DDUK_CMDLINE_PRINTALERT_SUPPORT \
  "$d/src/duktape.c" "$d/examples/cmdline/duk_cmdline.c" "$d/extras/print-alert/duk_print_alert.c"

#!/usr/bin/env bash
# Runs a file-system test program in a fresh root and checks what it left:
#   run-io-test.sh NTMM PROGRAM files|escape|readonly|many|stdin|fuzz|paths|native|
#                  sysfiles|sysfiles-real|sysfiles-ro
# The root holds inside.txt and symbolic links: link-file and link-dir lead
# out of it (relative), link-abs too (absolute), link-inside stays in; fifo
# is a named pipe (opening it must not block), Twin and twin differ only in
# case. Beside
# the root is outside/secret.txt. Whatever the program did, nothing outside
# the root may change (names, sizes, times, modes, contents), and under
# --root-readonly the root may not change either.
set -u
ntmm=$1 program=$2 mode=$3
dir=$(mktemp -d) scratch=$(mktemp -d)
trap 'chmod -R u+w "$dir" 2>/dev/null; rm -rf "$dir" "$scratch"' EXIT
mkdir "$dir/root" "$dir/outside"
printf 'secret' >"$dir/outside/secret.txt"
printf 'inside' >"$dir/root/inside.txt"
ln -s ../outside/secret.txt "$dir/root/link-file"
ln -s ../outside "$dir/root/link-dir"
ln -s "$dir/outside/secret.txt" "$dir/root/link-abs"
ln -s inside.txt "$dir/root/link-inside"
mkfifo "$dir/root/fifo"
# Two names Windows would call one: the host is case-sensitive.
printf upper >"$dir/root/Twin"
printf lower >"$dir/root/twin"
touch -d '2001-01-01' "$dir/outside/secret.txt" "$dir/outside" "$dir"
# sysfiles-real: a root with its own Windows\system32, one of whose names
# (NTDLL.DLL) the system directory's ntdll.dll hides.
if [ "$mode" = sysfiles-real ]; then
  mkdir -p "$dir/root/Windows/system32"
  printf own >"$dir/root/Windows/system32/own.txt"
  printf fake >"$dir/root/Windows/system32/NTDLL.DLL"
fi
# The guest DLLs (ntmm's default system directory): C:\Windows\system32's
# files, which nothing the guest does may change.
sysdir=$(dirname "$ntmm")/user
sysdir_before=$(cd "$sysdir" && stat -c '%n %s %Y %a' *.dll && cat *.dll | md5sum)

# Every name with its size, time and mode, and every file's bytes.
snapshot() { # DIR [find options]
  (cd "$1" && shift && find . "$@" -print0 | sort -z |
     xargs -0 stat -c '%n %s %Y %a %F' && find . "$@" -type f -print0 | sort -z | xargs -0 -r cat)
}
outside_before=$(snapshot "$dir" -path ./root -prune -o)
root_before=$(snapshot "$dir/root")
tmp_escape_before=$(ls /tmp/ntmm-escape.txt 2>/dev/null)

options=(--root "$dir/root")
args=()
case $mode in
  escape) args=("$dir/outside/secret.txt") ;;
  readonly) options+=(--root-readonly); args=(readonly) ;;
  many) options+=(--ram 4M); args=(many); ulimit -n 256 ;;
  stdin) args=(stdin) ;;
  fuzz) args=(fuzz) ;;
  sysfiles) args=(plain) ;;
  sysfiles-real) args=(real) ;;
  sysfiles-ro) options+=(--root-readonly); args=(readonly) ;;
esac
input=/dev/null
if [ "$mode" = stdin ]; then
  input=$scratch/input.txt
  printf 0123456789 >"$input"
fi
# From a directory that is not the root, so the default root is not used.
(cd "$scratch" && "$ntmm" run --pagefile "$scratch/pagefile.db" "${options[@]}" "$program" "${args[@]}") \
  >"$scratch/stdout" 2>"$scratch/stderr" <"$input"
status=$?
fail=0
[ $status = 0 ] || { echo "FAIL: exit status $status"; fail=1; }
grep '^FAIL' "$scratch/stdout" && fail=1
if [ "$(snapshot "$dir" -path ./root -prune -o)" != "$outside_before" ]; then
  echo "FAIL: something outside the root changed"; fail=1
fi
if [ "$(ls /tmp/ntmm-escape.txt 2>/dev/null)" != "$tmp_escape_before" ]; then
  echo "FAIL: /tmp/ntmm-escape.txt appeared"; fail=1
fi
if [ "$(cat "$dir/root/Twin")$(cat "$dir/root/twin")" != upperlower ]; then
  echo "FAIL: Twin and twin changed"; fail=1
fi
if [ "$(cd "$sysdir" && stat -c '%n %s %Y %a' *.dll && cat *.dll | md5sum)" != "$sysdir_before" ]; then
  echo "FAIL: the system directory's DLLs changed"; fail=1
fi
if [ "$mode" = sysfiles ] && [ -e "$dir/root/Windows" ]; then
  echo "FAIL: the root gained a Windows folder"; fail=1
fi
if [[ $mode = readonly || $mode = sysfiles-ro ]] && [ "$(snapshot "$dir/root")" != "$root_before" ]; then
  echo "FAIL: the read-only root changed"; fail=1
fi
if [ "$mode" = files ]; then
  # What the program left, in the case it gave.
  for name in MixedCase.TXT $'\xf0\x9d\x84\x9e-\xc3\xa9t\xc3\xa9.txt' list/a.txt list/C.txt list/sub/here.txt trailing.txt rw.txt db.sqlite; do
    [ -e "$dir/root/$name" ] || { echo "FAIL: $name is not in the root"; fail=1; }
  done
  for name in share.txt temp.txt old.txt tree tree2 ro.txt mixedcase.txt $'caf\xc3\xa9.txt'; do
    [ -e "$dir/root/$name" ] && { echo "FAIL: $name should not be in the root"; fail=1; }
  done
  [ "$(cat "$dir/root/rw.txt")" = "hello++" ] || { echo "FAIL: rw.txt holds $(cat "$dir/root/rw.txt")"; fail=1; }
fi
if [ $fail != 0 ] || [ -n "${VERBOSE:-}" ]; then
  echo "--- stdout"; cat "$scratch/stdout"
  echo "--- stderr"; head -c 4000 "$scratch/stderr"
fi
exit $fail

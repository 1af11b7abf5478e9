#!/usr/bin/env bash
# The host file system's own failures, named as such: a pagefile in a
# read-only directory (not "does not exist"), and a disk that fills during
# the run (one line naming the full disk and the pagefile; the guest gets
# its in-page errors or failed commits and the run still ends). Needs a
# small file system of its own: a tmpfs mounted in a private mount
# namespace (unshare -rm); skipped (77) where that is not allowed.
#   hostfs.sh NTMM HELLO.exe LIFECYCLE.exe
set -u
if [ "${1:-}" != --inside ]; then
  unshare -rm true 2>/dev/null || { echo "SKIP: no private mount namespace (unshare -rm)"; exit 77; }
  exec unshare -rm "$0" --inside "$@"
fi
shift
ntmm=$1 hello=$2 lifecycle=$3
dir=$(mktemp -d)
trap 'umount "$dir/ro" "$dir/small" 2>/dev/null; rm -rf "$dir"' EXIT
fail=0
say() { echo "FAIL: $*"; fail=1; }

mkdir "$dir/ro" "$dir/small"
mount -t tmpfs -o size=1m tmpfs "$dir/ro" && mount -o remount,ro "$dir/ro" || say "cannot mount"
out=$("$ntmm" run --pagefile "$dir/ro/pf.db" "$hello" 2>&1 </dev/null)
status=$?
[ $status = 125 ] && grep -q "^ntmm: pagefile $dir/ro/pf.db: cannot create it: directory $dir/ro is not writable (Read-only file system)$" <<<"$out" ||
  say "read-only directory: exit $status: $out"

# 512 KiB hold the schema and a few dozen pages; lifecycle pushes 12 MiB through 4 MiB of RAM.
mount -t tmpfs -o size=512k tmpfs "$dir/small" || say "cannot mount"
out=$("$ntmm" run --ram 4M --ws-max 64 --pagefile "$dir/small/pf.db" "$lifecycle" dirty 2>&1 </dev/null)
status=$?
lines=$(grep -c "^ntmm: the disk is full: the pagefile $dir/small/pf.db could not grow" <<<"$out")
[ "$lines" = 1 ] || say "disk full: $lines lines naming it (exit $status): $out"
case $status in 0 | 1 | 6 | 23 | 45) ;; *) say "disk full: exit $status (neither the guest's nor an in-page error's): $out" ;; esac
exit $fail

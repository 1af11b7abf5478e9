#!/usr/bin/env bash
# Keeps a document's example output true: runs the commands in COMMANDS
# (shell commands separated by blank lines, '#' lines comments) one after
# another in a scratch directory where `build` is the build directory, as
# lessons/run.sh does for the lessons, and replaces each block between
# "<!-- output K -->" (or "K-L") and "<!-- /output -->" in DOC with the
# transcript of command K (to L): "$ command", its stdout and stderr, and
# "[exit status N]" when it is not 0.
#
#   scripts/doc-output.sh [--check] [--build DIR] DOC.md COMMANDS
#
# --check compares instead of writing (exit 1 if DOC differs), with the
# host seconds --stats prints for the pagefile masked on both sides.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
check=0 build=$here/build
while [ $# -gt 2 ]; do
  case $1 in
    --check) check=1 ;;
    --build) build=$2; shift ;;
    *) echo "doc-output.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ $# -eq 2 ] || { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
doc=$1 commands=$2
build=$(cd "$build" 2>/dev/null && pwd) || { echo "doc-output.sh: no build directory" >&2; exit 2; }
out=$(mktemp -d) scratch=$(mktemp -d)
trap 'rm -rf "$out" "$scratch"' EXIT
ln -s "$build" "$scratch/build"
ln -s "$here/lessons" "$scratch/lessons"
k=0 cmd=
flush() {
  [ -n "$cmd" ] || return 0
  k=$((k + 1))
  {
    printf '$ %s\n' "$cmd"
    (cd "$scratch" && bash -c "$cmd" </dev/null 2>&1)
    local status=$?
    [ $status -ne 0 ] && echo "[exit status $status]"
  } | tr -d '\r' >"$out/$k"
  cmd=
}
while IFS= read -r line || [ -n "$line" ]; do
  case $line in
    '#'*) continue ;;
    '') flush ;;
    *) cmd=${cmd:+$cmd$'\n'}$line ;;
  esac
done <"$commands"
flush
awk -v out="$out" '
  function emit(a, b,   i, f, line) {
    print "```"
    for (i = a; i <= b; i++) {
      f = out "/" i
      if (i > a) print ""
      while ((getline line < f) > 0) print line
      close(f)
    }
    print "```"
  }
  /^<!-- output [0-9]+(-[0-9]+)? -->$/ { print; split($3, r, "-"); emit(r[1], r[2] ? r[2] : r[1]); skip = 1; next }
  /^<!-- \/output -->$/ { skip = 0 }
  !skip { print }
' "$doc" >"$out/doc.md"
if [ $check = 1 ]; then
  mask() { sed -E 's/[0-9]+\.[0-9]+ s in the pagefile \([^)]*\)/#.### s in the pagefile (host time)/' "$1"; }
  if ! diff <(mask "$doc") <(mask "$out/doc.md") >"$out/diff"; then
    echo "doc-output.sh: $doc is not what the current build prints (scripts/doc-output.sh $doc $commands):"
    head -40 "$out/diff"
    exit 1
  fi
  exit 0
fi
cp "$out/doc.md" "$doc"
echo "doc-output.sh: $doc regenerated"

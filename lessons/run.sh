#!/usr/bin/env bash
# Runs the lessons' commands, as a student would type them from the top of
# the repository after `make build`, and compares or records their output.
#
#   lessons/run.sh [--show | --check | --update] [--build DIR] [N...]
#
#   --show    (the default; `make lessons [N=3]`) print each lesson's output,
#             then whether it matches the committed expected output (a diff
#             if not)
#   --check   (the ctest test lessons.NN) exit 1 if the output differs from
#             lessons/NN-name/expected.txt
#   --update  (`make lessons-update`) rewrite expected.txt and the output
#             blocks of the lesson's README.md from this run
#
# A lesson's commands are in lessons/NN-name/commands: shell commands
# separated by blank lines ('#' lines are comments), run one after another
# in a scratch directory where `build` is the build directory, so that
# `build/ntmm run --pagefile l01.db build/lessons/...` works as written.
# Each command's transcript is "$ command", its stdout and stderr together,
# and "[exit status N]" when it is not 0. Carriage returns are dropped.
#
# What genuinely varies between runs is masked in expected.txt (and only
# there; the README shows the real numbers): the host seconds --stats prints
# for the pagefile, and whatever the lesson's own mask.sed (a sed -E script)
# names. Everything the guest sees is deterministic and compared exactly.
#
# In README.md, a block between "<!-- output K -->" (or "K-L") and
# "<!-- /output -->" is replaced by the transcript of command K (to L).
set -u
here=$(cd "$(dirname "$0")" && pwd)
mode=show build=$here/../build
lessons=()
while [ $# -gt 0 ]; do
  case $1 in
    --show | --check | --update) mode=${1#--} ;;
    --build) build=$2; shift ;;
    -h | --help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) lessons+=("$1") ;;
  esac
  shift
done
build=$(cd "$build" 2>/dev/null && pwd) || { echo "run.sh: no build directory (make build first)"; exit 2; }
[ -x "$build/ntmm" ] || { echo "run.sh: $build/ntmm is missing (make build first)"; exit 2; }
command -v sqlite3 >/dev/null || { echo "run.sh: sqlite3 is missing (make deps)"; exit 2; }

if [ ${#lessons[@]} -eq 0 ]; then
  for d in "$here"/[0-9][0-9]-*/; do
    [ -f "$d/commands" ] && lessons+=("$(basename "$d")")
  done
fi

# lesson_dir N|NN|NN-name → the folder
lesson_dir() {
  local n=$1 d
  case $n in
    [0-9]) n=0$n ;;
  esac
  for d in "$here"/"${n%%-*}"-*/; do
    [ -f "$d/commands" ] && { echo "${d%/}"; return 0; }
  done
  return 1
}

mask() { # the comparison's view of a transcript
  sed -E 's/[0-9]+\.[0-9]+ s in the pagefile \([^)]*\)/#.### s in the pagefile (host time)/' |
    if [ -f "$1/mask.sed" ]; then sed -E -f "$1/mask.sed"; else cat; fi
}

# run_lesson DIR OUT: the transcripts, one file per command (OUT/1, OUT/2...)
run_lesson() {
  local dir=$1 out=$2 scratch k=0 cmd=
  scratch=$(mktemp -d)
  ln -s "$build" "$scratch/build"
  ln -s "$(dirname "$here")/lessons" "$scratch/lessons"
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
  done <"$dir/commands"
  flush
  rm -rf "$scratch"
  echo "$k" >"$out/count"
}

# The README with its output blocks replaced by this run's transcripts.
update_readme() {
  local readme=$1 out=$2
  awk -v out="$out" '
    function emit(a, b,   k, f, line) {
      print "```"
      for (k = a; k <= b; k++) {
        f = out "/" k
        if (k > a) print ""
        while ((getline line < f) > 0) print line
        close(f)
      }
      print "```"
    }
    /^<!-- output [0-9]+(-[0-9]+)? -->$/ {
      print; split($3, r, "-"); emit(r[1], r[2] ? r[2] : r[1]); skip = 1; next
    }
    /^<!-- \/output -->$/ { skip = 0 }
    !skip { print }
  ' "$readme" >"$readme.new" && mv "$readme.new" "$readme"
}

status=0
for n in "${lessons[@]}"; do
  dir=$(lesson_dir "$n") || { echo "run.sh: no lesson $n"; status=2; continue; }
  name=$(basename "$dir")
  out=$(mktemp -d)
  run_lesson "$dir" "$out"
  all=$out/all
  for ((k = 1; k <= $(cat "$out/count"); k++)); do
    [ $k -gt 1 ] && echo
    cat "$out/$k"
  done >"$all"
  case $mode in
    show)
      echo "=== lesson $name"
      cat "$all"
      if [ ! -f "$dir/expected.txt" ]; then
        echo "=== lesson $name: no expected.txt yet (lessons/run.sh --update $name)"
        status=1
      elif mask "$dir" <"$all" | cmp -s - "$dir/expected.txt"; then
        echo "=== lesson $name: the same as lessons/$name/expected.txt"
      else
        echo "=== lesson $name: DIFFERS from lessons/$name/expected.txt (- expected, + this run):"
        mask "$dir" <"$all" | diff -u "$dir/expected.txt" - | tail -n +3
        status=1
      fi
      ;;
    check)
      if ! mask "$dir" <"$all" | cmp -s - "$dir/expected.txt"; then
        echo "lesson $name: the output differs from lessons/$name/expected.txt (- expected, + this run):"
        mask "$dir" <"$all" | diff -u "$dir/expected.txt" - | tail -n +3
        echo "(if the change is right: lessons/run.sh --update $name, and read the diff)"
        status=1
      fi
      ;;
    update)
      mask "$dir" <"$all" >"$dir/expected.txt"
      [ -f "$dir/README.md" ] && update_readme "$dir/README.md" "$out"
      echo "lesson $name: expected.txt and README.md regenerated"
      ;;
  esac
  rm -rf "$out"
done
exit $status

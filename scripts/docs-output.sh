#!/usr/bin/env bash
# Keeps the output shown in a document true: every block
#
#   <!-- output: COMMAND -->
#   ```
#   $ COMMAND
#   ...its output...
#   ```
#   <!-- /output -->
#
# is the transcript of COMMAND (stdout and stderr, "[exit status N]" when
# not 0) run by this build. The commands run in order in one scratch
# directory where `build` is the build directory, so a later query can
# read an earlier run's pagefile.
#
#   scripts/docs-output.sh --update BUILD_DIR DOC.md   rewrite the blocks
#   scripts/docs-output.sh --check BUILD_DIR DOC.md    exit 1 if one is stale
set -u
mode=$1 build=$(cd "$2" && pwd) doc=$3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
ln -s "$build" "$scratch/build"
new=$scratch/new.md
in_block=0
while IFS= read -r line || [ -n "$line" ]; do
  if [ $in_block = 1 ]; then
    [ "$line" = "<!-- /output -->" ] || continue
    in_block=0
  fi
  printf '%s\n' "$line" >>"$new"
  case $line in
    "<!-- output: "*" -->")
      cmd=${line#"<!-- output: "}
      cmd=${cmd%" -->"}
      {
        echo '```'
        printf '$ %s\n' "$cmd"
        (cd "$scratch" && bash -c "$cmd" </dev/null 2>&1)
        status=$?
        [ $status = 0 ] || echo "[exit status $status]"
        echo '```'
      } | tr -d '\r' >>"$new"
      in_block=1
      ;;
  esac
done <"$doc"
if [ "$mode" = --update ]; then
  cp "$new" "$doc"
  echo "$doc: output blocks regenerated"
elif ! diff -u "$doc" "$new"; then
  echo "$doc is stale: scripts/docs-output.sh --update build $doc"
  exit 1
else
  echo "$doc: every output block is current"
fi

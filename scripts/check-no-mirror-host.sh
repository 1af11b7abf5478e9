#!/usr/bin/env bash
# Fails if any tracked file names a package mirror or registry host: the
# archive is always taken from the machine's own apt configuration
# (scripts/aptlib.sh). The patterns are written so that they do not match
# their own text, so this file is searched like every other.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "check-no-mirror-host: $(pwd) is not a git checkout; cannot list tracked files" >&2
  exit 1
fi
# Any debian.org host (deb., ftp.*., security., snapshot., ...), any URL
# with "debian" in it, and the other registries this workplace reaches.
pattern='([a-z0-9-]+[.])+debian[.]org|https?://[^[:space:]]*debian|registry[.]npmjs[.]org|pypi[.]org'
if hits=$(git ls-files -z | xargs -0 grep -nIiE "$pattern" --); then
  echo "check-no-mirror-host: these tracked files name a mirror or registry host:" >&2
  echo "$hits" >&2
  exit 1
fi
echo "check-no-mirror-host: $(git ls-files | wc -l) tracked files, none names a mirror host"

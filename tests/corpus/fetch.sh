#!/usr/bin/env bash
# fetch.sh CACHE PACKAGE...: the Debian source packages of the corpus, from
# this machine's own apt sources (deb-src for the same URIs and suites as its
# deb lines for the installed release, through a private apt state under
# CACHE/apt), unpacked once into CACHE/src/PACKAGE and reused after that.
# The version is the release's own (PACKAGE/<codename>), so every machine of
# one release builds the same sources whatever its updates suites hold.
# No build dependencies are installed and nothing is built here.
# Any failure is loud: the corpus cannot run without its sources.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/scripts/aptlib.sh"
cache=$1; shift
mkdir -p "$cache/src"
cache=$(cd "$cache" && pwd)

missing=()
for pkg in "$@"; do
  [ -f "$cache/src/$pkg/.unpacked" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

apt_dir="$cache/apt"
apt_private "$apt_dir"
suites=$(apt_release_suites)
if [ -z "$suites" ]; then
  echo "corpus: this machine's apt configuration has no source for its release '$(apt_codename)'" >&2
  exit 1
fi
signed=$(apt_signed_by)
echo "$suites" | while read -r uri suite; do
  echo "deb-src ${signed}$uri $suite main"
done > "$apt_dir/etc/sources.list"
if [ ! -f "$apt_dir/.updated" ]; then
  echo "corpus: reading the source lists of $(echo "$suites" | awk '{print $2}' | paste -sd' ')"
  apt-get "${APT_OPTS[@]}" update -qq --error-on=any || {
    echo "corpus: apt-get update of the private source list failed (is Debian's archive reachable?)" >&2
    exit 1
  }
  touch "$apt_dir/.updated"
fi

for pkg in "${missing[@]}"; do
  dl="$cache/dl/$pkg"
  rm -rf "$dl" "$cache/src/$pkg"
  mkdir -p "$dl"
  echo "corpus: fetching the source package $pkg"
  (cd "$dl" && apt-get "${APT_OPTS[@]}" source --download-only -qq "$pkg/$(apt_codename)" >/dev/null) || {
    echo "corpus: apt-get source $pkg failed" >&2
    exit 1
  }
  # apt-get checked every file's hash against the signed Sources index
  # (--no-check only skips dpkg-source's own OpenPGP check of the .dsc).
  dsc=$(cd "$dl" && ls ./*.dsc | head -1)
  (cd "$dl" && dpkg-source --no-check --skip-patches -x "$dsc" tree >/dev/null) || {
    echo "corpus: dpkg-source -x $dl/$dsc failed" >&2
    exit 1
  }
  mv "$dl/tree" "$cache/src/$pkg"
  touch "$cache/src/$pkg/.unpacked"
done

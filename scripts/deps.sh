#!/usr/bin/env bash
# Installs what ntmm needs on a Debian bookworm machine, and nothing it already has.
#  - from bookworm: cmake, gcc, sqlite3, check, mingw-w64 (i686), pkg-config,
#    for the corpus (tests/corpus) dpkg-dev and tcl, and for the C++ programs
#    (tests/cxx) g++ and mingw-w64's g++ in both thread models (win32, posix),
#    whose packages also hold libstdc++-6.dll, libgcc_s_dw2-1.dll and
#    libwinpthread-1.dll
#  - Unicorn 2.1.1 from Debian trixie, unpacked into a project-local prefix
#    (build/deps/unicorn). It is NOT installed system-wide: trixie's
#    libunicorn2t64 would replace bookworm's libunicorn2 under the same soname.
#    Bookworm's 2.0.1 ignores PTE frame numbers, cannot flush the TLB or set
#    EFER.NXE, so ntmm refuses to build against it.
#  - the archive is the one this machine's apt configuration names for its
#    installed suite (scripts/aptlib.sh), used with the suite trixie through a
#    private apt state; the repository names no archive host.
#  - each .deb is pinned by version and sha256 and checked after download and
#    whenever a prepared build/deps is reused.
# `deps.sh --verify` only checks the prepared build/deps against the pins
# (no network): the cached .debs' hashes, and the unpacked tree against them.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
deps="$top/build/deps"
prefix="$deps/unicorn"
apt_dir="$deps/apt"
archives="$apt_dir/cache/archives"
. "$top/scripts/aptlib.sh"

# The pin: package, version, sha256 of its amd64 .deb in Debian trixie.
UNICORN_DEBS=(
  "libunicorn2t64 2.1.1-2+b2 3f760a28c65a93662edbcb21fceb2e0a1c0ab0e8277564fc572e6532949e3e3f"
  "libunicorn-dev 2.1.1-2+b2 479613e244a6023c03708951a5f0e00fc96c83a4b74b4d74c9fe7d3a9050208b"
)

# The cached .deb of a pinned package, as apt names it (':' becomes %3a).
deb_path() {
  echo "$archives/${1}_${2//:/%3a}_amd64.deb"
}

# Checks every pinned .deb in the cache; one line per failure, non-zero if any.
verify_debs() {
  local pkg ver sum file actual bad=0
  for pin in "${UNICORN_DEBS[@]}"; do
    read -r pkg ver sum <<<"$pin"
    file=$(deb_path "$pkg" "$ver")
    if [ ! -f "$file" ]; then
      echo "deps: $pkg $ver: $(basename "$file") is not in $archives" >&2; bad=1; continue
    fi
    actual=$(sha256sum "$file" | cut -d' ' -f1)
    if [ "$actual" != "$sum" ]; then
      echo "deps: $pkg $ver: sha256 $actual is not the pinned $sum; refusing it" >&2; bad=1
    fi
  done
  return $bad
}

# Checks that the unpacked prefix holds exactly the bytes of the pinned .debs.
verify_unpacked() {
  local pkg ver sum tmp bad=0
  tmp=$(mktemp -d)
  for pin in "${UNICORN_DEBS[@]}"; do
    read -r pkg ver sum <<<"$pin"
    dpkg-deb -x "$(deb_path "$pkg" "$ver")" "$tmp"
  done
  # Every file the .debs hold must be in the prefix, byte for byte.
  if ! (cd "$tmp" && find . -type f -print0 | while IFS= read -r -d '' f; do
          cmp -s "$f" "$prefix/$f" || { echo "deps: $prefix/${f#./} differs from the pinned .debs" >&2; exit 1; }
        done); then
    bad=1
  fi
  rm -rf "$tmp"
  return $bad
}

if [ "${1:-}" = "--verify" ]; then
  verify_debs && verify_unpacked && echo "deps: Unicorn 2.1.1: the cached .debs match their pinned sha256 and build/deps holds their bytes"
  exit
fi
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

# `make libfuzzer` only: clang and its libFuzzer runtime, from Debian.
if [ "${1:-}" = --libfuzzer ]; then
  need=()
  command -v clang >/dev/null || need+=(clang)
  ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 ||
    need+=(libclang-rt-14-dev)
  if [ ${#need[@]} -gt 0 ]; then
    echo "deps: installing ${need[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
  fi
  exit 0
fi

# `make conformance` only: mingw-w64's widl, for the Wine headers generated
# from .idl at Wine's build time (tests/conformance/run.sh).
if [ "${1:-}" = --conformance ]; then
  if ! command -v i686-w64-mingw32-widl >/dev/null; then
    echo "deps: installing mingw-w64-tools"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq mingw-w64-tools >/dev/null
  fi
  exit 0
fi

need=()
command -v cmake >/dev/null || need+=(cmake)
command -v gcc >/dev/null || need+=(gcc)
command -v make >/dev/null || need+=(make)
command -v pkg-config >/dev/null || need+=(pkg-config)
command -v sqlite3 >/dev/null || need+=(sqlite3)
command -v i686-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-i686)
command -v g++ >/dev/null || need+=(g++)                # tests/cxx: the native reference builds
command -v i686-w64-mingw32-g++-win32 >/dev/null &&
  command -v i686-w64-mingw32-g++-posix >/dev/null || need+=(g++-mingw-w64-i686)
[ -f /usr/include/sqlite3.h ] || need+=(libsqlite3-dev)
[ -f /usr/include/check.h ] || need+=(check)
command -v dpkg-source >/dev/null || need+=(dpkg-dev)   # the corpus (tests/corpus) unpacks Debian source packages
command -v tclsh >/dev/null || need+=(tcl)              # and generates the SQLite amalgamation
if [ ${#need[@]} -gt 0 ]; then
  echo "deps: installing ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# A prepared build/deps is reused while its .debs still match the pins.
if [ -f "$prefix/usr/include/unicorn/unicorn.h" ] && [ -f "$prefix/.version-2.1.1" ] &&
   verify_debs 2>/dev/null; then
  exit 0
fi

uri=$(apt_archive_uri)
echo "deps: fetching Unicorn 2.1.1 from Debian trixie ($uri) into $prefix"
rm -rf "$apt_dir" "$prefix"
mkdir -p "$prefix"
apt_private "$apt_dir"
echo "deb $(apt_signed_by)$uri trixie main" > "$apt_dir/etc/sources.list"
apt-get "${APT_OPTS[@]}" update -qq --error-on=any
pins=()
for pin in "${UNICORN_DEBS[@]}"; do
  read -r pkg ver _ <<<"$pin"
  pins+=("$pkg=$ver")
done
(cd "$archives" && apt-get "${APT_OPTS[@]}" download "${pins[@]}" >/dev/null)
verify_debs || exit 1
for pin in "${UNICORN_DEBS[@]}"; do
  read -r pkg ver _ <<<"$pin"
  dpkg -x "$(deb_path "$pkg" "$ver")" "$prefix"
done
if [ ! -f "$prefix/usr/include/unicorn/unicorn.h" ]; then
  echo "deps: Unicorn 2.1.1 did not unpack into $prefix" >&2
  exit 1
fi
touch "$prefix/.version-2.1.1"
echo "deps: Unicorn 2.1.1 ready (sha256 verified)"

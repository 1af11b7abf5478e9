#!/usr/bin/env bash
# Installs what ntmm needs on a Debian bookworm machine, and nothing it already has.
#  - from bookworm: cmake, gcc, sqlite3, check, mingw-w64 (i686), pkg-config
#  - Unicorn 2.1.1 from Debian trixie, unpacked into a project-local prefix
#    (build/deps/unicorn). It is NOT installed system-wide: trixie's
#    libunicorn2t64 would replace bookworm's libunicorn2 under the same soname.
#    Bookworm's 2.0.1 ignores PTE frame numbers, cannot flush the TLB or set
#    EFER.NXE, so ntmm refuses to build against it.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
deps="$top/build/deps"
prefix="$deps/unicorn"
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

need=()
command -v cmake >/dev/null || need+=(cmake)
command -v gcc >/dev/null || need+=(gcc)
command -v make >/dev/null || need+=(make)
command -v pkg-config >/dev/null || need+=(pkg-config)
command -v sqlite3 >/dev/null || need+=(sqlite3)
command -v i686-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-i686)
[ -f /usr/include/sqlite3.h ] || need+=(libsqlite3-dev)
[ -f /usr/include/check.h ] || need+=(check)
if [ ${#need[@]} -gt 0 ]; then
  echo "deps: installing ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ -f "$prefix/usr/include/unicorn/unicorn.h" ] && [ -f "$prefix/.version-2.1.1" ]; then
  exit 0
fi

echo "deps: fetching Unicorn 2.1.1 from Debian trixie into $prefix"
apt_dir="$deps/apt"
rm -rf "$apt_dir" "$prefix"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/etc" "$prefix"
cat > "$apt_dir/etc/sources.list" <<SRC
deb [signed-by=/usr/share/keyrings/debian-archive-trixie-stable.gpg] http://deb.debian.org/debian trixie main
SRC
# If this machine's keyring lacks the trixie key, fall back to apt's trusted.gpg.d.
[ -f /usr/share/keyrings/debian-archive-trixie-stable.gpg ] ||
  sed -i 's/ \[signed-by=[^]]*\]//' "$apt_dir/etc/sources.list"
opts=(-o "APT::Sandbox::User=root"
      -o "Dir::Etc::sourcelist=$apt_dir/etc/sources.list"
      -o "Dir::Etc::sourceparts=-"
      -o "Dir::State::Lists=$apt_dir/lists"
      -o "Dir::Cache=$apt_dir/cache"
      -o "Dir::Cache::archives=$apt_dir/cache/archives"
      -o "APT::Get::List-Cleanup=0"
      -o "Debug::NoLocking=1")
apt-get "${opts[@]}" update -qq
(cd "$apt_dir/cache/archives" &&
  apt-get "${opts[@]}" download libunicorn2t64=2.1.1* libunicorn-dev=2.1.1* >/dev/null)
for deb in "$apt_dir"/cache/archives/*.deb; do dpkg -x "$deb" "$prefix"; done
if [ ! -f "$prefix/usr/include/unicorn/unicorn.h" ]; then
  echo "deps: Unicorn 2.1.1 did not unpack into $prefix" >&2
  exit 1
fi
touch "$prefix/.version-2.1.1"
echo "deps: Unicorn 2.1.1 ready"

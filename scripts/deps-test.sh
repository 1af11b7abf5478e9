#!/usr/bin/env bash
# What only the tests need, beyond scripts/deps.sh: Debian's chromium, to
# render `ntmm report`'s HTML headless and check its numbers
# (tests/report/report.sh), and Debian's gdb, to debug a program through
# `ntmm run --gdb` (tests/gdb/gdb.sh). `make test` runs this; `make build` does not.
set -euo pipefail
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v gdb >/dev/null || need+=(gdb)
if [ ${#need[@]} -gt 0 ]; then
  echo "deps-test: installing ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${need[@]}" >/dev/null
fi

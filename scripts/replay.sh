#!/usr/bin/env bash
# The main job: installs what is missing, builds quire (release), and replays every tutorial
# notebook, writing notebooks/NAME.out/index.html for each.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product quire
.build/release/quire models fetch all-MiniLM-L6-v2   # notebook 04's encoder (nothing when installed)
status=0
for nb in notebooks/*.md; do
  echo "== $nb"
  .build/release/quire run "$nb" --html || status=1
done
exit $status

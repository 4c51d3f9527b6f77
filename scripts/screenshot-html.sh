#!/bin/sh
# Renders a notebook's HTML page in headless Chromium and saves a screenshot, to check that the
# page looks right (layout, highlighting, tables, figures, errors).
#
#   scripts/screenshot-html.sh notebooks/00-tour.md [OUT.png] [WIDTHxHEIGHT]
#
# Runs `quire run --html` first (with --keep-going, so a failing cell is shown in place).
# Needs Debian's `chromium` (apt-get install -y chromium).
set -eu

notebook=${1:?usage: scripts/screenshot-html.sh NOTEBOOK.md [OUT.png] [WIDTHxHEIGHT]}
out=${2:-/tmp/$(basename "$notebook" .md).png}
size=${3:-1200x2000}
root=$(cd "$(dirname "$0")/.." && pwd)
quire=${QUIRE:-$root/.build/debug/quire}

if ! command -v chromium >/dev/null 2>&1; then
    echo "error: chromium is not installed (apt-get install -y chromium)" >&2
    exit 1
fi
[ -x "$quire" ] || { echo "error: build quire first (swift build --product quire)" >&2; exit 1; }

"$quire" run --html --keep-going "$notebook" >/dev/null || true
page="$(cd "$(dirname "$notebook")" && pwd)/$(basename "$notebook" .md).out/index.html"
[ -f "$page" ] || { echo "error: no page was written at $page" >&2; exit 1; }

chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size="$(echo "$size" | tr x ,)" --screenshot="$out" "file://$page" >/dev/null 2>&1
echo "wrote $out (from $page)"

#!/bin/sh
# Renders the tutorial's figure set with Quire (release build) and with matplotlib, each timed
# inside its own process after start-up and imports, and prints the ratio.
set -e
root="$(cd "$(dirname "$0")/../.." && pwd)"
python="${PYTHON:-/work/venv/bin/python}"
mkdir -p /tmp/quire-bench-plot
swift build -c release --product quire --package-path "$root" >/dev/null 2>&1
quire_ms=$("$root/.build/release/quire" run "$root/bench/plot/tutorial_set.qr" | awk '/quire_ms_per_set/ {print $2}')
mpl_ms=$("$python" "$root/bench/plot/tutorial_set.py" | awk '/matplotlib_ms_per_set/ {print $2}')
echo "quire:      $quire_ms ms per set (3 figures x PNG and SVG)"
echo "matplotlib: $mpl_ms ms per set"
awk -v q="$quire_ms" -v m="$mpl_ms" 'BEGIN { printf "quire / matplotlib = %.3f (matplotlib is %.1fx slower)\n", q / m, m / q }'

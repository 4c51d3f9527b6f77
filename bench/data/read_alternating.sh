#!/usr/bin/env bash
# Times reading the benchmark CSV alone, Quire (release build) against pandas and polars, the
# three programs alternating run by run, so that a shared machine's load falls on all three
# alike. Each time is taken inside the program around the read call alone (as ops.qr does);
# prints every run, then the best of RUNS runs and the ratios, then each program's peak memory.
# Needs: swift build -c release --product quire; the Python venv (PYTHON, default /work/venv).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
PYTHON="${PYTHON:-/work/venv/bin/python}"
QUIRE="${QUIRE:-$root/.build/release/quire}"
RUNS="${RUNS:-5}"
csv=/tmp/quire_bench_mobile_1m.csv
[ -f "$csv" ] || "$PYTHON" "$here/make_csv.py" "$csv"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/read.qr" <<QR
t = clock()
df = read_csv("$csv")
print("quire", clock() - t)
QR
for lib in pandas polars; do
    cat > "$tmp/read_$lib.py" <<PY
import time
import $lib as lib
t = time.perf_counter()
df = lib.read_csv("$csv")
print("$lib", time.perf_counter() - t)
PY
done
echo "load before: $(uptime)"
for _ in $(seq "$RUNS"); do
    "$QUIRE" run "$tmp/read.qr"
    "$PYTHON" "$tmp/read_pandas.py"
    "$PYTHON" "$tmp/read_polars.py"
done | tee "$tmp/times.txt"
echo "load after: $(uptime)"
awk '{ if (!($1 in m) || $2 < m[$1]) m[$1] = $2 }
    END { printf "best of runs: quire %.4f s, pandas %.4f s, polars %.4f s; quire/pandas %.2f, quire/polars %.2f\n",
        m["quire"], m["pandas"], m["polars"], m["quire"] / m["pandas"], m["quire"] / m["polars"] }' "$tmp/times.txt"
peak() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident set size/ { printf "%.0f", $6 / 1024 }'; }
echo "peak memory of reading alone (MB): quire $(peak "$QUIRE" run "$here/read_only.qr")," \
    "pandas $(peak "$PYTHON" "$here/read_only_pandas.py"), polars $(peak "$PYTHON" "$here/read_only_polars.py")"

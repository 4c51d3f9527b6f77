#!/usr/bin/env bash
# Issue 13's pandas methods (merge, corr, a two-key sort, nlargest, duplicated, pivot_table, a
# two-key group-by with three aggregations) on the
# 1,000,000-row benchmark CSV, Quire (release build) against pandas, alternating, best of RUNS.
# Needs: swift build -c release --product quire; the Python venv (PYTHON, default /work/venv).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
PYTHON="${PYTHON:-/work/venv/bin/python}"
QUIRE="${QUIRE:-$root/.build/release/quire}"
RUNS="${RUNS:-3}"
csv=/tmp/quire_bench_mobile_1m.csv
[ -f "$csv" ] || "$PYTHON" "$here/make_csv.py" "$csv"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$RUNS"); do
    "$QUIRE" run "$here/methods.qr" | sed 's/^/quire /'
    "$PYTHON" "$here/methods_pandas.py" | sed 's/^/pandas /'
done | awk '{ k = $1 SUBSEP $2; if (!(k in m) || $3 < m[k]) m[k] = $3; if (!($2 in seen)) { seen[$2] = 1; steps[++n] = $2 } }
    END {
        printf "%-14s %9s %9s %13s\n", "step", "quire s", "pandas s", "quire/pandas"
        for (i = 1; i <= n; i++) { s = steps[i]
            printf "%-14s %9.4f %9.4f %13.2f\n", s, m["quire", s], m["pandas", s], m["quire", s] / m["pandas", s] }
    }'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

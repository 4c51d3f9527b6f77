#!/usr/bin/env bash
# Runs the data benchmark: Quire (release build) against pandas and polars on a 1,000,000-row
# CSV resampled from mobile_price_train.csv. Each step's time is the best of RUNS runs.
# Needs: swift build -c release --product quire; the Python venv (PYTHON, default /work/venv).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
PYTHON="${PYTHON:-/work/venv/bin/python}"
QUIRE="${QUIRE:-$root/.build/release/quire}"
RUNS="${RUNS:-3}"
csv=/tmp/quire_bench_mobile_1m.csv
[ -f "$csv" ] || "$PYTHON" "$here/make_csv.py" "$csv"

best() {  # best <name> <command...>: per-step minimum over RUNS runs, as "step seconds" lines
    local name="$1"; shift
    for _ in $(seq "$RUNS"); do "$@"; done | awk -v n="$name" '
        { if (!($1 in m) || $2 < m[$1]) m[$1] = $2; if (!($1 in o)) { o[$1] = ++k; s[k] = $1 } }
        END { for (i = 1; i <= k; i++) print n, s[i], m[s[i]] }'
}
peak() {  # peak RSS in MB of one run
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident set size/ { printf "%.0f", $6 / 1024 }'
}

{
    best quire "$QUIRE" run "$here/ops.qr"
    best pandas "$PYTHON" "$here/ops_pandas.py"
    best polars "$PYTHON" "$here/ops_polars.py"
} > /tmp/quire_bench_data_times.txt

awk '{ t[$1, $2] = $3; if (!($2 in seen)) { seen[$2] = 1; steps[++n] = $2 } }
    END {
        printf "%-13s %9s %9s %9s %13s %13s\n", "step", "quire s", "pandas s", "polars s", "pandas/quire", "polars/quire"
        for (i = 1; i <= n; i++) { s = steps[i]
            printf "%-13s %9.4f %9.4f %9.4f %13.2f %13.2f\n", s, t["quire", s], t["pandas", s], t["polars", s],
                t["pandas", s] / t["quire", s], t["polars", s] / t["quire", s] }
    }' /tmp/quire_bench_data_times.txt

echo
echo "peak memory of reading alone (MB, /usr/bin/time -v maximum resident set size):"
echo "  quire  $(peak "$QUIRE" run "$here/read_only.qr")"
echo "  pandas $(peak "$PYTHON" "$here/read_only_pandas.py")"
echo "  polars $(peak "$PYTHON" "$here/read_only_polars.py")"

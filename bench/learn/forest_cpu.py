"""The forest on 50,000 rows compared by CPU time, for a machine shared with other work.

Wall times inflate with the machine's load; CPU time much less. Quire's CPU time for the fit and
prediction is `perf stat -e task-clock` of the timed program minus the same program without the
fit (reading the data literals costs the same in both); scikit-learn's is `time.process_time()`
around its fit and predict. Both with n_jobs=1. Needs Linux perf and a release build:
    /work/venv/bin/python bench/learn/forest_cpu.py [RUNS]
"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402
from sklearn.ensemble import RandomForestClassifier  # noqa: E402


def quire_cpu(path):
    r = subprocess.run(["perf", "stat", "-x,", "-e", "task-clock", run.QUIRE, "run", path],
                       capture_output=True, text=True, check=True)
    return float(r.stderr.strip().splitlines()[-1].split(",")[0]) / 1000


if __name__ == "__main__":
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    _, big = run.load()
    run.REPEAT = 1
    models = [m for m in run.MODELS if m[0] == "forest_jobs1"]
    program = run.quire_program(big, models, "big_")
    timed, base = "/tmp/quire_bench_forest_cpu.qr", "/tmp/quire_bench_forest_cpu_base.qr"
    with open(timed, "w") as f:
        f.write(program)
    with open(base, "w") as f:
        f.write("\n".join(l for l in program.splitlines() if ".fit(" not in l and "print(" not in l) + "\n")
    X_train, X_test, y_train, y_test = big
    for _ in range(runs):
        q = quire_cpu(timed) - quire_cpu(base)
        start = time.process_time()
        RandomForestClassifier(n_jobs=1, **run.FOREST).fit(X_train, y_train).predict(X_test)
        s = time.process_time() - start
        print(f"forest 50,000 rows, n_jobs=1, CPU seconds: quire {q:.2f}  scikit-learn {s:.2f}  ratio {q / s:.2f}", flush=True)

#!/usr/bin/env python3
"""Times Quire against CPython on the interpreter benchmarks, side by side, and prints ratios.

Usage: python3 bench/interpreter/run.py [runs]   (builds the release quire first)
Whole processes are timed; the median of the runs is reported. Ratio = Quire / Python.
"""
import os, statistics, subprocess, sys, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
subprocess.run(["swift", "build", "-c", "release", "--product", "quire"], cwd=root, check=True,
               stdout=subprocess.DEVNULL)
quire = os.path.join(root, ".build", "release", "quire")

def median_time(cmd):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        times.append(time.perf_counter() - start)
    return statistics.median(times), out.strip()

print(f"{'benchmark':<10} {'quire s':>9} {'python s':>9} {'ratio':>7}")
for name in ["fib", "loop"]:
    q, qout = median_time([quire, "run", os.path.join(here, name + ".qr")])
    p, pout = median_time([sys.executable, os.path.join(here, name + ".py")])
    assert qout == pout, f"{name}: outputs differ: {qout!r} vs {pout!r}"
    print(f"{name:<10} {q:9.3f} {p:9.3f} {q / p:7.2f}")

#!/usr/bin/env python3
"""Times Quire against CPython (and Lua 5.4, where installed) on the interpreter benchmarks, side
by side, and prints ratios.

Usage: python3 bench/interpreter/run.py [runs] [name ...]   (builds the release quire first;
names pick benchmarks, e.g. `run.py 60 fib`)
Whole processes are timed, the sides alternating; the best of the runs is reported (on a shared
machine the best is the run least disturbed by other work; the median ratio is printed beside it). Ratios
are Quire / Python and Lua / Python. Each program prints the same line on every side; the script checks it.

  fib          recursive fib(27): calls and returns
  loop         a 10-million-step while loop of integer arithmetic
  methods      list append/pop, str and dict methods, 400,000 rounds
  strings      f-strings, join, split and concatenation over 200,000 pieces
  containers   word counts in a dict, a sort with a key function, a comprehension
  closures     a counter closure and functions passed to functions, 1 million calls
"""
import os, shutil, statistics, subprocess, sys, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
chosen = sys.argv[2:] or ["fib", "loop", "methods", "strings", "containers", "closures"]
subprocess.run(["swift", "build", "-c", "release", "--product", "quire"], cwd=root, check=True,
               stdout=subprocess.DEVNULL)
quire = os.path.join(root, ".build", "release", "quire")
lua = shutil.which("lua5.4")


def timed(cmd):
    start = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - start, out.strip()


print(f"{'benchmark':<12} {'quire s':>9} {'python s':>9} {'lua s':>8} {'quire/py':>9} {'lua/py':>7} {'median q/py':>12}")
for name in chosen:
    sides = {"quire": [quire, "run", os.path.join(here, name + ".qr")],
             "python": [sys.executable, os.path.join(here, name + ".py")]}
    if lua:
        sides["lua"] = [lua, os.path.join(here, name + ".lua")]
    times = {side: [] for side in sides}
    outputs = {}
    for _ in range(runs):
        for side, cmd in sides.items():
            t, out = timed(cmd)
            times[side].append(t)
            outputs[side] = out
    best = {side: min(ts) for side, ts in times.items()}
    median = statistics.median(times["quire"]) / statistics.median(times["python"])
    assert len(set(outputs.values())) == 1, f"{name}: outputs differ: {outputs}"
    l = best.get("lua")
    print(f"{name:<12} {best['quire']:9.3f} {best['python']:9.3f} {l if l else float('nan'):8.3f} "
          f"{best['quire'] / best['python']:9.3f} {(l / best['python']) if l else float('nan'):7.2f} {median:12.3f}")
print("load average:", os.getloadavg())

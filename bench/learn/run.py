"""Times fit + predict of the tutorial's models in Quire and in scikit-learn, side by side.

Run from the repository root after `swift build -c release --product quire`:
    /work/venv/bin/python bench/learn/run.py
Prints each timing (best of REPEAT runs) and the ratio Quire / scikit-learn.
    /work/venv/bin/python bench/learn/run.py [--repeat N] [--rounds R] [names...]
times only the named models (naive_bayes, knn, svc, forest_jobs1, forest_jobs-1), best of N
runs each, in R alternating rounds of both sides.
"""
import os
import subprocess
import sys
import time

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.svm import SVC

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "notebooks", "data", "mobile_price_train.csv")
QUIRE = os.path.join(ROOT, ".build", "release", "quire")
REPEAT = 3
BIG = 50_000

FOREST = dict(n_estimators=200, max_depth=7, max_features=15, min_samples_leaf=3, min_samples_split=10, random_state=7)
FOREST_Q = "n_estimators=200, max_depth=7, max_features=15, min_samples_leaf=3, min_samples_split=10, random_state=7"
MODELS = [  # name, scikit-learn factory, Quire constructor
    ("naive_bayes", lambda: GaussianNB(), "gaussian_nb()"),
    ("knn", lambda: KNeighborsClassifier(n_neighbors=3, leaf_size=25), "knn(n_neighbors=3, leaf_size=25)"),
    ("svc", lambda: SVC(decision_function_shape="ovo"), 'svc(decision_function_shape="ovo")'),
    ("forest_jobs1", lambda: RandomForestClassifier(n_jobs=1, **FOREST), f"random_forest({FOREST_Q}, n_jobs=1)"),
    ("forest_jobs-1", lambda: RandomForestClassifier(n_jobs=-1, **FOREST), f"random_forest({FOREST_Q}, n_jobs=-1)"),
]
BIG_MODELS = [m for m in MODELS if m[0] in ("knn", "forest_jobs1", "forest_jobs-1")]


def load():
    df = pd.read_csv(DATA)
    df = df[df.sc_w != 0]
    X = df.drop(columns="price_range").to_numpy(dtype=float)
    y = df.price_range.to_numpy()
    tutorial = train_test_split(X, y, test_size=0.2, random_state=7)
    rows = np.random.RandomState(0).randint(0, len(X), BIG)
    n_train = BIG * 4 // 5
    Xb, yb = X[rows], y[rows]
    big = (Xb[:n_train], Xb[n_train:], yb[:n_train], yb[n_train:])
    return tutorial, big


def sklearn_times(split, models):
    X_train, X_test, y_train, y_test = split
    out = {}
    for name, make, _ in models:
        best = float("inf")
        for _ in range(REPEAT):
            t = time.perf_counter()
            make().fit(X_train, y_train).predict(X_test)
            best = min(best, time.perf_counter() - t)
        out[name] = best
    return out


def literal(rows):
    return "[" + ", ".join("[" + ", ".join(repr(float(v)) for v in r) + "]" for r in rows) + "]"


def quire_program(split, models, tag):
    """Data as literals, turned into arrays once (by an unshuffled split), then timed fits."""
    X_train, X_test, y_train, y_test = split
    lines = [
        f"X_all = {literal(np.vstack([X_train, X_test]))}",
        f"y_all = {[int(v) for v in np.concatenate([y_train, y_test])]}",
        f"X_train, X_test, y_train, y_test = train_test_split(X_all, y_all, test_size={len(X_test)}, shuffle=false)",
    ]
    for name, _, constructor in models:
        if constructor is None:
            continue
        lines += [
            "best = 1e9",
            f"for i in range({REPEAT}) {{",
            "    t = clock()",
            f"    {constructor}.fit(X_train, y_train).predict(X_test)",
            "    best = min(best, clock() - t)",
            "}",
            f'print("{tag}{name}", best)',
        ]
    return "\n".join(lines) + "\n"


def quire_times(split, models, tag):
    path = os.path.join("/tmp", f"quire_bench_learn_{tag or 'tutorial'}.qr")
    with open(path, "w") as f:
        f.write(quire_program(split, models, tag))
    result = subprocess.run([QUIRE, "run", path], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"quire failed:\n{result.stderr}")
    out = {}
    for line in result.stdout.splitlines():
        name, seconds = line.split()
        out[name[len(tag):]] = float(seconds)
    return out


def report(title, quire, sklearn):
    print(f"\n{title}")
    print(f"{'model':<16}{'quire s':>10}{'sklearn s':>11}{'ratio':>8}")
    for name, seconds in sklearn.items():
        q = quire.get(name, quire.get(name.replace("-1", "1")))
        print(f"{name:<16}{q:>10.4f}{seconds:>11.4f}{q / seconds:>8.2f}")


if __name__ == "__main__":
    args = sys.argv[1:]
    rounds = 1
    while args and args[0] in ("--repeat", "--rounds"):
        if args[0] == "--repeat":
            REPEAT = int(args[1])
        else:
            rounds = int(args[1])
        args = args[2:]
    if args:
        MODELS = [m for m in MODELS if m[0] in args]
        BIG_MODELS = [m for m in BIG_MODELS if m[0] in args]
    tutorial, big = load()
    for _ in range(rounds - 1):
        report("tutorial split (1456 train / 364 test rows)", quire_times(tutorial, MODELS, ""), sklearn_times(tutorial, MODELS))
    if not BIG_MODELS:
        report("tutorial split (1456 train / 364 test rows)", quire_times(tutorial, MODELS, ""), sklearn_times(tutorial, MODELS))
        sys.exit(0)
    report("tutorial split (1456 train / 364 test rows)", quire_times(tutorial, MODELS, ""), sklearn_times(tutorial, MODELS))
    report(f"{BIG} resampled rows ({len(big[0])} train / {len(big[1])} test)",
           quire_times(big, BIG_MODELS, "big_"), sklearn_times(big, BIG_MODELS))
    print("\nratio = Quire time / scikit-learn time (lower is better); both forests grow the same"
          " trees (scikit-learn's exact algorithm), with n_jobs=1 and n_jobs=-1 on each side.")

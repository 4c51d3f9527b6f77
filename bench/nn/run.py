"""Times MLPClassifier training per epoch in Quire (`mlp_classifier`) and in scikit-learn, side
by side, on the digits of notebook 03 (X / 16, train_test_split(test_size=0.25, random_state=0,
stratify=y)), with the same parameters and the same random_state (so both run the same epochs).

Run from the repository root after `swift build -c release --product quire`:
    /work/venv/bin/python bench/nn/run.py [repeats]
Both sides multiply on OpenBLAS (numpy's bundled copy, Quire's system one); set
OPENBLAS_NUM_THREADS=1 (or 2) in the environment to give both the same thread count.
Prints, per configuration, the best time per epoch of each side, the ratio Quire / scikit-learn
(below 1: Quire is faster), and both last losses (they must agree).
"""
import os
import subprocess
import sys
import time
import warnings

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

warnings.filterwarnings("ignore")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "notebooks", "data", "digits.csv.gz")
QUIRE = os.environ.get("QUIRE", os.path.join(ROOT, ".build", "release", "quire"))
REPEAT = int(sys.argv[1]) if len(sys.argv) > 1 else 5

CONFIGS = [  # name, scikit-learn parameters, Quire arguments
    ("adam (64,) batch auto", dict(hidden_layer_sizes=(64,), max_iter=20, random_state=0),
     "hidden_layer_sizes=[64], max_iter=20, random_state=0"),
    ("adam (32, 16) batch 32", dict(hidden_layer_sizes=(32, 16), learning_rate_init=0.01, batch_size=32, max_iter=15, random_state=1),
     "hidden_layer_sizes=[32, 16], learning_rate_init=0.01, batch_size=32, max_iter=15, random_state=1"),
    ("sgd (64,) momentum 0.9", dict(hidden_layer_sizes=(64,), solver="sgd", learning_rate_init=0.1, momentum=0.9, max_iter=10, random_state=2),
     'hidden_layer_sizes=[64], solver="sgd", learning_rate_init=0.1, momentum=0.9, max_iter=10, random_state=2'),
    ("adam (256, 128) batch auto", dict(hidden_layer_sizes=(256, 128), max_iter=20, random_state=3),
     "hidden_layer_sizes=[256, 128], max_iter=20, random_state=3"),
]


def sklearn_side():
    d = pd.read_csv(DATA, header=None)
    X = d.iloc[:, :64].to_numpy(float) / 16
    y = d.iloc[:, 64].to_numpy()
    X_train, _, y_train, _ = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
    out = {}
    for name, params, _ in CONFIGS:
        best, last = float("inf"), None
        for _ in range(REPEAT):
            t = time.perf_counter()
            m = MLPClassifier(**params).fit(X_train, y_train)
            best = min(best, (time.perf_counter() - t) / m.n_iter_)
            last = m.loss_curve_[-1]
        out[name] = (best, last)
    return out


def quire_side():
    fits = "\n".join(
        f"""best = 1e9
for r in range({REPEAT}) {{
    t = clock()
    m = mlp_classifier({args}).fit(X_train, y_train)
    best = min(best, (clock() - t) / m.n_iter)
}}
print("{name}", best, repr(m.loss_curve[-1]))"""
        for name, _, args in CONFIGS)
    program = f"""names = list(range(64)).map(fn(i) {{ f"px{{i}}" }}) + ["label"]
digits = read_csv("{DATA}", header=none, names=names)
X = digits.drop("label").to_array() / 16
y = digits.label.to_array()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
{fits}
"""
    text = subprocess.run([QUIRE, "-e", program], capture_output=True, text=True, check=True).stdout
    out = {}
    for line in text.splitlines():
        for name, _, _ in CONFIGS:
            if line.startswith(name + " "):
                seconds, loss = line[len(name) + 1:].split()
                out[name] = (float(seconds), float(loss))
    return out


def main():
    q = quire_side()
    s = sklearn_side()
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "every core")
    print(f"OpenBLAS threads (both sides): {threads}; {os.cpu_count()} cores; load {os.getloadavg()[0]:.1f}; best of {REPEAT}")
    print(f"{'configuration':30} {'quire ms/epoch':>15} {'sklearn ms/epoch':>17} {'ratio':>6}  last loss (quire / sklearn)")
    for name, _, _ in CONFIGS:
        (qt, ql), (st, sl) = q[name], s[name]
        print(f"{name:30} {qt * 1000:15.2f} {st * 1000:17.2f} {qt / st:6.2f}  {ql:.12f} / {sl:.12f}")


if __name__ == "__main__":
    main()

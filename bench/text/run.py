"""tfidf_vectorizer fit_transform in Quire against scikit-learn's TfidfVectorizer, side by side.

The texts: the 1,000 Amazon and 1,000 IMDb sentences of notebooks/data/text (2,000; the Yelp
file of the same UCI set is not shipped), fit_transform repeated 100 times on each side.
Run from the repository root after `swift build -c release --product quire`:
    /work/venv/bin/python bench/text/run.py
Prints both timings (seconds for the 100 runs; best of REPEAT) and the ratio Quire / scikit-learn.
"""
import os
import subprocess
import time

import pandas as pd
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
QUIRE = os.environ.get("QUIRE", os.path.join(ROOT, ".build", "release", "quire"))
DATA = os.path.join(ROOT, "notebooks", "data", "text")
REPEAT = 3
RUNS = 100


def texts():
    read = lambda name: pd.read_csv(os.path.join(DATA, name), sep="\t", header=None, names=["text", "label"], quoting=3)
    return list(read("amazon_cells_labelled.txt").text) + list(read("imdb_labelled.txt").text)


def sklearn_time(docs):
    best = float("inf")
    for _ in range(REPEAT):
        t = time.perf_counter()
        for _ in range(RUNS):
            X = TfidfVectorizer().fit_transform(docs)
        best = min(best, time.perf_counter() - t)
    return best, X.shape, X.nnz


def quire_time():
    best = float("inf")
    for _ in range(REPEAT):
        out = subprocess.run([QUIRE, "run", os.path.join("bench", "text", "tfidf.qr")], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.split("\n")
        best = min(best, float(out[0]))
    return best, out[1]


def main():
    docs = texts()
    s, shape, nnz = sklearn_time(docs)
    q, qshape = quire_time()
    print(f"{len(docs)} sentences, fit_transform x{RUNS} (scikit-learn {sklearn.__version__})")
    print(f"scikit-learn: {s:.3f} s   shape {shape} nnz {nnz}")
    print(f"quire:        {q:.3f} s   {qshape}")
    print(f"ratio quire / scikit-learn: {q / s:.2f}")
    print("load average:", os.getloadavg())


if __name__ == "__main__":
    main()

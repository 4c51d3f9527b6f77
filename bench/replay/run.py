#!/usr/bin/env python3
"""Replays the tutorial walkthroughs in Quire and in the Python stack, side by side.

Usage (from anywhere; needs pandas, seaborn, scikit-learn, opencv-python-headless and, for the
Jupyter column, jupyter, in the Python that runs this script):

    python bench/replay/run.py [runs]

Whole processes are timed, several runs each, and the medians compared:
- 01-mobile-price: `quire run notebooks/01-mobile-price.md --html` against
  bench/replay/mobile_price.py and the same code as a Jupyter notebook run with
  `jupyter nbconvert --execute`;
- 02-image-gradients: `quire run notebooks/02-image-gradients.md --html` against
  bench/replay/image_gradients.py.
"""
import json, os, shutil, statistics, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
subprocess.run(["swift", "build", "-c", "release", "--product", "quire"], cwd=root, check=True, stdout=subprocess.DEVNULL)
quire = os.path.join(root, ".build", "release", "quire")
python = sys.executable
jupyter = shutil.which("jupyter", path=os.path.dirname(python)) or shutil.which("jupyter")
work = tempfile.mkdtemp(prefix="quire-replay-")


def median_time(cmd):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=root, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def as_notebook(script, path):
    """The script as a one-cell Jupyter notebook (figures saved, as in the script)."""
    # The kernel starts in the notebook's folder; the script expects the repository root.
    source = f"import os\nos.chdir({root!r})\n" + open(script).read()
    nb = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                     "source": source.replace('sys.argv[1] if len(sys.argv) > 1 else', '')}],
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    with open(path, "w") as f:
        json.dump(nb, f)


rows = []
q = median_time([quire, "run", "notebooks/01-mobile-price.md", "--html"])
p = median_time([python, os.path.join(here, "mobile_price.py"), os.path.join(work, "py1")])
rows.append(("01-mobile-price", "python script", q, p))
if jupyter:
    nb = os.path.join(work, "mobile_price.ipynb")
    as_notebook(os.path.join(here, "mobile_price.py"), nb)
    j = median_time([jupyter, "nbconvert", "--to", "notebook", "--execute", "--output", os.path.join(work, "out.ipynb"), nb])
    rows.append(("01-mobile-price", "jupyter nbconvert", q, j))
q2 = median_time([quire, "run", "notebooks/02-image-gradients.md", "--html"])
p2 = median_time([python, os.path.join(here, "image_gradients.py"), os.path.join(work, "py2")])
rows.append(("02-image-gradients", "python script", q2, p2))

print(f"{'walkthrough':<20} {'against':<18} {'quire s':>8} {'python s':>9} {'ratio':>6}")
for name, against, qt, pt in rows:
    print(f"{name:<20} {against:<18} {qt:8.3f} {pt:9.3f} {qt / pt:6.3f}")
shutil.rmtree(work, ignore_errors=True)

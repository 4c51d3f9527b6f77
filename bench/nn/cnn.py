"""The CNN of issue 14 (b), Quire against PyTorch on the CPU with the same thread count, in one run.

usage: python bench/nn/cnn.py [--quire PATH] [--threads N] [--runs R] [--torch-site DIR]
Needs a release build of quire and a Python with torch, pandas and scikit-learn (or, with
--torch-site, the site-packages folder of another environment of the same Python that has torch). Prints each
side's time per epoch (best of R runs) and the ratio Quire / PyTorch (below 1: Quire faster).
"""
import argparse, os, re, subprocess, sys, time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DIGITS = ROOT / "notebooks" / "data" / "digits.csv.gz"


def torch_run(threads, epochs=20):
    import numpy as np, pandas as pd, torch, torch.nn as nn
    from sklearn.model_selection import train_test_split
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    d = pd.read_csv(DIGITS, header=None)
    X = d.iloc[:, :64].to_numpy(np.float32).reshape(-1, 1, 8, 8) / 16
    y = d.iloc[:, 64].to_numpy()
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
    net = nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Flatten(), nn.Linear(32 * 2 * 2, 64), nn.ReLU(), nn.Linear(64, 10))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    lossf = nn.CrossEntropyLoss()
    Xt, yt = torch.tensor(Xtr), torch.tensor(ytr)
    t0 = time.perf_counter()
    for _ in range(epochs):
        perm = torch.randperm(len(Xt))
        for i in range(0, len(Xt), 32):
            idx = perm[i:i + 32]
            opt.zero_grad()
            loss = lossf(net(Xt[idx]), yt[idx])
            loss.backward()
            opt.step()
    seconds = time.perf_counter() - t0
    with torch.no_grad():
        acc = (net(torch.tensor(Xte)).argmax(1).numpy() == yte).mean()
    return seconds / epochs, acc


def quire_run(quire, threads):
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads))
    out = subprocess.run([quire, "run", str(HERE / "cnn_digits.qr")], capture_output=True, text=True, env=env, check=True).stdout
    m = re.search(r"train ([\d.]+) s .* test accuracy ([\d.]+)", out)
    return float(m.group(1)) / 20, float(m.group(2))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quire", default=str(ROOT / ".build" / "release" / "quire"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--torch-site", default=None)
    ap.add_argument("--torch-only", action="store_true")
    ap.add_argument("--torch-epochs", type=int, default=20, help="fewer epochs for a quick timing on a busy machine")
    a = ap.parse_args()
    if a.torch_site:
        sys.path.append(a.torch_site)
    if a.torch_only:
        for _ in range(a.runs):
            s, acc = torch_run(a.threads, a.torch_epochs)
            print(f"torch  {s * 1000:7.1f} ms/epoch  test accuracy {acc:.4f}  (load {os.getloadavg()[0]:.1f})")
        return
    q = [quire_run(a.quire, a.threads) for _ in range(a.runs)]
    t = [torch_run(a.threads, a.torch_epochs) for _ in range(a.runs)]
    qs, ts = min(x[0] for x in q), min(x[0] for x in t)
    print(f"load average {os.getloadavg()[0]:.1f}, threads {a.threads}, best of {a.runs}")
    print(f"quire  {qs * 1000:7.1f} ms/epoch  test accuracy {q[0][1]:.4f}")
    print(f"torch  {ts * 1000:7.1f} ms/epoch  test accuracy {t[0][1]:.4f} after {a.torch_epochs} epochs")
    print(f"ratio quire/torch {qs / ts:.2f}")


if __name__ == "__main__":
    sys.exit(main())

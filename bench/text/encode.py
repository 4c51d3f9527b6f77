"""The sentence encoder against sentence-transformers (PyTorch, CPU), in one run.

Encodes the 1,000 Amazon sentences (notebooks/data/text/amazon_cells_labelled.txt) with batch 64
on both sides with the same thread count, and prints the times, their ratio (Quire / PyTorch:
below 1 means Quire is faster), the peak memory (max RSS) of each process and the largest
difference between the two sets of embeddings.

usage: /work/venv-torch/bin/python bench/text/encode.py [--threads N] [--runs R] [--quire PATH] [--model DIR]
Needs a release build (swift build -c release --product quire), torch and sentence-transformers
in the Python running it, and the model installed (quire models fetch all-MiniLM-L6-v2).
Each side runs in its own process (so that max RSS is its own): the model is loaded, one
warm-up encode of 64 sentences, then R timed encodes of all 1,000; the best is reported.
"""
import argparse, json, os, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "notebooks/data/text/amazon_cells_labelled.txt")

PY_SIDE = r'''
import json, resource, sys, time, os
threads, runs, model_dir, data, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
import torch
torch.set_num_threads(threads)
from sentence_transformers import SentenceTransformer
texts = [line.rsplit("\t", 1)[0] for line in open(data, encoding="utf-8").read().splitlines() if line.strip()]
m = SentenceTransformer(model_dir, device="cpu")
m.encode(texts[:64], batch_size=64)
best = 1e9
for _ in range(runs):
    t = time.perf_counter(); E = m.encode(texts, batch_size=64, convert_to_numpy=True); best = min(best, time.perf_counter() - t)
E.astype("float32").tofile(out)
print(json.dumps({"seconds": best, "rows": len(texts), "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
'''

# Quire's encode time is the wall time of a run that loads the model,
# warms up and encodes the 1,000 sentences, minus that of a run that stops after the warm-up
# (best of R each, alternating).
QR_SIDE = '''
texts = read_csv("{data}", sep="\\t", header=none, names=["text", "label"], quoting="none").text.to_list()
encoder = text_encoder("{model}")
warm = encoder.encode(texts[:64], batch_size=64)
if {full} {{
    E = encoder.encode(texts, batch_size=64)
    if {dump} {{
        for row in E.tolist() {{ print(row) }}
    }}
}}
'''



def run_measured(cmd, env=None):
    """Runs cmd under /usr/bin/time -v when present, returning (stdout, max RSS in kB)."""
    timer = ["/usr/bin/time", "-v"] if os.path.exists("/usr/bin/time") else []
    p = subprocess.run(timer + cmd, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stdout}\n{p.stderr}")
    rss = None
    for line in p.stderr.splitlines():
        if "Maximum resident set size" in line:
            rss = int(line.split(":")[1])
    return p.stdout, rss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--quire", default=os.path.join(ROOT, ".build/release/quire"))
    ap.add_argument("--model", default=None, help="model folder (default: where text_encoder finds all-MiniLM-L6-v2)")
    a = ap.parse_args()
    import numpy as np
    tmp = tempfile.mkdtemp()
    model = a.model
    if model is None:
        out = subprocess.run([a.quire, "-e", 'print(text_encoder("all-MiniLM-L6-v2").folder)'], capture_output=True, text=True)
        model = out.stdout.strip().splitlines()[-1] if out.returncode == 0 else sys.exit(out.stderr)
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(a.threads))

    def quire(full, dump):
        script = os.path.join(tmp, f"encode_{full}_{dump}.qr")
        open(script, "w").write(QR_SIDE.format(data=DATA, model=model, full=str(full).lower(), dump=str(dump).lower()))
        t = time.perf_counter()
        text, rss = run_measured([a.quire, "run", script], env)
        return time.perf_counter() - t, text, rss

    base, full, qrss = 1e9, 1e9, 0
    for _ in range(a.runs):
        base = min(base, quire(False, False)[0])
        seconds, _, rss = quire(True, False)
        full, qrss = min(full, seconds), max(qrss, rss or 0)
    qsec = full - base
    _, dumped, _ = quire(True, True)
    Eq = np.array([json.loads(line) for line in dumped.strip().splitlines()[-1000:]], dtype=np.float64)
    pout = os.path.join(tmp, "torch.f32")
    ptext, prss = run_measured([sys.executable, "-c", PY_SIDE, str(a.threads), str(a.runs), model, DATA, pout])
    p = json.loads(ptext.strip().splitlines()[-1])
    Ep = np.fromfile(pout, dtype=np.float32).reshape(p["rows"], -1)
    diff = float(np.abs(Eq - Ep.astype(np.float64)).max())
    print(f"threads {a.threads}, {p['rows']} sentences, batch 64, best of {a.runs}; quire: load and warm-up {base:.3f} s")
    print(f"quire            {qsec:8.3f} s   max RSS {qrss / 1024 if qrss else float('nan'):8.1f} MB")
    print(f"sentence-transf. {p['seconds']:8.3f} s   max RSS {prss / 1024 if prss else p['maxrss_kb'] / 1024:8.1f} MB")
    print(f"time ratio (quire / torch): {qsec / p['seconds']:.2f}")
    if qrss and prss:
        print(f"memory ratio (quire / torch): {qrss / prss:.2f}")
    print(f"max abs difference of the embeddings: {diff:.2e}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The Quire kernel against IPython's kernel (ipykernel), through jupyter_client and nbclient.

Usage (needs jupyter_client, nbclient, nbformat and ipykernel in the Python that runs this; for
the notebook row also pandas, seaborn and scikit-learn, as bench/replay does):

    python bench/kernel/run.py [--quire PATH] [runs]

Measures, as medians of `runs` (default 5):
- start: from starting the kernel process to the first `execute_reply` (of `1`), through
  jupyter_client's start_new_kernel (its wait_for_ready ends by reading IOPub until 0.2 s pass
  with no message, so this is never under 0.2 s, whatever the kernel);
- start, no handshake: the same with the execute_request sent as soon as the client's channels
  start (no wait_for_ready): the kernel's own start-up;
- round trip: one trivial cell (`1`), execute_request to execute_reply, median of 200;
- notebook: nbclient executing notebooks/01-mobile-price as .ipynb with the Quire kernel, against
  bench/replay/mobile_price.py as a one-cell notebook with ipykernel; then `quire run` of the same
  notebook (wall and CPU seconds) and the Quire kernel's CPU seconds under nbclient (CPU is what a
  loaded machine changes least: the difference is what the kernel adds).
Without --quire it builds and uses the release build.
"""
import json, os, shutil, statistics, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
args = sys.argv[1:]
quire = None
if "--quire" in args:
    i = args.index("--quire")
    quire = os.path.abspath(args[i + 1])
    del args[i:i + 2]
runs = int(args[0]) if args else 5
if quire is None:
    subprocess.run(["swift", "build", "-c", "release", "--product", "quire"], cwd=root, check=True, stdout=subprocess.DEVNULL)
    quire = os.path.join(root, ".build", "release", "quire")

work = tempfile.mkdtemp(prefix="quire-kernel-bench-")
os.environ["JUPYTER_PATH"] = os.path.join(work, "share", "jupyter") + os.pathsep + os.environ.get("JUPYTER_PATH", "")
os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(work, "runtime")
subprocess.run([quire, "kernel", "install", "--prefix", work], check=True, stdout=subprocess.DEVNULL)

import nbformat  # noqa: E402
from jupyter_client.manager import start_new_kernel  # noqa: E402
from nbclient import NotebookClient  # noqa: E402


def start_to_first_reply(kernel):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        km, kc = start_new_kernel(kernel_name=kernel, startup_timeout=60)
        kc.execute_interactive("1", timeout=60, output_hook=lambda m: None)
        times.append(time.perf_counter() - start)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return statistics.median(times)


def start_without_handshake(kernel):
    from jupyter_client.manager import KernelManager
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        km = KernelManager(kernel_name=kernel)
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        msg_id = kc.execute("1")
        while kc.get_shell_msg(timeout=60)["parent_header"].get("msg_id") != msg_id:
            pass
        times.append(time.perf_counter() - start)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return statistics.median(times)


def round_trip(kernel):
    km, kc = start_new_kernel(kernel_name=kernel, startup_timeout=60)
    times = []
    for _ in range(200):
        start = time.perf_counter()
        msg_id = kc.execute("1")
        while kc.get_shell_msg(timeout=60)["parent_header"].get("msg_id") != msg_id:
            pass
        times.append(time.perf_counter() - start)
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return statistics.median(times)


def children_cpu():
    """CPU seconds (user + system) of this process's ended, waited-for children: the kernels."""
    import resource
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def notebook_time(path, kernel, folder, cpu=None):
    times = []
    for _ in range(runs):
        nb = nbformat.read(path, as_version=4)
        start, start_cpu = time.perf_counter(), children_cpu()
        NotebookClient(nb, kernel_name=kernel, timeout=600, resources={"metadata": {"path": folder}}).execute()
        times.append(time.perf_counter() - start)
        if cpu is not None:
            cpu.append(children_cpu() - start_cpu)
    return statistics.median(times)


def quire_run(folder, name):
    """Wall and CPU seconds of `quire run NAME` (the same cells without Jupyter)."""
    walls, cpus = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), children_cpu()
        subprocess.run([quire, "run", name], cwd=folder, check=True, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        cpus.append(children_cpu() - start_cpu)
    return statistics.median(walls), statistics.median(cpus)


rows = [
    ("start to first execute_reply", start_to_first_reply("quire"), start_to_first_reply("python3")),
    ("start, no handshake", start_without_handshake("quire"), start_without_handshake("python3")),
    ("trivial cell round trip", round_trip("quire"), round_trip("python3")),
]
try:
    import pandas, seaborn, sklearn  # noqa: F401
    notebooks = os.path.join(work, "notebooks")
    shutil.copytree(os.path.join(root, "notebooks"), notebooks)
    subprocess.run([quire, "run", "01-mobile-price.md"], cwd=notebooks, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([quire, "convert", "01-mobile-price.md", "--to", "ipynb"], cwd=notebooks, check=True, stdout=subprocess.DEVNULL)
    source = f"import os\nos.chdir({root!r})\n" + open(os.path.join(root, "bench", "replay", "mobile_price.py")).read()
    source = source.replace("sys.argv[1] if len(sys.argv) > 1 else", "")
    python_nb = os.path.join(work, "mobile_price.ipynb")
    with open(python_nb, "w") as f:
        json.dump({"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}],
                   "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
                   "nbformat": 4, "nbformat_minor": 5}, f)
    kernel_cpu = []
    rows.append(("nbclient, notebook 01", notebook_time(os.path.join(notebooks, "01-mobile-price.ipynb"), "quire", notebooks, kernel_cpu),
                 notebook_time(python_nb, "python3", work)))
    run_wall, run_cpu = quire_run(notebooks, "01-mobile-price.md")
    extra = [("quire run 01 (wall s)", run_wall), ("quire run 01 (CPU s)", run_cpu),
             ("kernel CPU s under nbclient", statistics.median(kernel_cpu))]
except ImportError as error:
    print(f"(notebook row left out: {error})")

print(f"{'measure':<30} {'quire s':>9} {'ipykernel s':>12} {'ratio':>6}")
for name, q, p in rows:
    print(f"{name:<30} {q:9.4f} {p:12.4f} {q / p:6.3f}")
for name, q in globals().get("extra", []):
    print(f"{name:<30} {q:9.4f}")
print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
shutil.rmtree(work, ignore_errors=True)

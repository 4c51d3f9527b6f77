"""Where start_new_kernel's time goes: timestamps of each step, for one kernel.

Usage: python bench/kernel/handshake.py KERNEL_NAME [starts]   (the kernelspec installed, e.g.
`quire kernel install --prefix P` with JUPYTER_PATH=P/share/jupyter)
"""
import sys, time, statistics
from jupyter_client.manager import KernelManager
rows = []
for _ in range(int(sys.argv[2]) if len(sys.argv) > 2 else 5):
    t0 = time.perf_counter()
    km = KernelManager(kernel_name=sys.argv[1]); km.start_kernel()
    t1 = time.perf_counter()
    kc = km.client(); kc.start_channels()
    kc.kernel_info()
    while True:
        m = kc.get_shell_msg(timeout=30)
        if m["msg_type"] == "kernel_info_reply": break
    t2 = time.perf_counter()
    # what wait_for_ready does next: read IOPub until 0.2 s pass without a message
    n = 0
    while True:
        try: kc.get_iopub_msg(timeout=0.2); n += 1
        except Exception: break
    t3 = time.perf_counter()
    kc.execute_interactive("1", timeout=30, output_hook=lambda m: None)
    t4 = time.perf_counter()
    rows.append((t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0))
    kc.stop_channels(); km.shutdown_kernel(now=True)
names = ["start_kernel", "to kernel_info_reply", "IOPub flush", "execute 1", "total"]
for i, name in enumerate(names):
    print(f"{name:<22} median {statistics.median(r[i] for r in rows):.3f} s   " + " ".join(f"{r[i]:.3f}" for r in rows))

"""The same figures as tutorial_set.qr with matplotlib, timed after the imports."""
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

OUT = "/tmp/quire-bench-plot"
REPEATS = 20
values = [(i * 7919) % 1500 + 500 for i in range(2000)]
cm = np.array([[92, 3, 0, 0], [2, 85, 5, 0], [0, 6, 74, 6], [0, 0, 11, 80]])


def bar():
    fig, ax = plt.subplots()
    ax.bar(["1", "2", "3", "0"], [500, 500, 500, 500], width=0.8)
    ax.set_xlabel("price_range")
    ax.set_ylabel("Count")
    return fig


def heatmap():
    fig, ax = plt.subplots()
    image = ax.imshow(cm, cmap="BuPu", aspect="auto")
    for r in range(4):
        for c in range(4):
            ax.text(c, r, str(cm[r, c]), ha="center", va="center", color="white" if cm[r, c] > 46 else "black")
    fig.colorbar(image)
    ax.set_title("Random Forest Confusion Matrix")
    ax.set_xlabel("Predicted Values")
    ax.set_ylabel("Actual Values")
    return fig


def hist():
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.hist(values, bins=30)
    ax.set_xlabel("battery_power")
    ax.set_ylabel("Count")
    return fig


def render_set(tag):
    for name, make in [("bar", bar), ("heatmap", heatmap), ("hist", hist)]:
        fig = make()
        for ext in ["png", "svg"]:
            fig.savefig(f"{OUT}/{name}_{tag}.{ext}", dpi=100)
        plt.close(fig)


render_set("warmup")
start = time.perf_counter()
for _ in range(REPEATS):
    render_set("m")
per_set = (time.perf_counter() - start) / REPEATS
print(f"matplotlib_ms_per_set {per_set * 1000:.2f}")

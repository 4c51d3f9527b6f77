"""Times Quire's image filters against OpenCV + numpy on the same 4096 x 4096 uint8 image and
prints the ratios (Quire time / OpenCV time; below 1 means Quire is faster).

Needs a release build (`swift build -c release --product quire`) and /work/venv (OpenCV, numpy).
Run from the repository root: /work/venv/bin/python bench/vision/run.py"""
import os
import subprocess
import sys
import time

import cv2
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "../.."))
REPEATS = 5
# The two sides run alternately this many times and each keeps its best time, so that a burst of
# load from other processes on a shared machine does not land on one side only.
ROUNDS = 3


def best(f):
    fastest = float("inf")
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        f()
        fastest = min(fastest, time.perf_counter() - t0)
    return fastest * 1000


def opencv_times():
    camera = cv2.imread(os.path.join(ROOT, "notebooks/data/images/camera.png"), cv2.IMREAD_GRAYSCALE)
    img = cv2.resize(camera, (4096, 4096), interpolation=cv2.INTER_LINEAR)
    sharpen = np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], np.float32)
    sobel_x = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], np.float32)
    sobel_y = np.array([[1, 2, 1], [0, 0, 0], [-1, -2, -1]], np.float32)

    def sobel_xy():
        return cv2.filter2D(img, cv2.CV_32F, sobel_x), cv2.filter2D(img, cv2.CV_32F, sobel_y)

    def sobel_hypot():
        gx, gy = sobel_xy()
        return np.hypot(gx, gy)

    def magnitude_orientation():
        gx, gy = sobel_xy()
        return np.hypot(gx, gy), np.degrees(np.arctan2(gy, gx))

    return {
        "filter2d_3x3_u8": best(lambda: cv2.filter2D(img, -1, sharpen)),
        "sobel_xy_f32": best(sobel_xy),
        "sobel_xy_hypot": best(sobel_hypot),
        "sobel_magnitude_orientation": best(magnitude_orientation),
        "gaussian_5x5_u8": best(lambda: cv2.GaussianBlur(img, (5, 5), 1)),
        "canny_100_200": best(lambda: cv2.Canny(img, 100, 200)),
    }


def quire_times():
    quire = os.path.join(ROOT, ".build/release/quire")
    if not os.path.exists(quire):
        sys.exit("build first: swift build -c release --product quire")
    out = subprocess.run([quire, "run", os.path.join(HERE, "filters.qr")], capture_output=True, text=True, check=True)
    return {name: float(ms) for name, ms in (line.split() for line in out.stdout.strip().splitlines())}


def main():
    print(f"OpenCV {cv2.__version__}, numpy {np.__version__}, threads {cv2.getNumThreads()}, "
          f"best of {REPEATS} x {ROUNDS} alternating rounds, 4096 x 4096 uint8, load {os.getloadavg()[0]:.1f}")
    theirs, ours = {}, {}
    for _ in range(ROUNDS):
        for side, times in ((theirs, opencv_times()), (ours, quire_times())):
            for name, t in times.items():
                side[name] = min(side.get(name, float("inf")), t)
    print(f"{'operation':30} {'Quire ms':>10} {'OpenCV ms':>10} {'ratio':>7}")
    for name, t in theirs.items():
        print(f"{name:30} {ours[name]:10.1f} {t:10.1f} {ours[name] / t:7.2f}")


if __name__ == "__main__":
    main()

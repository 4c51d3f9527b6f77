"""The image-gradient walkthrough written the usual way in Python: OpenCV, numpy, matplotlib.

Run from the repository root: python bench/replay/image_gradients.py OUTDIR
It does what notebooks/02-image-gradients.md does, and saves the same figures as SVG into OUTDIR.
"""
import os
import sys

import cv2
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/replay-img"
os.makedirs(out, exist_ok=True)
figures = 0


def save():
    global figures
    figures += 1
    plt.savefig(os.path.join(out, f"figure-{figures}.svg"))
    plt.close("all")


patch = np.array([[165, 120, 50], [70, 100, 160], [100, 60, 85]], dtype=np.uint8)
p = patch.astype(int)
gx, gy = p[0, 0] - p[1, 1], p[0, 1] - p[1, 0]
print(f"Roberts: gx = {gx}, gy = {gy}, magnitude = {np.hypot(gx, gy):.0f}, orientation = {np.degrees(np.arctan2(gy, gx)):.4f}")
roberts_x = np.array([[1, 0], [0, -1]], dtype=np.float32)
roberts_y = np.array([[0, 1], [-1, 0]], dtype=np.float32)
prewitt_x = np.array([[-1, 0, 1]] * 3, dtype=np.float32)
prewitt_y = np.array([[1, 1, 1], [0, 0, 0], [-1, -1, -1]], dtype=np.float32)
sobel_x = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=np.float32)
sobel_y = np.array([[1, 2, 1], [0, 0, 0], [-1, -2, -1]], dtype=np.float32)
print(cv2.filter2D(patch, cv2.CV_32F, sobel_x)[1, 1], cv2.filter2D(patch, cv2.CV_32F, sobel_y)[1, 1])

img = cv2.imread("notebooks/data/images/camera.png", cv2.IMREAD_GRAYSCALE)
print(img.shape, img.dtype)
plt.imshow(img, cmap="gray")
save()
mags = []
for kx, ky in [(roberts_x, roberts_y), (prewitt_x, prewitt_y), (sobel_x, sobel_y)]:
    fx = cv2.filter2D(img, cv2.CV_32F, kx)
    fy = cv2.filter2D(img, cv2.CV_32F, ky)
    mags.append(np.hypot(fx, fy))
print([round(float(m.max()), 1) for m in mags])
fig, axes = plt.subplots(1, 3, figsize=(15, 5))
for ax, m, title in zip(axes, mags, ["Roberts", "Prewitt", "Sobel"]):
    ax.imshow(m, cmap="gray")
    ax.set_title(title)
save()
gx = cv2.filter2D(img, cv2.CV_32F, sobel_x)
gy = cv2.filter2D(img, cv2.CV_32F, sobel_y)
orientation = np.degrees(np.arctan2(gy, gx))
fig, axes = plt.subplots(1, 3, figsize=(15, 5))
for ax, m, title, cmap in zip(axes, [gx, gy, orientation], ["Sobel x", "Sobel y", "Orientation"], ["gray", "gray", "coolwarm"]):
    ax.imshow(m, cmap=cmap)
    ax.set_title(title)
save()
edges = cv2.Canny(img, 100, 200)
print((edges > 0).sum(), "edge pixels")
plt.imshow(edges, cmap="gray")
save()

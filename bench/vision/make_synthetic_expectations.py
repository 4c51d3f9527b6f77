"""Writes Tests/QuireVisionTests/SyntheticExpectations.swift: OpenCV's results on small synthetic images that no other
test of the project uses. Run once with /work/venv/bin/python (opencv-python-headless 5.0,
numpy 2.4); the images are made by the same LCG in SyntheticImages.swift."""
import os

import cv2
import numpy as np


def lcg(seed, count):
    out, s = [], seed
    for _ in range(count):
        s = (s * 1103515245 + 12345) % (1 << 31)
        out.append((s >> 16) & 255)
    return out


def noise(h, w, c, seed):
    shape = (h, w) if c == 1 else (h, w, c)
    return np.array(lcg(seed, h * w * c), dtype=np.uint8).reshape(shape)


def shapes(h, w, seed):
    """A disc and a square on a ramp, with a little noise: something with edges for Canny."""
    y, x = np.mgrid[0:h, 0:w]
    img = (x * 3 + y * 2).astype(np.int32)
    img[(x - w // 3) ** 2 + (y - h // 2) ** 2 < (h // 4) ** 2] = 200
    img[(abs(x - 3 * w // 4) < w // 8) & (abs(y - h // 3) < h // 6)] = 30
    img = img + (np.array(lcg(seed, h * w)).reshape(h, w) % 9) - 4
    return np.clip(img, 0, 255).astype(np.uint8)


BORDERS = {"constant": cv2.BORDER_CONSTANT, "replicate": cv2.BORDER_REPLICATE, "reflect": cv2.BORDER_REFLECT,
           "wrap": cv2.BORDER_WRAP, "reflect_101": cv2.BORDER_REFLECT_101}

gray = noise(9, 11, 1, 1)
rgb = noise(9, 11, 3, 2)
cases = []  # (name, swift expression of the expected array, shape)


def add(name, arr):
    arr = np.asarray(arr)
    if arr.dtype == np.float32:
        body = ", ".join(repr(float(v)) for v in arr.ravel())
        cases.append(f'        "{name}": Expected(shape: {list(arr.shape)}, floats: [{body}]),')
    else:
        body = ", ".join(str(int(v)) for v in arr.ravel())
        cases.append(f'        "{name}": Expected(shape: {list(arr.shape)}, bytes: [{body}]),')


kernels = {
    "sobel_x": np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], np.float32),
    "even2": np.array([[1, 2], [3, -4]], np.float32),
    "even4": np.array([[1, -2, 3, 0], [2, 5, -1, 1], [0, 1, 1, -3], [2, 0, -2, 1]], np.float32),
    "fractional": np.array([[0.1, 0.2, 0.1], [0.2, -0.5, 0.3], [0, 1 / 3, 0.25]], np.float32),
    "large": np.array([[40, -30, 20, 0, 5]] * 5, np.float32),
}
for name, k in kernels.items():
    add(f"filter2d_{name}", cv2.filter2D(gray, -1, k))
for border, code in BORDERS.items():
    if code == cv2.BORDER_WRAP:
        # filter2D refuses BORDER_WRAP: pad by wrapping (anchor 2,2 of a 4x4 kernel), then crop.
        padded = cv2.copyMakeBorder(gray, 2, 1, 2, 1, cv2.BORDER_WRAP)
        result = cv2.filter2D(padded, -1, kernels["even4"])[2:-1, 2:-1]
    else:
        result = cv2.filter2D(gray, -1, kernels["even4"], borderType=code)
    add(f"filter2d_even4_{border}", result)
add("filter2d_fractional_f32", cv2.filter2D(gray, cv2.CV_32F, kernels["fractional"]))
add("filter2d_sobel_x_rgb", cv2.filter2D(rgb, -1, kernels["sobel_x"]))
add("gray_rgb", cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY))
for k in (3, 5, 7):
    add(f"median_{k}", cv2.medianBlur(gray, k))
add("median_3_rgb", cv2.medianBlur(rgb, 3))
add("gaussian_3_0", cv2.GaussianBlur(gray, (3, 3), 0))
add("gaussian_7_1.3", cv2.GaussianBlur(gray, (7, 7), 1.3))
add("gaussian_0_1.2", cv2.GaussianBlur(gray, (0, 0), 1.2))
add("gaussian_5_1_rgb", cv2.GaussianBlur(rgb, (5, 5), 1))
add("box_3", cv2.blur(gray, (3, 3)))
add("box_4", cv2.blur(gray, (4, 4)))
add("resize_linear_7x5", cv2.resize(gray, (7, 5), interpolation=cv2.INTER_LINEAR))
add("resize_linear_15x20", cv2.resize(gray, (15, 20), interpolation=cv2.INTER_LINEAR))
add("resize_area_5x4", cv2.resize(gray, (5, 4), interpolation=cv2.INTER_AREA))
add("resize_area_15x20", cv2.resize(gray, (15, 20), interpolation=cv2.INTER_AREA))
add("resize_cubic_17x14", cv2.resize(gray, (17, 14), interpolation=cv2.INTER_CUBIC))
add("resize_nearest_8x6", cv2.resize(gray, (8, 6), interpolation=cv2.INTER_NEAREST))
add("resize_linear_rgb_6x4", cv2.resize(rgb, (6, 4), interpolation=cv2.INTER_LINEAR))
edges = shapes(40, 48, 3)
add("canny_shapes_50_120", cv2.Canny(edges, 50, 120))
t, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
add("otsu_gray", binary)
cases.append(f'        "otsu_gray_threshold": Expected(shape: [1], bytes: [{int(t)}]),')
add("flip_horizontal", cv2.flip(gray, 1))
add("flip_vertical", cv2.flip(gray, 0))
add("rotate_90", cv2.rotate(gray, cv2.ROTATE_90_COUNTERCLOCKWISE))
add("rotate_270", cv2.rotate(gray, cv2.ROTATE_90_CLOCKWISE))
rotation = cv2.getRotationMatrix2D((11 / 2, 9 / 2), 30, 1)
add("rotate_30", cv2.warpAffine(gray, rotation, (11, 9), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT))
smooth_gray = cv2.GaussianBlur(noise(32, 40, 1, 7), (7, 7), 2)
add("smooth_32x40", smooth_gray)
rotation = cv2.getRotationMatrix2D((40 / 2, 32 / 2), -17, 1)
add("rotate_smooth_minus17", cv2.warpAffine(smooth_gray, rotation, (40, 32), flags=cv2.INTER_LINEAR))
add("pad_reflect", cv2.copyMakeBorder(gray, 1, 2, 3, 4, cv2.BORDER_REFLECT))

OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../Tests/QuireVisionTests/SyntheticExpectations.swift")
with open(OUTPUT, "w") as f:
    f.write("// Generated by bench/vision/make_synthetic_expectations.py with OpenCV "
            + cv2.__version__ + " and numpy " + np.__version__ + "; do not edit by hand.\n")
    f.write("// Inputs come from SyntheticImages.swift (an LCG), so no file is involved.\n\n")
    f.write("enum SyntheticExpectations {\n    static let all: [String: Expected] = [\n")
    f.write("\n".join(cases))
    f.write("\n    ]\n}\n")

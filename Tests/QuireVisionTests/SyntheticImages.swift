import QuireArray

/// Small images made by formula, the same ones Scripts/make_synthetic_expectations.py makes,
/// so that results can be compared with OpenCV's on pixels no file of the project holds.
enum SyntheticImages {
    /// glibc-style LCG bytes: s = s * 1103515245 + 12345 mod 2^31, byte = (s >> 16) & 255.
    static func lcg(seed: Int, count: Int) -> [UInt8] {
        var s = seed
        return (0..<count).map { _ in
            s = (s &* 1_103_515_245 &+ 12345) % (1 << 31)
            return UInt8((s >> 16) & 255)
        }
    }

    static func noise(height: Int, width: Int, channels: Int, seed: Int) -> NDArray {
        let shape = channels == 1 ? [height, width] : [height, width, channels]
        return NDArray(shape: shape, uint8: lcg(seed: seed, count: height * width * channels))
    }

    /// The 9 x 11 gray and RGB noise images of the expectations.
    static let gray = noise(height: 9, width: 11, channels: 1, seed: 1)
    static let rgb = noise(height: 9, width: 11, channels: 3, seed: 2)

    /// A disc and a square on a ramp with a little noise, for Canny.
    static func shapes(height h: Int, width w: Int, seed: Int) -> NDArray {
        let n = lcg(seed: seed, count: h * w)
        var out = [UInt8](repeating: 0, count: h * w)
        for y in 0..<h {
            for x in 0..<w {
                var v = x * 3 + y * 2
                let (dx, dy) = (x - w / 3, y - h / 2)
                if dx * dx + dy * dy < (h / 4) * (h / 4) { v = 200 }
                if abs(x - 3 * w / 4) < w / 8 && abs(y - h / 3) < h / 6 { v = 30 }
                v += Int(n[y * w + x]) % 9 - 4
                out[y * w + x] = UInt8(min(max(v, 0), 255))
            }
        }
        return NDArray(shape: [h, w], uint8: out)
    }
}

/// An expected OpenCV result: its shape and uint8 or float32 values.
struct Expected {
    let shape: [Int]
    let array: NDArray
    init(shape: [Int], bytes: [UInt8]) {
        self.shape = shape
        array = NDArray(shape: shape, uint8: bytes)
    }
    init(shape: [Int], floats: [Float]) {
        self.shape = shape
        array = NDArray(shape: shape, float32: floats)
    }
}

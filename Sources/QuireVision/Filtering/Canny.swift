import QuireArray

extension Filters {
    /// OpenCV's Canny: 3x3 Sobel gradients (border replicated), L1 magnitude `|dx| + |dy|`
    /// (or L2 when `l2`), non-maximum suppression along the gradient's direction (quantised with
    /// OpenCV's fixed-point tangents) and hysteresis between `low` and `high`. Gray uint8 only.
    public static func canny(_ image: NDArray, low: Double, high: Double, l2: Bool = false) throws -> NDArray {
        let layout = try grayLayout(image, for: "canny")
        guard image.dtype == .uint8 else {
            throw VisionError.notAnImageArray(shape: image.shape, dtype: image.dtype, reason: "canny")
        }
        var (lo, hi) = (min(low, high), max(low, high))
        if l2 {
            lo = min(32767, lo); hi = min(32767, hi)
            if lo > 0 { lo *= lo }
            if hi > 0 { hi *= hi }
        }
        let lowT = Int32(lo.rounded(.down)), highT = Int32(hi.rounded(.down))
        let dyKernel = try Kernel([[-1, -2, -1], [0, 0, 0], [1, 2, 1]])
        guard case .int16(let dx) = try Correlation.run(image, .sobelX, output: .int16, border: .replicate),
            case .int16(let dy) = try Correlation.run(image, dyKernel, output: .int16, border: .replicate)
        else { preconditionFailure("int16 correlation gives int16") }
        let w = layout.width, h = layout.height
        // Magnitudes with a zero frame, so neighbours of border pixels read 0 as in OpenCV.
        let mw = w + 2
        var magnitude = [Int32](repeating: 0, count: (h + 2) * mw)
        for y in 0..<h {
            for x in 0..<w {
                let a = Int32(dx[y * w + x]), b = Int32(dy[y * w + x])
                magnitude[(y + 1) * mw + x + 1] = l2 ? a * a + b * b : abs(a) + abs(b)
            }
        }
        // 0: may be an edge, 1: not an edge, 2: edge; a frame of 1s stops the hysteresis.
        var map = [UInt8](repeating: 1, count: (h + 2) * mw)
        var stack: [Int] = []
        let tg22: Int32 = 13573  // tan(22.5 degrees) in 1/32768ths
        for y in 0..<h {
            for x in 0..<w {
                let j = (y + 1) * mw + x + 1
                let m = magnitude[j]
                guard m > lowT else { continue }
                let xs = Int32(dx[y * w + x]), ys = Int32(dy[y * w + x])
                let ax = abs(xs), ay = abs(ys) << 15
                let tg22x = ax * tg22
                let isMaximum: Bool
                if ay < tg22x {
                    isMaximum = m > magnitude[j - 1] && m >= magnitude[j + 1]
                } else if ay > tg22x + (ax << 16) {
                    isMaximum = m > magnitude[j - mw] && m >= magnitude[j + mw]
                } else {
                    let s = (xs ^ ys) < 0 ? -1 : 1
                    isMaximum = m > magnitude[j - mw - s] && m > magnitude[j + mw + s]
                }
                guard isMaximum else { continue }
                if m > highT {
                    map[j] = 2
                    stack.append(j)
                } else {
                    map[j] = 0
                }
            }
        }
        let neighbours = [-mw - 1, -mw, -mw + 1, -1, 1, mw - 1, mw, mw + 1]
        while let j = stack.popLast() {
            for o in neighbours where map[j + o] == 0 {
                map[j + o] = 2
                stack.append(j + o)
            }
        }
        var out = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w where map[(y + 1) * mw + x + 1] == 2 { out[y * w + x] = 255 }
        }
        return NDArray(shape: layout.shape, uint8: out)
    }
}

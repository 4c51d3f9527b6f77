import QuireArray
import QuireSupport

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
        // Clamped into Int32: thresholds beyond any magnitude (1e308, inf) simply find no edge.
        func threshold(_ t: Double) -> Int32 {
            t.isNaN ? 0 : Int32(Swift.max(Swift.min(t.rounded(.down), Double(Int32.max)), Double(Int32.min)))
        }
        let lowT = threshold(lo), highT = threshold(hi)
        let dyKernel = try Kernel([[-1, -2, -1], [0, 0, 0], [1, 2, 1]])
        guard case (.int16(let dx), .int16(let dy))? = try Correlation.runPair(image, .sobelX, dyKernel, output: .int16, border: .replicate)
        else { preconditionFailure("the 3x3 Sobel pair fits the int16 path") }
        let w = layout.width, h = layout.height
        let mw = w + 2
        // 0: may be an edge, 1: not an edge, 2: edge; a frame of 1s stops the hysteresis.
        var map = [UInt8](repeating: 1, count: (h + 2) * mw)
        let bands = Parallel.chunks(h)
        let stacks = ResultsPerBand<[Int]>(count: bands)
        dx.withUnsafeBufferPointer { dxb in
            dy.withUnsafeBufferPointer { dyb in
                map.withUnsafeMutableBufferPointer { mapb in
                    let gradients = CannyGradients(
                        dx: SharedReadPointer(dxb.baseAddress!), dy: SharedReadPointer(dyb.baseAddress!),
                        width: w, height: h, l2: l2)
                    let mapPointer = SharedPointer(mapb.baseAddress!)
                    Parallel.forEach(h, chunks: bands) { band, rows in
                        stacks.set(band, gradients.suppress(rows: rows, low: lowT, high: highT, map: mapPointer.base))
                    }
                }
            }
        }
        if Cancellation.isCancelled { return NDArray(shape: layout.shape, uint8: [UInt8](repeating: 0, count: w * h)) }
        var stack = stacks.values.flatMap { $0 ?? [] }
        let neighbours = [-mw - 1, -mw, -mw + 1, -1, 1, mw - 1, mw, mw + 1]
        while let j = stack.popLast() {
            for o in neighbours where map[j + o] == 0 {
                map[j + o] = 2
                stack.append(j + o)
            }
        }
        var out = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h {
            let row = (y + 1) * mw + 1
            for x in 0..<w { out[y * w + x] = map[row + x] == 2 ? 255 : 0 }
        }
        return NDArray(shape: layout.shape, uint8: out)
    }
}

/// Canny's gradient magnitudes and non-maximum suppression for a band of rows.
struct CannyGradients: Sendable {
    let dx: SharedReadPointer<Int16>
    let dy: SharedReadPointer<Int16>
    let width: Int
    let height: Int
    let l2: Bool

    /// tan(22.5 degrees) in 1/32768ths, OpenCV's constant for quantising directions.
    static let tg22: Int32 = 13573

    /// |v| without the overflow check of `abs` (an Int16 cannot overflow Int32), so loops vectorise.
    @inline(__always)
    func absolute(_ v: Int16) -> Int32 {
        let w = Int32(v)
        return (w ^ (w >> 31)) &- (w >> 31)
    }

    /// The magnitude of row `y` into `dest[1...width]`, with zeros beside and outside the image.
    func magnitudeRow(_ y: Int, _ dest: UnsafeMutablePointer<Int32>) {
        dest.update(repeating: 0, count: width + 2)
        guard y >= 0, y < height else { return }
        let a = dx.base + y * width, b = dy.base + y * width
        if l2 {
            for x in 0..<width { dest[x + 1] = Int32(a[x]) &* Int32(a[x]) &+ Int32(b[x]) &* Int32(b[x]) }
        } else {
            for x in 0..<width { dest[x + 1] = absolute(a[x]) &+ absolute(b[x]) }
        }
    }

    /// Marks local maxima above `low` in `map` (0 candidate, 2 edge) for `rows`, and returns the
    /// edges (those above `high`) from which the hysteresis grows.
    func suppress(rows: Range<Int>, low: Int32, high: Int32, map: UnsafeMutablePointer<UInt8>) -> [Int] {
        let mw = width + 2
        let buffer = UnsafeMutablePointer<Int32>.allocate(capacity: 3 * mw)
        defer { buffer.deallocate() }
        var previous = buffer, current = buffer + mw, next = buffer + 2 * mw
        var edges: [Int] = []
        guard let first = rows.first else { return edges }
        magnitudeRow(first - 1, previous)
        magnitudeRow(first, current)
        for y in rows {
            if Cancellation.isCancelled { break }
            magnitudeRow(y + 1, next)
            let a = dx.base + y * width, b = dy.base + y * width
            for x in 0..<width where current[x + 1] > low {
                let m = current[x + 1]
                let xs = Int32(a[x]), ys = Int32(b[x])
                let ax = abs(xs), ay = abs(ys) << 15
                let tg22x = ax * Self.tg22
                let isMaximum: Bool
                if ay < tg22x {
                    isMaximum = m > current[x] && m >= current[x + 2]
                } else if ay > tg22x + (ax << 16) {
                    isMaximum = m > previous[x + 1] && m >= next[x + 1]
                } else {
                    let s = (xs ^ ys) < 0 ? -1 : 1
                    isMaximum = m > previous[x + 1 - s] && m > next[x + 1 + s]
                }
                guard isMaximum else { continue }
                let j = (y + 1) * mw + x + 1
                if m > high {
                    map[j] = 2
                    edges.append(j)
                } else {
                    map[j] = 0
                }
            }
            (previous, current, next) = (current, next, previous)
        }
        return edges
    }
}

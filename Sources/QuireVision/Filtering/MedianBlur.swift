import QuireArray
import QuireSupport

extension Filters {
    /// OpenCV's medianBlur: the median of each `ksize` x `ksize` window, per channel, with the
    /// border replicated. uint8 allows any odd size; float32 sizes 3 and 5, as OpenCV.
    public static func medianBlur(_ image: NDArray, ksize: Int) throws -> NDArray {
        let layout = try ImageLayout(image)
        let allowed = image.dtype == .uint8 ? ksize <= ImageLimits.maxMedianSize : ksize <= 5
        guard ksize >= 1, ksize % 2 == 1, allowed else {
            throw VisionError.badKernelSize(operation: "median_blur", ksize: ksize, reason: "odd")
        }
        if ksize == 1 { return image }
        if let pixels = image.uint8Values, ksize == 3 {
            return NDArray(shape: layout.shape, uint8: median3x3(pixels, layout))
        }
        if let pixels = image.uint8Values {
            return NDArray(shape: layout.shape, uint8: medianUInt8(pixels, layout, ksize))
        }
        return NDArray(shape: layout.shape, float32: medianSorted(image.float32Values!, layout, ksize))
    }

    /// 3x3 windows by a sorting network of 19 compare-exchanges (min and max only), which the
    /// compiler vectorises across a row.
    private static func median3x3(_ pixels: [UInt8], _ layout: ImageLayout) -> [UInt8] {
        let c = layout.channels, n = layout.rowLength
        return pixels.withUnsafeBufferPointer { src in
            let padder = RowPadder(
                source: src.baseAddress!, layout: layout, left: 1, right: 1, border: .replicate, constant: UInt8(0))
            return uninitializedImage(layout.count) { (dest: UnsafeMutablePointer<UInt8>) in
                let d = SharedPointer(dest)
                Parallel.forEach(layout.height, minimumPerChunk: 16) { _, band in
                    let padded = UnsafeMutablePointer<UInt8>.allocate(capacity: padder.paddedLength * 3)
                    let lanes = UnsafeMutablePointer<UInt8>.allocate(capacity: 9 * chunk)
                    defer {
                        padded.deallocate()
                        lanes.deallocate()
                    }
                    let (r0, r1, r2) = (padded, padded + padder.paddedLength, padded + 2 * padder.paddedLength)
                    let sources = [r0, r0 + c, r0 + 2 * c, r1, r1 + c, r1 + 2 * c, r2, r2 + c, r2 + 2 * c]
                    for y in band {
                        if Cancellation.isCancelled { break }
                        padder.fill(row: y - 1, into: r0)
                        padder.fill(row: y, into: r1)
                        padder.fill(row: y + 1, into: r2)
                        let out = d.base + y * n
                        var start = 0
                        while start < n {
                            let count = min(chunk, n - start)
                            for (i, source) in sources.enumerated() {
                                (lanes + i * chunk).update(from: source + start, count: count)
                            }
                            medianNetwork(lanes, count)
                            (out + start).update(from: lanes + 4 * chunk, count: count)
                            start += count
                        }
                    }
                }
            }
        }
    }

    /// Pixels per pass of the 3x3 network: nine lanes of this size stay in the L1 cache.
    static let chunk = 1024

    /// The classic 19-exchange median-of-nine network (Paeth's), applied to nine lanes of `n`
    /// values at once; each exchange is a min/max loop the compiler vectorises. The medians end
    /// in lane 4.
    static func medianNetwork(_ lanes: UnsafeMutablePointer<UInt8>, _ n: Int) {
        let exchanges = [
            (1, 2), (4, 5), (7, 8), (0, 1), (3, 4), (6, 7), (1, 2), (4, 5), (7, 8), (0, 3), (5, 8), (4, 7),
            (3, 6), (1, 4), (2, 5), (4, 7), (2, 4), (4, 6), (2, 4),
        ]
        for (i, j) in exchanges {
            let a = lanes + i * chunk, b = lanes + j * chunk
            for t in 0..<n {
                let (x, y) = (a[t], b[t])
                a[t] = min(x, y)
                b[t] = max(x, y)
            }
        }
    }

    /// Huang's sliding histogram: moving one pixel right removes a column and adds a column,
    /// and the median moves by a few bins, so the cost per pixel is O(ksize).
    static func medianUInt8(_ pixels: [UInt8], _ layout: ImageLayout, _ k: Int) -> [UInt8] {
        let r = k / 2, c = layout.channels, w = layout.width
        let half = (k * k) / 2
        var out = [UInt8](repeating: 0, count: layout.count)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                let padder = RowPadder(
                    source: src.baseAddress!, layout: layout, left: r, right: r, border: .replicate, constant: UInt8(0))
                let d = SharedPointer(dst.baseAddress!)
                Parallel.forEach(layout.height * c, minimumPerChunk: 8) { _, band in
                    let padded = UnsafeMutablePointer<UInt8>.allocate(capacity: padder.paddedLength * k)
                    defer { padded.deallocate() }
                    var lastRow = -1
                    for job in band {
                        if Cancellation.isCancelled { break }
                        let y = job / c, ch = job % c
                        if y != lastRow {
                            for i in 0..<k { padder.fill(row: y - r + i, into: padded + i * padder.paddedLength) }
                            lastRow = y
                        }
                        var histogram = [Int32](repeating: 0, count: 256)
                        histogram.withUnsafeMutableBufferPointer { h in
                            @inline(__always) func column(_ x: Int, _ delta: Int32, _ m: Int, _ below: inout Int) {
                                for i in 0..<k {
                                    let v = Int(padded[i * padder.paddedLength + x * c + ch])
                                    h[v] += delta
                                    if v < m { below += Int(delta) }
                                }
                            }
                            var m = 0, below = 0
                            for x in 0..<k { column(x, 1, m, &below) }
                            for x in 0..<w {
                                if x > 0 {
                                    column(x - 1, -1, m, &below)
                                    column(x + k - 1, 1, m, &below)
                                }
                                while below > half {
                                    m -= 1
                                    below -= Int(h[m])
                                }
                                while below + Int(h[m]) <= half {
                                    below += Int(h[m])
                                    m += 1
                                }
                                d.base[(y * w + x) * c + ch] = UInt8(m)
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Small windows of float32 images: sort each window.
    private static func medianSorted(_ pixels: [Float], _ layout: ImageLayout, _ k: Int) -> [Float] {
        let r = k / 2, c = layout.channels, w = layout.width, h = layout.height
        var out = [Float](repeating: 0, count: layout.count)
        var window = [Float](repeating: 0, count: k * k)
        for y in 0..<h {
            for x in 0..<w {
                for ch in 0..<c {
                    var n = 0
                    for dy in -r...r {
                        let yy = min(max(y + dy, 0), h - 1)
                        for dx in -r...r {
                            let xx = min(max(x + dx, 0), w - 1)
                            window[n] = pixels[(yy * w + xx) * c + ch]
                            n += 1
                        }
                    }
                    window.sort()
                    out[(y * w + x) * c + ch] = window[k * k / 2]
                }
            }
        }
        return out
    }
}

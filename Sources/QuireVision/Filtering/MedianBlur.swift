import QuireArray

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
                parallelBands(layout.height) { band in
                    let padded = UnsafeMutablePointer<UInt8>.allocate(capacity: padder.paddedLength * 3)
                    defer { padded.deallocate() }
                    let (r0, r1, r2) = (padded, padded + padder.paddedLength, padded + 2 * padder.paddedLength)
                    for y in band {
                        padder.fill(row: y - 1, into: r0)
                        padder.fill(row: y, into: r1)
                        padder.fill(row: y + 1, into: r2)
                        let out = d.base + y * n
                        var t = 0
                        // Sixteen pixels at a time in SIMD registers, the rest one by one.
                        while t + 16 <= n {
                            func load(_ row: UnsafeMutablePointer<UInt8>, _ offset: Int) -> SIMD16<UInt8> {
                                UnsafeRawPointer(row + t + offset).loadUnaligned(as: SIMD16<UInt8>.self)
                            }
                            let m = median9(
                                load(r0, 0), load(r0, c), load(r0, 2 * c), load(r1, 0), load(r1, c), load(r1, 2 * c),
                                load(r2, 0), load(r2, c), load(r2, 2 * c))
                            UnsafeMutableRawPointer(out + t).storeBytes(of: m, as: SIMD16<UInt8>.self)
                            t += 16
                        }
                        while t < n {
                            let m = median9(
                                SIMD16(repeating: r0[t]), SIMD16(repeating: r0[t + c]), SIMD16(repeating: r0[t + 2 * c]),
                                SIMD16(repeating: r1[t]), SIMD16(repeating: r1[t + c]), SIMD16(repeating: r1[t + 2 * c]),
                                SIMD16(repeating: r2[t]), SIMD16(repeating: r2[t + c]), SIMD16(repeating: r2[t + 2 * c]))
                            out[t] = m[0]
                            t += 1
                        }
                    }
                }
            }
        }
    }

    /// The median of nine values in each lane: the classic 19-exchange network (Paeth's).
    @inline(__always)
    static func median9(
        _ a0: SIMD16<UInt8>, _ a1: SIMD16<UInt8>, _ a2: SIMD16<UInt8>, _ a3: SIMD16<UInt8>, _ a4: SIMD16<UInt8>,
        _ a5: SIMD16<UInt8>, _ a6: SIMD16<UInt8>, _ a7: SIMD16<UInt8>, _ a8: SIMD16<UInt8>
    ) -> SIMD16<UInt8> {
        var (p0, p1, p2, p3, p4, p5, p6, p7, p8) = (a0, a1, a2, a3, a4, a5, a6, a7, a8)
        @inline(__always) func order(_ x: inout SIMD16<UInt8>, _ y: inout SIMD16<UInt8>) {
            (x, y) = (pointwiseMin(x, y), pointwiseMax(x, y))
        }
        order(&p1, &p2); order(&p4, &p5); order(&p7, &p8)
        order(&p0, &p1); order(&p3, &p4); order(&p6, &p7)
        order(&p1, &p2); order(&p4, &p5); order(&p7, &p8)
        order(&p0, &p3); order(&p5, &p8); order(&p4, &p7)
        order(&p3, &p6); order(&p1, &p4); order(&p2, &p5)
        order(&p4, &p7); order(&p2, &p4); order(&p4, &p6)
        order(&p2, &p4)
        return p4
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
                parallelBands(layout.height * c, minimumPerBand: 8) { band in
                    let padded = UnsafeMutablePointer<UInt8>.allocate(capacity: padder.paddedLength * k)
                    defer { padded.deallocate() }
                    var lastRow = -1
                    for job in band {
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

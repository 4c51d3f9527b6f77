import QuireArray

/// A separable filter on uint8 images with integer weights: a row pass into integer lanes of
/// type `I`, then a column pass turned into a pixel by `finish`.
///
/// The column pass sums in float32, which is exact here (every product and partial sum is an
/// integer below 2^24: at most 255 x 256 x 256 for the Gaussian) and much faster than 32-bit
/// integer multiplication on baseline x86-64.
///
/// Used by the bit-exact Gaussian (weights in 1/256ths, as OpenCV's ufixedpoint16) and by the
/// box filter (weights 1, divided at the end).
struct SeparablePass<I: FixedWidthInteger & UnsignedInteger & Sendable> {
    let rowWeights: [UInt32]
    let columnWeights: [UInt32]
    let border: BorderMode

    /// How column sums become pixels.
    enum Finish {
        /// `(sum + 2^(bits-1)) >> bits`: fixed-point rounding half up.
        case shift(UInt32)
        /// `sum / divisor` as OpenCV's box filter computes it (see `divide(_:by:)`).
        case divide(UInt32)
    }

    func run(_ pixels: [UInt8], _ layout: ImageLayout, finish: Finish) -> [UInt8] {
        let kw = rowWeights.count, kh = columnWeights.count
        let ax = kw / 2, ay = kh / 2
        let rowLength = layout.rowLength
        let c = layout.channels
        var out = [UInt8](repeating: 0, count: layout.count)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                let padder = RowPadder(
                    source: src.baseAddress!, layout: layout, left: ax, right: kw - 1 - ax, border: border,
                    constant: UInt8(0))
                let d = SharedPointer(dst.baseAddress!)
                let rowW = rowWeights.map { I($0) }, colW = columnWeights.map { Float($0) }
                let symmetricRows = rowW == rowW.reversed()
                parallelBands(layout.height) { band in
                    let padded = UnsafeMutablePointer<UInt8>.allocate(capacity: padder.paddedLength)
                    // A ring of kh row-filtered lines, indexed by source row modulo kh.
                    let ring = UnsafeMutablePointer<I>.allocate(capacity: kh * rowLength)
                    let acc = UnsafeMutablePointer<Float>.allocate(capacity: rowLength)
                    defer {
                        padded.deallocate()
                        ring.deallocate()
                        acc.deallocate()
                    }
                    func filterRow(_ r: Int) {
                        padder.fill(row: r, into: padded)
                        let line = ring + ((r % kh + kh) % kh) * rowLength
                        let centre = padded + (kw / 2) * c, kc = rowW[kw / 2]
                        if kw % 2 == 1 {
                            for t in 0..<rowLength { line[t] = I(truncatingIfNeeded: centre[t]) &* kc }
                        } else {
                            line.update(repeating: 0, count: rowLength)
                        }
                        // Symmetric weights (the Gaussian and box kernels) are applied to pairs of
                        // pixels, halving the multiplications.
                        for i in 0..<(kw / 2) {
                            let p = padded + i * c, q = padded + (kw - 1 - i) * c
                            let k = rowW[i]
                            if symmetricRows {
                                for t in 0..<rowLength {
                                    line[t] &+= (I(truncatingIfNeeded: p[t]) &+ I(truncatingIfNeeded: q[t])) &* k
                                }
                            } else {
                                let k2 = rowW[kw - 1 - i]
                                for t in 0..<rowLength {
                                    line[t] &+= I(truncatingIfNeeded: p[t]) &* k &+ I(truncatingIfNeeded: q[t]) &* k2
                                }
                            }
                        }
                    }
                    for r in (band.lowerBound - ay)..<(band.lowerBound - ay + kh - 1) { filterRow(r) }
                    for y in band {
                        filterRow(y - ay + kh - 1)
                        func ringLine(_ j: Int) -> UnsafeMutablePointer<I> {
                            let r = y - ay + j
                            return ring + ((r % kh + kh) % kh) * rowLength
                        }
                        let centreLine = ringLine(kh / 2), kc = colW[kh / 2]
                        if kh % 2 == 1 {
                            for t in 0..<rowLength { acc[t] = Float(centreLine[t]) * kc }
                        } else {
                            acc.update(repeating: 0, count: rowLength)
                        }
                        for j in 0..<(kh / 2) {
                            let a = ringLine(j), b = ringLine(kh - 1 - j)
                            let k = colW[j], k2 = colW[kh - 1 - j]
                            for t in 0..<rowLength { acc[t] += Float(a[t]) * k + Float(b[t]) * k2 }
                        }
                        let o = d.base + y * rowLength
                        switch finish {
                        case .shift(let bits):
                            // floor((sum + 2^(bits-1)) / 2^bits) in float32 (exact: the scaled
                            // value has at most 16 fractional bits and is below 256), so that
                            // the loop has no checked float-to-int conversion and vectorises.
                            let scale = Float(sign: .plus, exponent: -Int(bits), significand: 1)
                            let half = Float(sign: .plus, exponent: Int(bits) - 1, significand: 1)
                            for t in 0..<rowLength {
                                let q = (acc[t] + half) * scale
                                var r = (q + 8_388_608) - 8_388_608
                                r = r > q ? r - 1 : r
                                o[t] = UInt8(truncatingIfNeeded: (min(r, 255) + 8_388_608).bitPattern)
                            }
                        case .divide(let divisor):
                            let (multiplier, delta) = Self.divisionConstants(divisor)
                            for t in 0..<rowLength {
                                // The sum is an integer below 2^23: its float bits hold it exactly.
                                let sum = UInt64((acc[t] + 8_388_608).bitPattern & 0x7F_FFFF)
                                let q = divisor <= 256
                                    ? ((sum &+ UInt64(delta)) &* multiplier) >> 16
                                    : UInt64((Double(sum) / Double(divisor)).rounded(.toNearestOrEven))
                                o[t] = UInt8(truncatingIfNeeded: min(q, 255))
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// OpenCV's uint8 box filter (windows of up to 256 pixels, summed in 16 bits) divides by a
    /// multiplication: `(sum + delta) * multiplier >> 16`, with the multiplier 2^16 / divisor
    /// rounded and the delta compensating the direction of that rounding. Its results differ
    /// from exact rounding for some sums, and we reproduce them.
    static func divisionConstants(_ divisor: UInt32) -> (multiplier: UInt64, delta: UInt32) {
        let exact = 65536.0 / Double(divisor)
        var multiplier = UInt64(exact.rounded(.down))
        var delta = divisor / 2
        if exact - Double(multiplier) < 0.5 { delta += 1 } else { multiplier += 1 }
        return (multiplier, delta)
    }
}

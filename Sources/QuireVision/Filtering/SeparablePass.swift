import QuireArray
import QuireSupport

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
        let rowLength = layout.rowLength
        return pixels.withUnsafeBufferPointer { src in
            uninitializedImage(layout.count) { (dst: UnsafeMutablePointer<UInt8>) in
                let padder = RowPadder(
                    source: src.baseAddress!, layout: layout, left: kw / 2, right: kw - 1 - kw / 2, border: border,
                    constant: UInt8(0))
                let d = SharedPointer(dst)
                let weights = Weights(rows: rowWeights.map { I($0) }, columns: columnWeights.map { Float($0) })
                Parallel.forEach(layout.height, minimumPerChunk: 16) { _, band in
                    let padded = UnsafeMutablePointer<UInt8>.allocate(capacity: padder.paddedLength)
                    // A ring of kh row-filtered lines, indexed by source row modulo kh.
                    let ring = UnsafeMutablePointer<I>.allocate(capacity: kh * rowLength)
                    let acc = UnsafeMutablePointer<Float>.allocate(capacity: rowLength)
                    defer {
                        padded.deallocate()
                        ring.deallocate()
                        acc.deallocate()
                    }
                    func line(_ r: Int) -> UnsafeMutablePointer<I> { ring + ((r % kh + kh) % kh) * rowLength }
                    func filterRow(_ r: Int) {
                        padder.fill(row: r, into: padded)
                        weights.rowPass(padded, layout.channels, line(r), rowLength)
                    }
                    let ay = kh / 2
                    for r in (band.lowerBound - ay)..<(band.lowerBound - ay + kh - 1) {
                        if Cancellation.isCancelled { return }
                        filterRow(r)
                    }
                    for y in band {
                        if Cancellation.isCancelled { break }
                        filterRow(y - ay + kh - 1)
                        let lines = (0..<kh).map { line(y - ay + $0) }
                        weights.columnPass(lines, acc, rowLength, finish, d.base + y * rowLength)
                    }
                }
            }
        }
    }

    /// The weights of both passes, with what the fast paths need to know about them.
    struct Weights: Sendable {
        let rows: [I]
        let columns: [Float]
        let symmetricRows: Bool
        let symmetricColumns: Bool

        init(rows: [I], columns: [Float]) {
            self.rows = rows
            self.columns = columns
            symmetricRows = rows == rows.reversed()
            symmetricColumns = columns == columns.reversed()
        }

        /// One padded source row into one row-filtered line. Symmetric weights (the Gaussian and
        /// box kernels) are applied to pairs of pixels, halving the multiplications.
        func rowPass(_ padded: UnsafeMutablePointer<UInt8>, _ c: Int, _ line: UnsafeMutablePointer<I>, _ n: Int) {
            let kw = rows.count
            if kw % 2 == 1 {
                let centre = padded + (kw / 2) * c, kc = rows[kw / 2]
                for t in 0..<n { line[t] = I(truncatingIfNeeded: centre[t]) &* kc }
            } else {
                line.update(repeating: 0, count: n)
            }
            if kw == 5 && symmetricRows {  // the 5x5 Gaussian in one sweep
                let (p0, p1, p3, p4) = (padded, padded + c, padded + 3 * c, padded + 4 * c)
                let (k0, k1) = (rows[0], rows[1])
                for t in 0..<n {
                    line[t] &+= (I(truncatingIfNeeded: p0[t]) &+ I(truncatingIfNeeded: p4[t])) &* k0
                        &+ (I(truncatingIfNeeded: p1[t]) &+ I(truncatingIfNeeded: p3[t])) &* k1
                }
                return
            }
            for i in 0..<(kw / 2) {
                let p = padded + i * c, q = padded + (kw - 1 - i) * c
                let (k, k2) = (rows[i], rows[kw - 1 - i])
                if symmetricRows {
                    for t in 0..<n { line[t] &+= (I(truncatingIfNeeded: p[t]) &+ I(truncatingIfNeeded: q[t])) &* k }
                } else {
                    for t in 0..<n { line[t] &+= I(truncatingIfNeeded: p[t]) &* k &+ I(truncatingIfNeeded: q[t]) &* k2 }
                }
            }
        }

        /// The row-filtered lines of one output row into its pixels.
        func columnPass(
            _ lines: [UnsafeMutablePointer<I>], _ acc: UnsafeMutablePointer<Float>, _ n: Int, _ finish: Finish,
            _ out: UnsafeMutablePointer<UInt8>
        ) {
            let kh = columns.count
            if case .shift(let bits) = finish, kh == 5, symmetricColumns {
                fusedColumn5((lines[0], lines[1], lines[2], lines[3], lines[4]), (columns[0], columns[1], columns[2]), bits, n, out)
                return
            }
            if kh % 2 == 1 {
                let centre = lines[kh / 2], kc = columns[kh / 2]
                for t in 0..<n { acc[t] = Float(centre[t]) * kc }
            } else {
                acc.update(repeating: 0, count: n)
            }
            for j in 0..<(kh / 2) {
                let (a, b) = (lines[j], lines[kh - 1 - j])
                let (k, k2) = (columns[j], columns[kh - 1 - j])
                for t in 0..<n { acc[t] += Float(a[t]) * k + Float(b[t]) * k2 }
            }
            switch finish {
            case .shift(let bits):
                let (half, scale) = SeparablePass.shiftConstants(bits)
                for t in 0..<n { out[t] = SeparablePass.shiftRound(acc[t], half, scale) }
            case .divide(let divisor):
                let (multiplier, delta) = SeparablePass.divisionConstants(divisor)
                for t in 0..<n {
                    // The sum is an integer below 2^23: its float bits hold it exactly.
                    let sum = UInt64((acc[t] + 8_388_608).bitPattern & 0x7F_FFFF)
                    let q = divisor <= 256
                        ? ((sum &+ UInt64(delta)) &* multiplier) >> 16
                        : UInt64((Double(sum) / Double(divisor)).rounded(.toNearestOrEven))
                    out[t] = UInt8(truncatingIfNeeded: min(q, 255))
                }
            }
        }

        private func fusedColumn5(
            _ lines: (UnsafeMutablePointer<I>, UnsafeMutablePointer<I>, UnsafeMutablePointer<I>, UnsafeMutablePointer<I>, UnsafeMutablePointer<I>),
            _ k: (Float, Float, Float), _ bits: UInt32, _ n: Int, _ out: UnsafeMutablePointer<UInt8>
        ) {
            let (half, scale) = SeparablePass.shiftConstants(bits)
            let (l0, l1, l2, l3, l4) = lines
            for t in 0..<n {
                let sum = Float(l2[t]) * k.2 + (Float(l0[t]) + Float(l4[t])) * k.0 + (Float(l1[t]) + Float(l3[t])) * k.1
                out[t] = SeparablePass.shiftRound(sum, half, scale)
            }
        }
    }

    /// 2^(bits-1) and 2^-bits, for `shiftRound`.
    static func shiftConstants(_ bits: UInt32) -> (half: Float, scale: Float) {
        (Float(sign: .plus, exponent: Int(bits) - 1, significand: 1), Float(sign: .plus, exponent: -Int(bits), significand: 1))
    }

    /// floor((sum + 2^(bits-1)) / 2^bits), clamped to 255, computed in float32: exact because
    /// the scaled value has at most 16 fractional bits and is below 256, and free of checked
    /// float-to-int conversions so that loops using it vectorise.
    @inline(__always)
    static func shiftRound(_ sum: Float, _ half: Float, _ scale: Float) -> UInt8 {
        let q = (sum + half) * scale
        var r = (q + 8_388_608) - 8_388_608
        r = r > q ? r - 1 : r
        return UInt8(truncatingIfNeeded: (min(r, 255) + 8_388_608).bitPattern)
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

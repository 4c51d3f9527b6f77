import QuireArray

/// A separable filter on uint8 images with integer weights: a row pass into integer lanes of
/// type `I`, then a column pass summed in UInt32 and turned into a pixel by `finish`.
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
                let rowW = rowWeights.map { I($0) }, colW = columnWeights
                parallelBands(layout.height) { band in
                    let padded = UnsafeMutablePointer<UInt8>.allocate(capacity: padder.paddedLength)
                    // A ring of kh row-filtered lines, indexed by source row modulo kh.
                    let ring = UnsafeMutablePointer<I>.allocate(capacity: kh * rowLength)
                    let acc = UnsafeMutablePointer<UInt32>.allocate(capacity: rowLength)
                    defer {
                        padded.deallocate()
                        ring.deallocate()
                        acc.deallocate()
                    }
                    func filterRow(_ r: Int) {
                        padder.fill(row: r, into: padded)
                        let line = ring + ((r % kh + kh) % kh) * rowLength
                        line.update(repeating: 0, count: rowLength)
                        for (i, k) in rowW.enumerated() {
                            let p = padded + i * c
                            for t in 0..<rowLength { line[t] &+= I(truncatingIfNeeded: p[t]) &* k }
                        }
                    }
                    for r in (band.lowerBound - ay)..<(band.lowerBound - ay + kh - 1) { filterRow(r) }
                    for y in band {
                        filterRow(y - ay + kh - 1)
                        acc.update(repeating: 0, count: rowLength)
                        for (j, k) in colW.enumerated() {
                            let r = y - ay + j
                            let line = ring + ((r % kh + kh) % kh) * rowLength
                            for t in 0..<rowLength { acc[t] &+= UInt32(line[t]) &* k }
                        }
                        let o = d.base + y * rowLength
                        switch finish {
                        case .shift(let bits):
                            let half = UInt32(1) << (bits - 1)
                            for t in 0..<rowLength { o[t] = UInt8(truncatingIfNeeded: min((acc[t] &+ half) >> bits, 255)) }
                        case .divide(let divisor):
                            let (multiplier, delta) = Self.divisionConstants(divisor)
                            for t in 0..<rowLength {
                                let q = divisor <= 256
                                    ? (UInt64(acc[t] &+ delta) &* multiplier) >> 16
                                    : UInt64((Double(acc[t]) / Double(divisor)).rounded(.toNearestOrEven))
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

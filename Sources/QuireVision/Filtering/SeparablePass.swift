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
        /// `sum / divisor` rounded half to even, as OpenCV's saturate_cast of a double.
        case divide(Double)
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
                            let scale = 1 / divisor
                            for t in 0..<rowLength {
                                o[t] = UInt8(min((Double(acc[t]) * scale).rounded(.toNearestOrEven), 255))
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}

import QuireArray
import QuireSupport

/// What a correlation writes.
enum CorrelationOutput {
    case uint8
    case float32
    case int16
}

/// The result buffer of a correlation, by element type.
enum CorrelationResult {
    case uint8([UInt8])
    case float32([Float])
    case int16([Int16])
}

/// OpenCV's filter2D: correlation of every channel with a kernel anchored at its centre.
///
/// Integer kernels on uint8 images are summed exactly in Int16 or Int32 lanes (the same values
/// OpenCV's float sums give, since every partial sum is an integer below 2^24); other kernels
/// are summed in float32 in OpenCV's order (non-zero taps in raster order).
enum Correlation {
    /// Elements of a row handled per pass, so that the accumulators stay in the L1 cache.
    static let chunk = 2048

    static func run(
        _ image: NDArray, _ kernel: Kernel, output: CorrelationOutput, border: BorderMode
    ) throws -> CorrelationResult {
        let layout = try ImageLayout(image)
        let taps = kernel.taps
        if let pixels = image.uint8Values {
            return pixels.withUnsafeBufferPointer { src in
                let padder = RowPadder(
                    source: src.baseAddress!, layout: layout, left: kernel.anchorColumn,
                    right: kernel.columns - 1 - kernel.anchorColumn, border: border, constant: UInt8(0))
                if kernel.isIntegral && kernel.uint8Reach <= Double(Int16.max) {
                    return integerPass(padder, kernel, taps, output, Int16.self)
                }
                if kernel.isIntegral && kernel.uint8Reach < Double(1 << 24) {
                    return integerPass(padder, kernel, taps, output, Int32.self)
                }
                return floatPass(padder, kernel, taps, output)
            }
        }
        let pixels = image.float32Values!
        return pixels.withUnsafeBufferPointer { src in
            let padder = RowPadder(
                source: src.baseAddress!, layout: layout, left: kernel.anchorColumn,
                right: kernel.columns - 1 - kernel.anchorColumn, border: border, constant: Float(0))
            return floatPass(padder, kernel, taps, output)
        }
    }

    /// Two kernels of the same size over one uint8 image in one sweep (the x and y gradients),
    /// sharing the padded rows; nil when the kernels need the float or Int32 path.
    static func runPair(
        _ image: NDArray, _ first: Kernel, _ second: Kernel, output: CorrelationOutput, border: BorderMode
    ) throws -> (CorrelationResult, CorrelationResult)? {
        let layout = try ImageLayout(image)
        let fits = { (k: Kernel) in k.isIntegral && k.uint8Reach <= Double(Int16.max) }
        guard let pixels = image.uint8Values, fits(first), fits(second), first.rows == second.rows,
            first.columns == second.columns
        else { return nil }
        let c = layout.channels
        let tapsA = first.taps.map { (row: $0.row, offset: $0.column * c, weight: Int16($0.weight)) }
        let tapsB = second.taps.map { (row: $0.row, offset: $0.column * c, weight: Int16($0.weight)) }
        return pixels.withUnsafeBufferPointer { src in
            let padder = RowPadder(
                source: src.baseAddress!, layout: layout, left: first.anchorColumn,
                right: first.columns - 1 - first.anchorColumn, border: border, constant: UInt8(0))
            var resultB: CorrelationResult? = nil
            let resultA = withOutput(output, layout) { outA in
                resultB = withOutput(output, layout) { outB in
                    forEachBand(padder, first) { rows, y, rowLength, scratch in
                        let acc = scratch.bindMemory(to: Int16.self, capacity: chunk)
                        var start = 0
                        while start < rowLength {
                            let n = min(chunk, rowLength - start)
                            accumulate(tapsA, rows, start, n, acc)
                            store(acc, n, outA, y * rowLength + start)
                            accumulate(tapsB, rows, start, n, acc)
                            store(acc, n, outB, y * rowLength + start)
                            start += n
                        }
                    }
                }
            }
            return (resultA, resultB!)
        }
    }

    /// Sums integer weights in lanes of `A`, then converts once per element.
    private static func integerPass<A: FixedWidthInteger & SignedInteger>(
        _ padder: RowPadder<UInt8>, _ kernel: Kernel, _ taps: [(row: Int, column: Int, weight: Float)],
        _ output: CorrelationOutput, _: A.Type
    ) -> CorrelationResult {
        let intTaps = taps.map { (row: $0.row, offset: $0.column * padder.layout.channels, weight: A(Int($0.weight))) }
        return withOutput(output, padder.layout) { out in
            forEachBand(padder, kernel) { rows, y, rowLength, scratch in
                let acc = scratch.bindMemory(to: A.self, capacity: chunk)
                var start = 0
                while start < rowLength {
                    let n = min(chunk, rowLength - start)
                    accumulate(intTaps, rows, start, n, acc)
                    store(acc, n, out, y * rowLength + start)
                    start += n
                }
            }
        }
    }

    @inline(__always)
    private static func accumulate<A: FixedWidthInteger & SignedInteger>(
        _ taps: [(row: Int, offset: Int, weight: A)], _ rows: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>>,
        _ start: Int, _ n: Int, _ acc: UnsafeMutablePointer<A>
    ) {
        acc.update(repeating: 0, count: n)
        for tap in taps {
            let p = rows[tap.row] + tap.offset + start
            let k = tap.weight
            if k == 1 {
                for t in 0..<n { acc[t] &+= A(truncatingIfNeeded: p[t]) }
            } else if k == -1 {
                for t in 0..<n { acc[t] &-= A(truncatingIfNeeded: p[t]) }
            } else {
                for t in 0..<n { acc[t] &+= A(truncatingIfNeeded: p[t]) &* k }
            }
        }
    }

    @inline(__always)
    private static func store<A: FixedWidthInteger & SignedInteger>(
        _ acc: UnsafeMutablePointer<A>, _ n: Int, _ out: OutputPointer, _ offset: Int
    ) {
        switch out {
        case .uint8(let o):
            let d = o.base + offset
            for t in 0..<n { d[t] = UInt8(truncatingIfNeeded: min(max(acc[t], 0), 255)) }
        case .float32(let o):
            let d = o.base + offset
            for t in 0..<n { d[t] = Float(acc[t]) }
        case .int16(let o):
            let d = o.base + offset
            for t in 0..<n { d[t] = Int16(truncatingIfNeeded: acc[t]) }
        }
    }

    /// Sums in float32, starting from 0 and adding each non-zero tap in raster order.
    private static func floatPass<T: FloatConvertibleElement>(
        _ padder: RowPadder<T>, _ kernel: Kernel, _ taps: [(row: Int, column: Int, weight: Float)],
        _ output: CorrelationOutput
    ) -> CorrelationResult {
        let c = padder.layout.channels
        return withOutput(output, padder.layout) { out in
            forEachBand(padder, kernel) { rows, y, rowLength, scratch in
                let acc = scratch.bindMemory(to: Float.self, capacity: chunk)
                var start = 0
                while start < rowLength {
                    let n = min(chunk, rowLength - start)
                    acc.update(repeating: 0, count: n)
                    for tap in taps {
                        let p = rows[tap.row] + tap.column * c + start
                        let k = tap.weight
                        let kd = Double(k)
                        for t in 0..<n { acc[t] = Float(Double(acc[t]) + kd * Double(p[t].floatValue)) }
                    }
                    storeFloat(acc, n, out, y * rowLength + start)
                    start += n
                }
            }
        }
    }

    @inline(__always)
    private static func storeFloat(_ acc: UnsafeMutablePointer<Float>, _ n: Int, _ out: OutputPointer, _ offset: Int) {
        switch out {
        case .uint8(let o):
            let d = o.base + offset
            for t in 0..<n { d[t] = saturateUInt8(acc[t]) }
        case .float32(let o):
            (o.base + offset).update(from: acc, count: n)
        case .int16(let o):
            let d = o.base + offset
            for t in 0..<n { d[t] = Int16(max(min(acc[t].rounded(.toNearestOrEven), 32767), -32768)) }
        }
    }

    /// Where results go, shared by the bands.
    enum OutputPointer: @unchecked Sendable {
        // @unchecked: each band writes only its own rows (see SharedPointer).
        case uint8(SharedPointer<UInt8>)
        case float32(SharedPointer<Float>)
        case int16(SharedPointer<Int16>)
    }

    private static func withOutput(
        _ kind: CorrelationOutput, _ layout: ImageLayout, _ body: (OutputPointer) -> Void
    ) -> CorrelationResult {
        switch kind {
        case .uint8:
            return .uint8(uninitializedImage(layout.count) { body(.uint8(SharedPointer($0))) })
        case .float32:
            return .float32(uninitializedImage(layout.count) { body(.float32(SharedPointer($0))) })
        case .int16:
            return .int16(uninitializedImage(layout.count) { body(.int16(SharedPointer($0))) })
        }
    }

    /// Splits the output rows across cores; each band pads the source rows each output row
    /// needs and hands their pointers to `body` with a scratch buffer for accumulators.
    private static func forEachBand<T>(
        _ padder: RowPadder<T>, _ kernel: Kernel,
        _ body: @escaping (UnsafeMutablePointer<UnsafeMutablePointer<T>>, Int, Int, UnsafeMutableRawPointer) -> Void
    ) {
        let layout = padder.layout
        let rowLength = layout.rowLength
        let kh = kernel.rows, ay = kernel.anchorRow
        nonisolated(unsafe) let body = body
        Parallel.forEach(layout.height, minimumPerChunk: 16) { _, band in
            let padded = UnsafeMutablePointer<T>.allocate(capacity: padder.paddedLength * kh)
            let rows = UnsafeMutablePointer<UnsafeMutablePointer<T>>.allocate(capacity: kh)
            let scratch = UnsafeMutableRawPointer.allocate(byteCount: chunk * 8, alignment: 64)
            defer {
                padded.deallocate()
                rows.deallocate()
                scratch.deallocate()
            }
            // A ring of padded rows indexed by source row modulo kh: each source row is padded
            // once per band, not once per output row that reads it.
            func slot(_ r: Int) -> UnsafeMutablePointer<T> { padded + ((r % kh + kh) % kh) * padder.paddedLength }
            let first = band.lowerBound - ay
            for r in first..<(first + kh - 1) { padder.fill(row: r, into: slot(r)) }
            for y in band {
                if Cancellation.isCancelled { break }
                padder.fill(row: y - ay + kh - 1, into: slot(y - ay + kh - 1))
                for i in 0..<kh { rows[i] = slot(y - ay + i) }
                body(rows, y, rowLength, scratch)
            }
        }
    }
}

/// Source elements a float correlation can read.
protocol FloatConvertibleElement {
    var floatValue: Float { get }
}

extension UInt8: FloatConvertibleElement {
    @inline(__always) var floatValue: Float { Float(self) }
}

extension Float: FloatConvertibleElement {
    @inline(__always) var floatValue: Float { self }
}

/// OpenCV's saturate_cast<uchar>(float): round half to even (cvRound), then clamp to 0...255.
///
/// Adding 2^23 rounds the clamped value half to even and leaves it in the low mantissa bits,
/// so the loop needs neither a rounding call nor a checked float-to-int conversion (baseline
/// x86-64 has no vector instruction for either) and vectorises.
@inline(__always)
func saturateUInt8(_ v: Float) -> UInt8 {
    let clamped: Float = v >= 0 ? (v <= 255 ? v : 255) : 0  // NaN becomes 0, as in OpenCV
    return UInt8(truncatingIfNeeded: (clamped + 8_388_608).bitPattern)
}

/// A buffer of `count` elements that `fill` writes completely, without zeroing it first (the
/// filters write every element; zeroing would be one more pass over the image).
func uninitializedImage<T>(_ count: Int, _ fill: (UnsafeMutablePointer<T>) -> Void) -> [T] {
    [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        fill(buffer.baseAddress!)
        initialized = count
    }
}

import QuireArray
import QuireSupport

/// Interpolation methods of `resize`, with OpenCV's names.
public enum Interpolation: String, CaseIterable, Sendable {
    case nearest, linear, cubic, area
}

/// Resizing with OpenCV's coordinate mapping and arithmetic.
public enum Resize {
    /// Resizes to `width` x `height`. uint8 linear and cubic use OpenCV's 11-bit fixed-point
    /// weights; area shrinking by a whole factor averages blocks; results are within one grey
    /// level of OpenCV's.
    public static func resize(_ image: NDArray, width: Int, height: Int, interpolation: Interpolation = .linear) throws
        -> NDArray
    {
        let layout = try ImageLayout(image)
        guard width > 0, height > 0 else { throw VisionError.badParameter(name: "size", reason: "positive") }
        // Divided rather than multiplied: width * height itself may overflow.
        guard width <= ImageLimits.maxPixels / height else {
            throw VisionError.tooLarge(width: width, height: height, limit: ImageLimits.maxPixels)
        }
        guard layout.width > 0, layout.height > 0 else {
            throw VisionError.notAnImageArray(shape: image.shape, dtype: image.dtype, reason: "empty")
        }
        let target = layout.resized(height: height, width: width)
        switch interpolation {
        case .nearest:
            return nearest(image, layout, target)
        case .area where width <= layout.width && height <= layout.height:
            let fx = layout.width / width, fy = layout.height / height
            if let pixels = image.uint8Values, fx * width == layout.width, fy * height == layout.height {
                return NDArray(shape: target.shape, uint8: blockMean(pixels, layout, target, fx, fy))
            }
            let xt = ResizeTaps.area(source: layout.width, destination: width)
            let yt = ResizeTaps.area(source: layout.height, destination: height)
            return separable(image, layout, target, xt, yt, fixedPoint: false)
        case .area, .linear:
            let area = interpolation == .area
            let xt = ResizeTaps.linear(source: layout.width, destination: width, area: area)
            let yt = ResizeTaps.linear(source: layout.height, destination: height, area: area)
            return separable(image, layout, target, xt, yt, fixedPoint: true)
        case .cubic:
            let xt = ResizeTaps.cubic(source: layout.width, destination: width)
            let yt = ResizeTaps.cubic(source: layout.height, destination: height)
            return separable(image, layout, target, xt, yt, fixedPoint: true)
        }
    }

    private static func nearest(_ image: NDArray, _ layout: ImageLayout, _ target: ImageLayout) -> NDArray {
        let xs = ResizeTaps.nearest(source: layout.width, destination: target.width)
        let ys = ResizeTaps.nearest(source: layout.height, destination: target.height)
        let c = layout.channels
        func pick<T>(_ v: [T]) -> [T] {
            var out: [T] = []
            out.reserveCapacity(target.count)
            for y in ys {
                for x in xs { for ch in 0..<c { out.append(v[(y * layout.width + x) * c + ch]) } }
            }
            return out
        }
        if let v = image.uint8Values { return NDArray(shape: target.shape, uint8: pick(v)) }
        return NDArray(shape: target.shape, float32: pick(image.float32Values!))
    }

    /// Shrinking by whole factors: the mean of each block; 2x2 blocks round half up as
    /// OpenCV's vectorised path does, other sizes round half to even.
    private static func blockMean(
        _ pixels: [UInt8], _ layout: ImageLayout, _ target: ImageLayout, _ fx: Int, _ fy: Int
    ) -> [UInt8] {
        let c = layout.channels
        var out = [UInt8](repeating: 0, count: target.count)
        let scale = 1 / Float(fx * fy)
        for y in 0..<target.height {
            for x in 0..<target.width {
                for ch in 0..<c {
                    var sum = 0
                    for dy in 0..<fy {
                        let row = (y * fy + dy) * layout.width
                        for dx in 0..<fx { sum += Int(pixels[(row + x * fx + dx) * c + ch]) }
                    }
                    let value = fx == 2 && fy == 2 ? (sum + 2) >> 2 : Int((Float(sum) * scale).rounded(.toNearestOrEven))
                    out[(y * target.width + x) * c + ch] = UInt8(min(value, 255))
                }
            }
        }
        return out
    }

    /// A horizontal pass over every source row, then a vertical pass over the row results, both
    /// split across cores.
    private static func separable(
        _ image: NDArray, _ layout: ImageLayout, _ target: ImageLayout, _ xt: ResizeTaps, _ yt: ResizeTaps,
        fixedPoint: Bool
    ) -> NDArray {
        let rowLength = target.rowLength
        if let pixels = image.uint8Values, fixedPoint {
            let rows: [Int32] = horizontal(pixels, layout, rowLength, xt, xt.fixed)
            let linear = yt.start[1] - yt.start[0] == 2
            let out: [UInt8] = vertical(rows, target, yt) { row, t, rowLength in
                if linear {
                    // OpenCV's SIMD rounding: high halves of 16-bit products, then (+2) >> 2.
                    let i0 = yt.start[row]
                    let r0 = rows[yt.index[i0] * rowLength + t] >> 4, r1 = rows[yt.index[i0 + 1] * rowLength + t] >> 4
                    let v = ((r0 &* yt.fixed[i0]) >> 16) &+ ((r1 &* yt.fixed[i0 + 1]) >> 16)
                    return UInt8(truncatingIfNeeded: min(max((v &+ 2) >> 2, 0), 255))
                }
                var sum: Int64 = 0
                for k in yt.start[row]..<yt.start[row + 1] {
                    sum += Int64(yt.fixed[k]) * Int64(rows[yt.index[k] * rowLength + t])
                }
                return UInt8(truncatingIfNeeded: min(max((sum + (1 << 21)) >> 22, 0), 255))
            }
            return NDArray(shape: target.shape, uint8: out)
        }
        let values: [Float] = image.uint8Values.map { $0.map { Float($0) } } ?? image.float32Values!
        let rows: [Float] = horizontal(values, layout, rowLength, xt, xt.weight)
        let out: [Float] = vertical(rows, target, yt) { row, t, rowLength in
            var sum: Float = 0
            for k in yt.start[row]..<yt.start[row + 1] { sum += yt.weight[k] * rows[yt.index[k] * rowLength + t] }
            return sum
        }
        if image.dtype == .uint8 { return NDArray(shape: target.shape, uint8: out.map(saturateUInt8)) }
        return NDArray(shape: target.shape, float32: out)
    }

    /// Every source row resampled horizontally: `sum(weight * pixel)` over each output's taps.
    private static func horizontal<S: ResizeSource, A: Numeric & Sendable>(
        _ pixels: [S], _ layout: ImageLayout, _ rowLength: Int, _ xt: ResizeTaps, _ weights: [A]
    ) -> [A] where S.Accumulator == A {
        let c = layout.channels
        let width = xt.start.count - 1
        return pixels.withUnsafeBufferPointer { src in
            let source = SharedReadPointer(src.baseAddress!)
            return uninitializedImage(layout.height * rowLength) { (dest: UnsafeMutablePointer<A>) in
                let d = SharedPointer(dest)
                Parallel.forEach(layout.height, minimumPerChunk: 16) { _, band in
                    for y in band {
                        if Cancellation.isCancelled { break }
                        let line = source.base + y * layout.width * c
                        let out = d.base + y * rowLength
                        for x in 0..<width {
                            for ch in 0..<c {
                                var sum: A = 0
                                for k in xt.start[x]..<xt.start[x + 1] {
                                    sum += weights[k] * line[xt.index[k] * c + ch].accumulated
                                }
                                out[x * c + ch] = sum
                            }
                        }
                    }
                }
            }
        }
    }

    /// Every output row from the horizontally resampled rows.
    private static func vertical<A, T>(
        _ rows: [A], _ target: ImageLayout, _ yt: ResizeTaps, _ pixel: @escaping (Int, Int, Int) -> T
    ) -> [T] {
        let rowLength = target.rowLength
        nonisolated(unsafe) let pixel = pixel
        return uninitializedImage(target.count) { (dest: UnsafeMutablePointer<T>) in
            let d = SharedPointer(dest)
            Parallel.forEach(target.height, minimumPerChunk: 16) { _, band in
                for y in band {
                    if Cancellation.isCancelled { break }
                    for t in 0..<rowLength { (d.base + y * rowLength + t).initialize(to: pixel(y, t, rowLength)) }
                }
            }
        }
    }
}

/// Pixel types the resize passes read, with the accumulator each sums into.
protocol ResizeSource: SendableMetatype {
    associatedtype Accumulator: Numeric
    var accumulated: Accumulator { get }
}

extension UInt8: ResizeSource {
    @inline(__always) var accumulated: Int32 { Int32(self) }
}

extension Float: ResizeSource {
    @inline(__always) var accumulated: Float { self }
}

import Foundation
import QuireSupport
import QuireArray

/// The gradient kernels pairs the named filters use.
public enum GradientKind: String, CaseIterable, Sendable {
    case roberts, prewitt, sobel, scharr

    var kernels: (x: Kernel, y: Kernel) {
        switch self {
        case .roberts: (.robertsX, .robertsY)
        case .prewitt: (.prewittX, .prewittY)
        case .sobel: (.sobelX, .sobelY)
        case .scharr: (.scharrX, .scharrY)
        }
    }
}

/// Linear and non-linear filters with OpenCV's semantics.
public enum Filters {
    /// OpenCV's `filter2D`: correlation (the kernel is not flipped) anchored at the kernel's
    /// centre, per channel. `depth` nil keeps the input's dtype (uint8 results rounded half to
    /// even and clamped to 0...255); `.float32` keeps negative values.
    public static func filter2D(
        _ image: NDArray, _ kernel: Kernel, depth: DType? = nil, border: BorderMode = .reflect101
    ) throws -> NDArray {
        let layout = try ImageLayout(image)
        let target = depth ?? image.dtype
        guard target == .uint8 || target == .float32 else {
            throw VisionError.badParameter(name: "depth", reason: "uint8 or float32")
        }
        let result = try Correlation.run(image, kernel, output: target == .uint8 ? .uint8 : .float32, border: border)
        switch result {
        case .uint8(let v): return NDArray(shape: layout.shape, uint8: v)
        case .float32(let v): return NDArray(shape: layout.shape, float32: v)
        case .int16(let v): return NDArray(shape: layout.shape, float32: v.map { Float($0) })
        }
    }

    /// The x and y gradients of a named kernel pair, as float32 (see `Kernel` for the signs).
    public static func gradients(
        _ image: NDArray, _ kind: GradientKind, border: BorderMode = .reflect101
    ) throws -> (x: NDArray, y: NDArray) {
        let (kx, ky) = kind.kernels
        let layout = try ImageLayout(image)
        if case (.float32(let x), .float32(let y))? = try Correlation.runPair(image, kx, ky, output: .float32, border: border) {
            return (NDArray(shape: layout.shape, float32: x), NDArray(shape: layout.shape, float32: y))
        }
        return (
            try filter2D(image, kx, depth: .float32, border: border),
            try filter2D(image, ky, depth: .float32, border: border)
        )
    }

    /// The Sobel gradient's magnitude (`hypot(gx, gy)`) and orientation in degrees
    /// (`degrees(arctan2(gy, gx))`, -180...180), both float32 as numpy computes them.
    public static func gradient(
        _ image: NDArray, kind: GradientKind = .sobel, border: BorderMode = .reflect101
    ) throws -> (magnitude: NDArray, orientation: NDArray) {
        let (gx, gy) = try gradients(image, kind, border: border)
        let x = gx.float32Values!, y = gy.float32Values!
        var magnitude = [Float](repeating: 0, count: x.count)
        var orientation = [Float](repeating: 0, count: x.count)
        magnitude.withUnsafeMutableBufferPointer { m in
            orientation.withUnsafeMutableBufferPointer { o in
                let mp = SharedPointer(m.baseAddress!), op = SharedPointer(o.baseAddress!)
                x.withUnsafeBufferPointer { xb in
                    y.withUnsafeBufferPointer { yb in
                        let xp = SharedReadPointer(xb.baseAddress!), yp = SharedReadPointer(yb.baseAddress!)
                        Parallel.forEach(x.count, minimumPerChunk: 4096) { _, range in
                            for i in range {
                                let a = xp.base[i], b = yp.base[i]
                                mp.base[i] = (a * a + b * b).squareRoot()
                                op.base[i] = degrees(atan2f(b, a))
                            }
                        }
                    }
                }
            }
        }
        return (NDArray(shape: gx.shape, float32: magnitude), NDArray(shape: gx.shape, float32: orientation))
    }

    /// numpy's float32 `degrees`: a multiplication by 180/pi computed in float32 (57.295776 with pi rounded to nearest float32,
    /// one ulp below the double constant rounded to float32).
    @inline(__always)
    static func degrees(_ radians: Float) -> Float { radians * (Float(180) / Float(Double.pi)) }
}

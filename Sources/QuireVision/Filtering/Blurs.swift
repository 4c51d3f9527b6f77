import Foundation
import QuireArray

extension Filters {
    /// OpenCV's GaussianBlur with a square `ksize` window (0 derives it from `sigma`, as OpenCV
    /// does). `sigma` 0 derives it from the size
    /// (`0.3 * ((ksize - 1) / 2 - 1) + 0.8`). uint8 images follow OpenCV's bit-exact path:
    /// weights rounded to 1/256ths, a row pass and a column pass in integers, rounded at the end.
    public static func gaussianBlur(
        _ image: NDArray, ksize: Int, sigma: Double = 0, border: BorderMode = .reflect101
    ) throws -> NDArray {
        let layout = try ImageLayout(image)
        guard sigma >= 0, sigma.isFinite else { throw VisionError.badParameter(name: "sigma", reason: "not negative") }
        var ksize = ksize
        if ksize == 0 && sigma > 0 {
            // OpenCV derives the size from sigma: 3 sigma each side for uint8, 4 for float.
            let reach = image.dtype == .uint8 ? 3.0 : 4.0
            let derived = (sigma * reach * 2 + 1).rounded(.toNearestOrEven)
            guard derived <= Double(ImageLimits.maxKernelSide) else {
                let most = (Double(ImageLimits.maxKernelSide - 1) / (reach * 2) * 100).rounded(.down) / 100
                throw VisionError.badParameter(
                    name: "sigma", reason: "at most \(most) when ksize is 0 (the window grows with sigma)")
            }
            ksize = Int(derived) | 1
        }
        guard ksize > 0, ksize % 2 == 1, ksize <= ImageLimits.maxKernelSide else {
            throw VisionError.badKernelSize(operation: "gaussian_blur", ksize: ksize, reason: "odd")
        }
        let weights = gaussianWeights(ksize, sigma)
        if let pixels = image.uint8Values {
            let fixed = fixedPointWeights(weights)
            let pass = SeparablePass<UInt16>(rowWeights: fixed, columnWeights: fixed, border: border)
            return NDArray(shape: layout.shape, uint8: pass.run(pixels, layout, finish: .shift(16)))
        }
        let k = weights.map { Float($0) }
        return try separableFloat(image, layout, rowWeights: k, columnWeights: k, border: border)
    }

    /// The Gaussian weights OpenCV uses: its fixed tables for sizes up to 7 when sigma is not
    /// given, otherwise `exp(-x^2 / (2 sigma^2))` normalised to sum 1.
    static func gaussianWeights(_ n: Int, _ sigma: Double) -> [Double] {
        if sigma <= 0 {
            switch n {
            case 1: return [1]
            case 3: return [0.25, 0.5, 0.25]
            case 5: return [0.0625, 0.25, 0.375, 0.25, 0.0625]
            case 7: return [0.03125, 0.109375, 0.21875, 0.28125, 0.21875, 0.109375, 0.03125]
            default: break
            }
        }
        let s = sigma > 0 ? sigma : ((Double(n) - 1) * 0.5 - 1) * 0.3 + 0.8
        let scale = -0.5 / (s * s)
        var values = (0..<n).map { i -> Double in
            let x = Double(i) - Double(n - 1) * 0.5
            return exp(scale * x * x)
        }
        let sum = values.reduce(0, +)
        values = values.map { $0 / sum }
        return values
    }

    /// Weights in 1/256ths (OpenCV's ufixedpoint16), rounded cumulatively from the outside in
    /// (each weight is the step between rounded running sums) so that they sum to exactly 256;
    /// this reproduces the kernels OpenCV's bit-exact GaussianBlur uses.
    static func fixedPointWeights(_ weights: [Double]) -> [UInt32] {
        let n = weights.count
        var fixed = [UInt32](repeating: 0, count: n)
        var running = 0.0, previous = 0.0
        for i in 0..<(n / 2) {
            running += weights[i] * 256
            let rounded = running.rounded(.toNearestOrEven)
            fixed[i] = UInt32(max(rounded - previous, 0))
            fixed[n - 1 - i] = fixed[i]
            previous = rounded
        }
        fixed[n / 2] = 256 - min(UInt32(2 * previous), 256)
        return fixed
    }

    /// OpenCV's `blur`: the mean over a `ksize` x `ksize` window, anchored at its centre.
    public static func boxBlur(_ image: NDArray, ksize: Int, border: BorderMode = .reflect101) throws -> NDArray {
        let layout = try ImageLayout(image)
        guard ksize > 0, ksize <= ImageLimits.maxKernelSide else {
            throw VisionError.badKernelSize(operation: "box_blur", ksize: ksize, reason: "positive")
        }
        if let pixels = image.uint8Values {
            let ones = [UInt32](repeating: 1, count: ksize)
            let pass = SeparablePass<UInt16>(rowWeights: ones, columnWeights: ones, border: border)
            return NDArray(shape: layout.shape, uint8: pass.run(pixels, layout, finish: .divide(UInt32(ksize * ksize))))
        }
        let k = [Float](repeating: 1, count: ksize)
        let summed = try separableFloat(image, layout, rowWeights: k, columnWeights: k, border: border)
        let scale = Float(1.0 / Double(ksize * ksize))
        return NDArray(shape: layout.shape, float32: summed.float32Values!.map { $0 * scale })
    }

    /// A separable float32 filter: a row correlation then a column correlation.
    static func separableFloat(
        _ image: NDArray, _ layout: ImageLayout, rowWeights: [Float], columnWeights: [Float], border: BorderMode
    ) throws -> NDArray {
        let rowKernel = try Kernel(rows: 1, columns: rowWeights.count, weights: rowWeights.map { Double($0) })
        let columnKernel = try Kernel(rows: columnWeights.count, columns: 1, weights: columnWeights.map { Double($0) })
        let rows = try filter2D(image, rowKernel, depth: .float32, border: border)
        return try filter2D(rows, columnKernel, depth: .float32, border: border)
    }
}

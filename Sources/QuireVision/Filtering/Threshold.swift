import QuireArray

extension Filters {
    /// OpenCV's binary threshold: pixels above `threshold` become `maxValue`, the rest 0
    /// (uint8 thresholds are floored first, as OpenCV does). With `otsu`, the threshold is
    /// chosen by Otsu's method (uint8 gray images only). Returns the threshold used.
    public static func threshold(
        _ image: NDArray, _ threshold: Double, maxValue: Double = 255, otsu: Bool = false
    ) throws -> (threshold: Double, image: NDArray) {
        let layout = try ImageLayout(image)
        if let pixels = image.uint8Values {
            var t = threshold.rounded(.down)
            if otsu {
                guard layout.channels == 1 else { throw VisionError.needsGray(operation: "threshold", channels: layout.channels) }
                t = Double(otsuThreshold(pixels))
            }
            let high = UInt8(min(max(maxValue.rounded(.toNearestOrEven), 0), 255))
            let out = pixels.map { Double($0) > t ? high : 0 }
            return (t, NDArray(shape: layout.shape, uint8: out))
        }
        guard !otsu else {
            throw VisionError.notAnImageArray(shape: image.shape, dtype: image.dtype, reason: "otsu")
        }
        let high = Float(maxValue), t = Float(threshold)
        return (threshold, NDArray(shape: layout.shape, float32: image.float32Values!.map { $0 > t ? high : 0 }))
    }

    /// Otsu's threshold as OpenCV computes it: the first bin maximising the between-class
    /// variance, with classes holding less than FLT_EPSILON of the pixels skipped.
    public static func otsuThreshold(_ pixels: [UInt8]) -> Int {
        var histogram = [Int](repeating: 0, count: 256)
        for p in pixels { histogram[Int(p)] += 1 }
        let scale = 1.0 / Double(max(pixels.count, 1))
        var mu = 0.0
        for i in 0..<256 { mu += Double(i) * Double(histogram[i]) }
        mu *= scale
        var mu1 = 0.0, q1 = 0.0, maxSigma = 0.0, best = 0
        let epsilon = Double(Float.ulpOfOne)
        for i in 0..<256 {
            let p = Double(histogram[i]) * scale
            mu1 *= q1
            q1 += p
            let q2 = 1 - q1
            if min(q1, q2) < epsilon || max(q1, q2) > 1 - epsilon { continue }
            mu1 = (mu1 + Double(i) * p) / q1
            let mu2 = (mu - q1 * mu1) / q2
            let sigma = q1 * q2 * (mu1 - mu2) * (mu1 - mu2)
            if sigma > maxSigma {
                maxSigma = sigma
                best = i
            }
        }
        return best
    }
}

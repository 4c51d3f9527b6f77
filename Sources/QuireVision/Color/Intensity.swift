import QuireArray

/// Brightness, noise, augmentation and conversions between uint8 and float32.
public enum Intensity {
    /// `pixel * factor + delta`; uint8 results are rounded half to even and clamped to 0...255.
    public static func adjustBrightness(_ image: NDArray, factor: Double, delta: Double = 0) throws -> NDArray {
        let layout = try ImageLayout(image)
        let f = Float(factor), d = Float(delta)
        if let v = image.uint8Values { return NDArray(shape: layout.shape, uint8: v.map { saturateUInt8(Float($0) * f + d) }) }
        return NDArray(shape: layout.shape, float32: image.float32Values!.map { $0 * f + d })
    }

    /// Adds Gaussian noise of standard deviation `sigma` (in pixel units); `seed` makes it repeatable.
    public static func addNoise(_ image: NDArray, sigma: Double, seed: UInt64?) throws -> NDArray {
        let layout = try ImageLayout(image)
        guard sigma >= 0, sigma.isFinite else { throw VisionError.badParameter(name: "sigma", reason: "not negative") }
        var random = seed.map { SeededRandom(seed: $0) } ?? .unseeded()
        if let v = image.uint8Values {
            return NDArray(shape: layout.shape, uint8: v.map { saturateUInt8(Float(Double($0) + sigma * random.normal())) })
        }
        return NDArray(shape: layout.shape, float32: image.float32Values!.map { $0 + Float(sigma * random.normal()) })
    }

    /// uint8 to float32 divided by `scale` (0...1 for the default 255); float32 is returned as is.
    public static func toFloat(_ image: NDArray, scale: Double = 255) throws -> NDArray {
        let layout = try ImageLayout(image)
        guard let v = image.uint8Values else { return image }
        let s = Float(scale)
        return NDArray(shape: layout.shape, float32: v.map { Float($0) / s })
    }

    /// float32 to uint8 multiplied by `scale`, rounded half to even and clamped to 0...255;
    /// uint8 is returned as is.
    public static func toUInt8(_ image: NDArray, scale: Double = 255) throws -> NDArray {
        let layout = try ImageLayout(image)
        guard let v = image.float32Values else { return image }
        let s = Float(scale)
        return NDArray(shape: layout.shape, uint8: v.map { saturateUInt8($0 * s) })
    }
}

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

    /// The augmentation step of training: a horizontal flip half of the time, a rotation of up
    /// to 15 degrees either way, and a brightness factor between 0.8 and 1.2; same size and dtype.
    public static func randomAugment(_ image: NDArray, seed: UInt64?) throws -> NDArray {
        var random = seed.map { SeededRandom(seed: $0) } ?? .unseeded()
        var result = image
        if random.uniform() < 0.5 { result = try Transforms.flip(result, .horizontal) }
        let angle = (random.uniform() * 2 - 1) * 15
        result = try Transforms.rotate(result, degrees: angle)
        let factor = 0.8 + random.uniform() * 0.4
        return try adjustBrightness(result, factor: factor)
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

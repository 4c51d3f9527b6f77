import Foundation
import QuireArray

/// Random variations of an image for training (Keras' RandomTranslation, RandomRotation,
/// RandomZoom, RandomFlip, RandomBrightness and GaussianNoise in one step). Every transform is
/// off unless asked for, so the default settings return the image unchanged; flipping mirrors
/// only when `flip` is true (it would turn a 2 into something that is not a digit).
public struct Augmentation: Sendable, Equatable {
    /// Largest shift in pixels, up, down, left or right (a whole number of pixels each time).
    public var shift = 0
    /// Largest rotation in degrees, either way.
    public var rotate = 0.0
    /// Largest zoom as a fraction: 0.1 scales by 0.9 to 1.1.
    public var zoom = 0.0
    /// Mirror left-right half of the time.
    public var flip = false
    /// Standard deviation of Gaussian noise, in pixel units (0 to 255 for uint8, 0 to 1 for float).
    public var noise = 0.0
    /// Largest brightness change as a fraction: 0.2 multiplies by 0.8 to 1.2.
    public var brightness = 0.0

    public init() {}

    /// Whether every transform is off.
    public var isIdentity: Bool { shift == 0 && rotate == 0 && zoom == 0 && !flip && noise == 0 && brightness == 0 }

    /// Checks the ranges; throws `badParameter` naming the first one out of range.
    public func validate() throws {
        guard shift >= 0 else { throw VisionError.badParameter(name: "shift", reason: "an int not below 0") }
        guard rotate >= 0, rotate.isFinite else { throw VisionError.badParameter(name: "rotate", reason: "a number not below 0") }
        guard zoom >= 0, zoom < 1 else { throw VisionError.badParameter(name: "zoom", reason: "a fraction from 0 to less than 1") }
        guard noise >= 0, noise.isFinite else { throw VisionError.badParameter(name: "noise", reason: "a number not below 0") }
        guard brightness >= 0, brightness < 1 else { throw VisionError.badParameter(name: "brightness", reason: "a fraction from 0 to less than 1") }
    }

    /// One random variant of `image` (h x w or h x w x c, uint8 or float32), same shape and
    /// dtype. The draws are made in a fixed order from `seed`, whatever is switched on.
    public func apply(_ image: NDArray, seed: UInt64?) throws -> NDArray {
        try validate()
        let layout = try ImageLayout(image)
        var random = seed.map { SeededRandom(seed: $0) } ?? .unseeded()
        let mirror = random.uniform() < 0.5
        let angle = (random.uniform() * 2 - 1) * rotate
        let scale = 1 + (random.uniform() * 2 - 1) * zoom
        let dx = Double(Int((random.uniform() * Double(2 * shift + 1)).rounded(.down)) - shift)
        let dy = Double(Int((random.uniform() * Double(2 * shift + 1)).rounded(.down)) - shift)
        let factor = 1 + (random.uniform() * 2 - 1) * brightness
        guard !isIdentity else { return image }
        var values: [Float] = image.uint8Values.map { $0.map { Float($0) } } ?? image.float32Values!
        if rotate != 0 || zoom != 0 || shift != 0 {
            values = Self.warp(values, layout, degrees: angle, scale: scale, dx: dx, dy: dy)
        }
        if flip, mirror {
            let (w, c) = (layout.width, layout.channels)
            var out = values
            for y in 0..<layout.height {
                for x in 0..<w { for ch in 0..<c { out[(y * w + x) * c + ch] = values[(y * w + w - 1 - x) * c + ch] } }
            }
            values = out
        }
        if brightness != 0 { values = values.map { $0 * Float(factor) } }
        if noise != 0 { values = values.map { $0 + Float(noise * random.normal()) } }
        if image.uint8Values != nil { return NDArray(shape: image.shape, uint8: values.map(saturateUInt8)) }
        return NDArray(shape: image.shape, float32: values)
    }

    /// Rotation by `degrees` and scaling by `scale` about the centre, then a shift by (dx, dy),
    /// sampled bilinearly; pixels from outside the image are 0. Whole-pixel shifts alone copy
    /// pixels exactly.
    static func warp(_ v: [Float], _ layout: ImageLayout, degrees: Double, scale: Double, dx: Double, dy: Double) -> [Float] {
        let (w, h, c) = (layout.width, layout.height, layout.channels)
        let radians = degrees * .pi / 180
        let (cosA, sinA) = (cos(radians), sin(radians))
        let (cx, cy) = (Double(w - 1) / 2, Double(h - 1) / 2)
        var out = [Float](repeating: 0, count: v.count)
        func at(_ x: Int, _ y: Int, _ ch: Int) -> Float {
            x >= 0 && y >= 0 && x < w && y < h ? v[(y * w + x) * c + ch] : 0
        }
        for y in 0..<h {
            for x in 0..<w {
                // The inverse map: from the output pixel back to where it comes from.
                let px = (Double(x) - dx - cx) / scale, py = (Double(y) - dy - cy) / scale
                let sx = cosA * px - sinA * py + cx, sy = sinA * px + cosA * py + cy
                let x0 = Int(sx.rounded(.down)), y0 = Int(sy.rounded(.down))
                let fx = Float(sx - Double(x0)), fy = Float(sy - Double(y0))
                for ch in 0..<c {
                    let top = at(x0, y0, ch) * (1 - fx) + (fx == 0 ? 0 : at(x0 + 1, y0, ch) * fx)
                    let bottom = fy == 0 ? 0 : at(x0, y0 + 1, ch) * (1 - fx) + (fx == 0 ? 0 : at(x0 + 1, y0 + 1, ch) * fx)
                    out[(y * w + x) * c + ch] = top * (1 - fy) + bottom * fy
                }
            }
        }
        return out
    }

    /// Rows of images (n x h x w [x c], or flat rows of `shape`'s size) followed by `copies`
    /// variants of every row, in order: all rows once, then the first variant of each, and so on.
    /// Row i of copy k uses the seed `seed + k * n + i`, so the result does not depend on threads.
    public func dataset(_ rows: NDArray, imageShape: [Int], copies: Int, seed: UInt64?) throws -> NDArray {
        try validate()
        guard copies >= 0 else { throw VisionError.badParameter(name: "copies", reason: "a number not below 0") }
        let n = rows.shape.first ?? 0
        let size = imageShape.reduce(1, *)
        guard rows.count == n * size, size > 0 else {
            throw VisionError.badParameter(name: "X", reason: "rows of \(imageShape.map(String.init).joined(separator: "x")) pixels")
        }
        let source: [Float] = rows.float32Values ?? rows.doubles.map(Float.init)
        var out = source
        out.reserveCapacity(source.count * (copies + 1))
        let base = seed ?? UInt64.random(in: 0...UInt64.max / 2)
        for k in 0..<copies {
            for i in 0..<n {
                let image = NDArray(shape: imageShape, float32: Array(source[(i * size)..<((i + 1) * size)]))
                let variant = try apply(image, seed: base &+ UInt64(k * n + i))
                out += variant.float32Values!
            }
        }
        var shape = rows.shape
        shape[0] = n * (copies + 1)
        return NDArray(shape: shape, float32: out)
    }
}

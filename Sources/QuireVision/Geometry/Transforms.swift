import Foundation
import QuireSupport
import QuireArray

/// Which way `flip` mirrors, with cv2.flip's codes in mind: horizontal is 1, vertical 0, both -1.
public enum FlipAxis: String, CaseIterable, Sendable {
    case horizontal, vertical, both
}

/// Cropping, flipping, rotating and padding.
public enum Transforms {
    /// The `width` x `height` region whose top-left pixel is (`x`, `y`).
    public static func crop(_ image: NDArray, x: Int, y: Int, width: Int, height: Int) throws -> NDArray {
        let layout = try ImageLayout(image)
        guard x >= 0, y >= 0, width > 0, height > 0, x + width <= layout.width, y + height <= layout.height else {
            throw VisionError.badParameter(
                name: "region", reason: "inside the \(layout.width)x\(layout.height) image")
        }
        return remap(image, layout, layout.resized(height: height, width: width)) { ox, oy in (x + ox, y + oy) }
    }

    /// Mirrors left-right (`horizontal`), top-bottom (`vertical`) or both.
    public static func flip(_ image: NDArray, _ axis: FlipAxis = .horizontal) throws -> NDArray {
        let layout = try ImageLayout(image)
        let w = layout.width, h = layout.height
        return remap(image, layout, layout) { x, y in
            (axis == .vertical ? x : w - 1 - x, axis == .horizontal ? y : h - 1 - y)
        }
    }

    /// Rotates counterclockwise by `degrees` (OpenCV's getRotationMatrix2D convention).
    /// Multiples of 90 are exact and swap width and height as needed; other angles keep the
    /// size, rotate about the centre with bilinear interpolation and fill corners with 0.
    public static func rotate(_ image: NDArray, degrees: Double) throws -> NDArray {
        let layout = try ImageLayout(image)
        guard degrees.isFinite else { throw VisionError.badParameter(name: "angle", reason: "finite") }
        let w = layout.width, h = layout.height
        let quarter = degrees / 90
        if quarter == quarter.rounded() {
            // The remainder first: a huge angle such as 1e300 is integral but no Int.
            switch ((Int(quarter.truncatingRemainder(dividingBy: 4)) % 4) + 4) % 4 {
            case 0: return image
            case 1: return remap(image, layout, layout.resized(height: w, width: h)) { x, y in (w - 1 - y, x) }
            case 2: return remap(image, layout, layout) { x, y in (w - 1 - x, h - 1 - y) }
            default: return remap(image, layout, layout.resized(height: w, width: h)) { x, y in (y, h - 1 - x) }
            }
        }
        return rotateBilinear(image, layout, degrees)
    }

    /// OpenCV's copyMakeBorder: adds `top`, `bottom`, `left` and `right` pixels made by `border`
    /// (`value` for constant borders).
    public static func pad(
        _ image: NDArray, top: Int, bottom: Int, left: Int, right: Int, border: BorderMode = .constant,
        value: Double = 0
    ) throws -> NDArray {
        let layout = try ImageLayout(image)
        guard top >= 0, bottom >= 0, left >= 0, right >= 0 else {
            throw VisionError.badParameter(name: "padding", reason: "not negative")
        }
        let target = layout.resized(height: layout.height + top + bottom, width: layout.width + left + right)
        guard target.height * target.width <= ImageLimits.maxPixels else {
            throw VisionError.tooLarge(width: target.width, height: target.height, limit: ImageLimits.maxPixels)
        }
        if border != .constant && (layout.width == 0 || layout.height == 0) {
            throw VisionError.notAnImageArray(shape: image.shape, dtype: image.dtype, reason: "empty")
        }
        let c = layout.channels
        func build<T>(_ v: [T], _ fill: T) -> [T] {
            var out = [T](repeating: fill, count: target.count)
            for y in 0..<target.height {
                guard let sy = border.index(y - top, layout.height) else { continue }
                for x in 0..<target.width {
                    guard let sx = border.index(x - left, layout.width) else { continue }
                    for ch in 0..<c { out[(y * target.width + x) * c + ch] = v[(sy * layout.width + sx) * c + ch] }
                }
            }
            return out
        }
        if let v = image.uint8Values {
            return NDArray(shape: target.shape, uint8: build(v, saturateUInt8(Float(value))))
        }
        return NDArray(shape: target.shape, float32: build(image.float32Values!, Float(value)))
    }

    /// Builds an image whose pixel (x, y) is the source pixel `source(x, y)`.
    static func remap(
        _ image: NDArray, _ layout: ImageLayout, _ target: ImageLayout, _ source: (Int, Int) -> (Int, Int)
    ) -> NDArray {
        let c = layout.channels
        func build<T>(_ v: [T]) -> [T] {
            var out: [T] = []
            out.reserveCapacity(target.count)
            for y in 0..<target.height {
                for x in 0..<target.width {
                    let (sx, sy) = source(x, y)
                    let base = (sy * layout.width + sx) * c
                    for ch in 0..<c { out.append(v[base + ch]) }
                }
            }
            return out
        }
        if let v = image.uint8Values { return NDArray(shape: target.shape, uint8: build(v)) }
        return NDArray(shape: target.shape, float32: build(image.float32Values!))
    }

    private static func rotateBilinear(_ image: NDArray, _ layout: ImageLayout, _ degrees: Double) -> NDArray {
        let w = layout.width, h = layout.height, c = layout.channels
        let radians = degrees * Double.pi / 180
        let cosA = cos(radians), sinA = sin(radians)
        let cx = Double(w) / 2, cy = Double(h) / 2
        let values: [Float] = image.uint8Values.map { $0.map { Float($0) } } ?? image.float32Values!
        let out: [Float] = uninitializedImage(layout.count) { dest in
            let d = SharedPointer(dest)
            Parallel.forEach(h, minimumPerChunk: 16) { _, band in
                @inline(__always) func sample(_ x: Int, _ y: Int, _ ch: Int) -> Float {
                    guard x >= 0, y >= 0, x < w, y < h else { return 0 }
                    return values[(y * w + x) * c + ch]
                }
                for y in band {
                    if Cancellation.isCancelled { break }
                    for x in 0..<w {
                        // The inverse of getRotationMatrix2D's map: destination back to source.
                        let dx = Double(x) - cx, dy = Double(y) - cy
                        let sx = cosA * dx - sinA * dy + cx
                        let sy = sinA * dx + cosA * dy + cy
                        let x0 = Int(sx.rounded(.down)), y0 = Int(sy.rounded(.down))
                        let fx = Float(sx - Double(x0)), fy = Float(sy - Double(y0))
                        for ch in 0..<c {
                            let top = sample(x0, y0, ch) * (1 - fx) + sample(x0 + 1, y0, ch) * fx
                            let bottom = sample(x0, y0 + 1, ch) * (1 - fx) + sample(x0 + 1, y0 + 1, ch) * fx
                            (d.base + (y * w + x) * c + ch).initialize(to: top * (1 - fy) + bottom * fy)
                        }
                    }
                }
            }
        }
        if image.dtype == .uint8 { return NDArray(shape: layout.shape, uint8: out.map(saturateUInt8)) }
        return NDArray(shape: layout.shape, float32: out)
    }
}

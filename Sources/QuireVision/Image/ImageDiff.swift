import QuireArray

/// The pixel difference of two images, for comparing a stored figure with a new rendering.
public struct ImageDiff: Sendable {
    /// Pixels compared (of the larger size when the sizes differ).
    public let pixels: Int
    /// Pixels where any channel differs, or that only one of the images has.
    public let differing: Int
    /// Whether the two images have the same height and width.
    public let sameSize: Bool
    /// The stored image, the new one and the differences (red on a faded copy), side by side,
    /// as an RGB uint8 array.
    public let sideBySide: NDArray

    public var share: Double { pixels == 0 ? 0 : Double(differing) / Double(pixels) }

    /// Compares two uint8 images (gray, RGB or RGBA); nil when either is not one.
    public init?(_ a: NDArray, _ b: NDArray) {
        guard let pa = RGBPixels(a), let pb = RGBPixels(b) else { return nil }
        let height = max(pa.height, pb.height), width = max(pa.width, pb.width)
        sameSize = pa.height == pb.height && pa.width == pb.width
        pixels = height * width
        let gap = 8
        let total = width * 3 + gap * 2
        var out = [UInt8](repeating: 255, count: height * total * 3)
        var count = 0
        for y in 0..<height {
            for x in 0..<width {
                let u = pa.pixel(y, x), v = pb.pixel(y, x)
                let row = y * total
                if let u { put(&out, (row + x) * 3, u) }
                if let v { put(&out, (row + width + gap + x) * 3, v) }
                let differs = u == nil || v == nil || u! != v!
                if differs { count += 1 }
                let base = u ?? v ?? [255, 255, 255]
                let gray = UInt8((Int(base[0]) + Int(base[1]) + Int(base[2])) / 3 / 4 + 191)
                put(&out, (row + 2 * (width + gap) + x) * 3, differs ? [220, 20, 20] : [gray, gray, gray])
            }
        }
        differing = count
        sideBySide = NDArray(shape: [height, total, 3], uint8: out)
    }
}

private func put(_ out: inout [UInt8], _ at: Int, _ rgb: [UInt8]) {
    out[at] = rgb[0]
    out[at + 1] = rgb[1]
    out[at + 2] = rgb[2]
}

/// An image's pixels as RGB (alpha composited over white).
private struct RGBPixels {
    let height: Int
    let width: Int
    let channels: Int
    let values: [UInt8]

    init?(_ image: NDArray) {
        guard case .uint8(let v) = image.storage else { return nil }
        switch image.shape.count {
        case 2: channels = 1
        case 3 where [1, 3, 4].contains(image.shape[2]): channels = image.shape[2]
        default: return nil
        }
        height = image.shape[0]
        width = image.shape[1]
        values = v
    }

    func pixel(_ y: Int, _ x: Int) -> [UInt8]? {
        guard y < height, x < width else { return nil }
        let i = (y * width + x) * channels
        if channels == 1 { return [values[i], values[i], values[i]] }
        if channels == 3 { return [values[i], values[i + 1], values[i + 2]] }
        let alpha = Int(values[i + 3])
        return (0..<3).map { UInt8((Int(values[i + $0]) * alpha + 255 * (255 - alpha)) / 255) }
    }
}

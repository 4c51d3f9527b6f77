import CCairo
import Foundation

/// A PNG file decoded by Cairo into RGBA bytes: how tests look at written figures.
public struct DecodedPNG: Sendable {
    public var width: Int
    public var height: Int
    /// Row-major, four bytes per pixel (red, green, blue, alpha), not premultiplied.
    public var rgba: [UInt8]

    /// Reads a PNG file.
    public init(path: String) throws(PlotError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .unreadableImage(path: path, reason: "no such file")
        }
        guard CairoCanvas.libraryLoads else { throw .cairoMissing }
        let surface = cairo_image_surface_create_from_png(path)
        defer { cairo_surface_destroy(surface) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .unreadableImage(path: path, reason: String(cString: cairo_status_to_string(status)))
        }
        cairo_surface_flush(surface)
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let format = cairo_image_surface_get_format(surface)
        guard let data = cairo_image_surface_get_data(surface) else {
            throw .unreadableImage(path: path, reason: "no pixel data")
        }
        var out = [UInt8](repeating: 0, count: width * height * 4)
        for y in 0..<height {
            for x in 0..<width {
                let word = data.advanced(by: y * stride + x * 4).withMemoryRebound(to: UInt32.self, capacity: 1) { $0.pointee }
                let a = format == CAIRO_FORMAT_ARGB32 ? UInt32((word >> 24) & 0xff) : 255
                func unpremultiply(_ c: UInt32) -> UInt8 { a == 0 ? 0 : UInt8(min(255, (c * 255 + a / 2) / a)) }
                let i = (y * width + x) * 4
                out[i] = unpremultiply((word >> 16) & 0xff)
                out[i + 1] = unpremultiply((word >> 8) & 0xff)
                out[i + 2] = unpremultiply(word & 0xff)
                out[i + 3] = UInt8(a)
            }
        }
        rgba = out
    }

    /// The pixel at column `x`, row `y`.
    public func pixel(_ x: Int, _ y: Int) -> (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8) {
        let i = (y * width + x) * 4
        return (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3])
    }

    /// The gray levels of the pixels (mean of red, green and blue), row-major.
    public var grayLevels: [UInt8] {
        (0..<(width * height)).map { p -> UInt8 in
            let sum = Int(rgba[p * 4]) + Int(rgba[p * 4 + 1]) + Int(rgba[p * 4 + 2])
            return UInt8(sum / 3)
        }
    }
}

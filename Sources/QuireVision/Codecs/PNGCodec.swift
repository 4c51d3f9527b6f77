import CPNG
import QuireArray

/// PNG through libpng's simplified API, which reports errors in its struct instead of
/// longjmp-ing across Swift frames.
enum PNGCodec {
    /// Decodes a PNG held in memory: gray gives h x w, gray+alpha h x w x 2, RGB h x w x 3,
    /// RGBA h x w x 4; palettes are expanded, 16-bit samples reduced to their high byte (as
    /// OpenCV does), interlacing undone.
    static func decode(_ bytes: [UInt8], path: String) throws -> NDArray {
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        let begun = bytes.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard begun != 0 else { throw corrupt(image, path) }
        let width = Int(image.width), height = Int(image.height)
        guard width * height <= ImageLimits.maxPixels else {
            throw VisionError.tooLarge(width: width, height: height, limit: ImageLimits.maxPixels)
        }
        let fileFormat = image.format
        let hasColor = fileFormat & png_uint_32(PNG_FORMAT_FLAG_COLOR) != 0
        let hasAlpha = fileFormat & png_uint_32(PNG_FORMAT_FLAG_ALPHA) != 0
        let is16 = fileFormat & png_uint_32(PNG_FORMAT_FLAG_LINEAR) != 0
        let channels = (hasColor ? 3 : 1) + (hasAlpha ? 1 : 0)
        var format = (hasColor ? png_uint_32(PNG_FORMAT_FLAG_COLOR) : 0) | (hasAlpha ? png_uint_32(PNG_FORMAT_FLAG_ALPHA) : 0)
        if is16 { format |= png_uint_32(PNG_FORMAT_FLAG_LINEAR) }
        image.format = format
        let count = width * height * channels
        var pixels: [UInt8]
        if is16 {
            // 16-bit files are read as 16-bit and reduced by the high byte, as OpenCV's
            // png_set_strip_16 does; asking libpng for 8 bits would re-encode them to sRGB.
            var wide = [UInt16](repeating: 0, count: count)
            let ok = wide.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
            guard ok != 0 else { throw corrupt(image, path) }
            pixels = wide.map { UInt8(truncatingIfNeeded: $0 >> 8) }
        } else {
            pixels = [UInt8](repeating: 0, count: count)
            let ok = pixels.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
            guard ok != 0 else { throw corrupt(image, path) }
        }
        let shape = channels == 1 ? [height, width] : [height, width, channels]
        return NDArray(shape: shape, uint8: pixels)
    }

    /// Encodes a uint8 image (1 to 4 channels) as PNG bytes.
    static func encode(_ pixels: [UInt8], _ layout: ImageLayout, path: String) throws -> [UInt8] {
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        image.width = png_uint_32(layout.width)
        image.height = png_uint_32(layout.height)
        let color = layout.channels >= 3 ? png_uint_32(PNG_FORMAT_FLAG_COLOR) : 0
        let alpha = layout.channels % 2 == 0 ? png_uint_32(PNG_FORMAT_FLAG_ALPHA) : 0
        image.format = color | alpha
        defer { png_image_free(&image) }
        var size = 0
        let sized = pixels.withUnsafeBytes {
            png_image_write_to_memory(&image, nil, &size, 0, $0.baseAddress, 0, nil)
        }
        guard sized != 0 else { throw VisionError.cannotWrite(path: path, reason: message(image)) }
        var out = [UInt8](repeating: 0, count: size)
        let written = out.withUnsafeMutableBytes { dest in
            pixels.withUnsafeBytes { png_image_write_to_memory(&image, dest.baseAddress, &size, 0, $0.baseAddress, 0, nil) }
        }
        guard written != 0 else { throw VisionError.cannotWrite(path: path, reason: message(image)) }
        return Array(out.prefix(size))
    }

    private static func corrupt(_ image: png_image, _ path: String) -> VisionError {
        .corrupt(path: path, format: "PNG", reason: message(image))
    }

    /// libpng's error text, kept in a fixed-size C array inside the struct.
    private static func message(_ image: png_image) -> String {
        var copy = image.message
        return withUnsafeBytes(of: &copy) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}

import Foundation
import QuireArray
import QuireSupport

/// Reading and writing image files (PNG and JPEG), chosen by content when reading and by
/// extension when writing.
public enum ImageFile {
    /// Files above 1 GiB are refused before reading: no PNG or JPEG within `maxPixels` needs more.
    public static let maxFileBytes = 1 << 30

    /// Reads a PNG or JPEG file as a uint8 array in RGB(A) channel order.
    public static func read(_ path: String) throws -> NDArray {
        let bytes = try readBytes(path)
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            return try PNGCodec.decode(bytes, path: path)
        }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            return try JPEGCodec.decode(bytes, path: path)
        }
        throw VisionError.notAnImage(path: path)
    }

    /// Writes a uint8 image as PNG or JPEG (by the path's extension), through a temporary file
    /// renamed into place so that a failed write never leaves half a file.
    public static func write(_ image: NDArray, to path: String, shownAs shown: String? = nil, quality: Int = 95) throws {
        do {
            try AtomicWrite.checkDestination(path, shownAs: shown)  // a folder is named as such, not by its "extension"
        } catch {
            throw VisionError.cannotWrite(path: error.path, reason: error.reason)
        }
        let layout = try ImageLayout(image)
        guard let pixels = image.uint8Values else {
            throw VisionError.notAnImageArray(shape: image.shape, dtype: image.dtype, reason: "write")
        }
        guard (0...100).contains(quality) else {
            throw VisionError.badParameter(name: "quality", reason: "between 0 and 100")
        }
        let ext = (path as NSString).pathExtension.lowercased()
        let bytes: [UInt8]
        switch ext {
        case "png": bytes = try PNGCodec.encode(pixels, layout, path: path)
        case "jpg", "jpeg": bytes = try JPEGCodec.encode(pixels, layout, quality: quality, path: path)
        default: throw VisionError.unknownFormat(path: shown ?? path)
        }
        do {
            try AtomicWrite.write(Data(bytes), to: path, shownAs: shown)
        } catch {
            throw VisionError.cannotWrite(path: error.path, reason: error.reason)
        }
    }

    private static func readBytes(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw VisionError.cannotRead(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw VisionError.cannotRead(path: path, reason: "it is a folder") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= maxFileBytes else { throw VisionError.cannotRead(path: path, reason: "file too large") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw VisionError.cannotRead(path: path, reason: "permission denied")
        }
        return [UInt8](data)
    }
}

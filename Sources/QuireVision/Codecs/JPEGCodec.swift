import CTurboJPEG
import QuireArray

/// JPEG through TurboJPEG, whose calls return error codes (libjpeg's error_exit would have to
/// longjmp across Swift frames).
enum JPEGCodec {
    /// Decodes baseline or progressive JPEG bytes: RGB as h x w x 3, grayscale as h x w.
    static func decode(_ bytes: [UInt8], path: String) throws -> NDArray {
        guard let handle = tjInitDecompress() else {
            throw VisionError.corrupt(path: path, format: "JPEG", reason: "cannot start the decoder")
        }
        defer { tjDestroy(handle) }
        var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
        let header = bytes.withUnsafeBufferPointer {
            tjDecompressHeader3(handle, $0.baseAddress, UInt($0.count), &width, &height, &subsampling, &colorspace)
        }
        guard header == 0 else { throw failure(handle, path) }
        let w = Int(width), h = Int(height)
        guard w * h <= ImageLimits.maxPixels else {
            throw VisionError.tooLarge(width: w, height: h, limit: ImageLimits.maxPixels)
        }
        let gray = colorspace == Int32(TJCS_GRAY.rawValue)
        guard colorspace != Int32(TJCS_CMYK.rawValue) && colorspace != Int32(TJCS_YCCK.rawValue) else {
            throw VisionError.corrupt(path: path, format: "JPEG", reason: "CMYK JPEG files are not supported")
        }
        let channels = gray ? 1 : 3
        let format = gray ? TJPF_GRAY : TJPF_RGB
        var pixels = [UInt8](repeating: 0, count: w * h * channels)
        // LIMITSCANS refuses progressive files with absurd scan counts (a known denial of service).
        let flags = Int32(TJFLAG_LIMITSCANS)
        let status = pixels.withUnsafeMutableBufferPointer { dest in
            bytes.withUnsafeBufferPointer {
                tjDecompress2(handle, $0.baseAddress, UInt($0.count), dest.baseAddress, width, 0, height, Int32(format.rawValue), flags)
            }
        }
        if status != 0 {
            let fatal = tjGetErrorCode(handle) == Int32(TJERR_FATAL.rawValue)
            let text = errorText(handle)
            // Extraneous bytes between markers are harmless (OpenCV accepts such files); any
            // other warning means missing or damaged image data.
            if fatal || !text.contains("extraneous bytes") { throw VisionError.corrupt(path: path, format: "JPEG", reason: text) }
        }
        return NDArray(shape: gray ? [h, w] : [h, w, 3], uint8: pixels)
    }

    /// Encodes a uint8 image as JPEG at `quality` (1 to 100), 4:2:0 chroma subsampling as OpenCV.
    static func encode(_ pixels: [UInt8], _ layout: ImageLayout, quality: Int, path: String) throws -> [UInt8] {
        guard let handle = tjInitCompress() else {
            throw VisionError.cannotWrite(path: path, reason: "cannot start the JPEG encoder")
        }
        defer { tjDestroy(handle) }
        var source = pixels
        var channels = layout.channels
        if channels == 2 {  // gray + alpha: JPEG has no alpha, keep the gray plane
            source = stride(from: 0, to: pixels.count, by: 2).map { pixels[$0] }
            channels = 1
        }
        let format: TJPF = channels == 1 ? TJPF_GRAY : channels == 3 ? TJPF_RGB : TJPF_RGBX
        let subsampling: TJSAMP = channels == 1 ? TJSAMP_GRAY : TJSAMP_420
        var output: UnsafeMutablePointer<UInt8>? = nil
        var size: UInt = 0
        let status = source.withUnsafeBufferPointer {
            tjCompress2(
                handle, $0.baseAddress, Int32(layout.width), 0, Int32(layout.height), Int32(format.rawValue),
                &output, &size, Int32(subsampling.rawValue), Int32(quality), 0)
        }
        defer { if let output { tjFree(output) } }
        guard status == 0, let output else { throw VisionError.cannotWrite(path: path, reason: errorText(handle)) }
        return Array(UnsafeBufferPointer(start: output, count: Int(size)))
    }

    private static func failure(_ handle: tjhandle, _ path: String) -> VisionError {
        .corrupt(path: path, format: "JPEG", reason: errorText(handle))
    }

    private static func errorText(_ handle: tjhandle) -> String {
        guard let text = tjGetErrorStr2(handle) else { return "unknown error" }
        return String(cString: text)
    }
}

import QuireArray

/// Everything that can go wrong in QuireVision, as data; the bindings turn it into sentences.
public enum VisionError: Error, Equatable, Sendable {
    /// The file could not be opened or read.
    case cannotRead(path: String, reason: String)
    /// The file could not be written (or the temporary file could not be renamed into place).
    case cannotWrite(path: String, reason: String)
    /// The bytes are not a PNG or JPEG file.
    case notAnImage(path: String)
    /// The decoder rejected the data: truncated, corrupt, or an unsupported variant.
    case corrupt(path: String, format: String, reason: String)
    /// The image has more pixels than `ImageLimits.maxPixels`.
    case tooLarge(width: Int, height: Int, limit: Int)
    /// The file extension names no format we can write.
    case unknownFormat(path: String)
    /// The array cannot be an image: wrong rank, channel count or dtype.
    case notAnImageArray(shape: [Int], dtype: DType, reason: String)
    /// The operation needs a single-channel image.
    case needsGray(operation: String, channels: Int)
    /// A kernel that is empty, not 2-D, or too large.
    case badKernel(reason: String)
    /// A window size that is not allowed (even, negative, too large).
    case badKernelSize(operation: String, ksize: Int, reason: String)
    /// A numeric parameter outside its range.
    case badParameter(name: String, reason: String)
}

/// Limits on what we accept, each with its reason.
public enum ImageLimits {
    /// 16384 x 16384 pixels: larger images (1 GB at 4 channels) would exhaust the memory of the
    /// machines Quire runs on; a file claiming more is treated as too large, not decoded.
    public static let maxPixels = 1 << 28
    /// Kernels larger than 63 x 63 would make the direct correlation very slow (OpenCV switches
    /// to a DFT there); nobody filters images with such kernels in the tutorials.
    public static let maxKernelSide = 63
    /// Median windows above 255 have no use and would make the histogram method slow.
    public static let maxMedianSize = 255
    /// Channel counts of images we handle: gray, gray+alpha, RGB, RGBA.
    public static let maxChannels = 4
}

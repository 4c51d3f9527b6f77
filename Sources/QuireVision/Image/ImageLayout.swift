import QuireArray

/// The height, width and channel count of an array seen as an image.
public struct ImageLayout: Equatable, Sendable {
    public let height: Int
    public let width: Int
    public let channels: Int
    /// True when the array had no channel axis (h x w).
    public let isPlanar: Bool

    public init(height: Int, width: Int, channels: Int, isPlanar: Bool) {
        self.height = height
        self.width = width
        self.channels = channels
        self.isPlanar = isPlanar
    }

    /// Reads the layout of an image array: h x w, or h x w x c with c from 1 to 4.
    public init(_ array: NDArray) throws {
        let shape = array.shape
        guard array.dtype == .uint8 || array.dtype == .float32 else {
            throw VisionError.notAnImageArray(shape: shape, dtype: array.dtype, reason: "dtype")
        }
        switch shape.count {
        case 2: self.init(height: shape[0], width: shape[1], channels: 1, isPlanar: true)
        case 3 where (1...ImageLimits.maxChannels).contains(shape[2]):
            self.init(height: shape[0], width: shape[1], channels: shape[2], isPlanar: false)
        default:
            throw VisionError.notAnImageArray(shape: shape, dtype: array.dtype, reason: "shape")
        }
    }

    /// Elements in one row (width times channels).
    public var rowLength: Int { width * channels }
    public var count: Int { height * width * channels }

    /// The array shape of an image with this layout.
    public var shape: [Int] { isPlanar ? [height, width] : [height, width, channels] }

    /// The same layout with another size.
    public func resized(height: Int, width: Int) -> ImageLayout {
        ImageLayout(height: height, width: width, channels: channels, isPlanar: isPlanar)
    }
}

extension NDArray {
    /// The uint8 elements, or nil for other dtypes.
    var uint8Values: [UInt8]? { if case .uint8(let v) = storage { v } else { nil } }
    /// The float32 elements, or nil for other dtypes.
    var float32Values: [Float]? { if case .float32(let v) = storage { v } else { nil } }
}

/// Checks that an array is a single-channel image and gives its layout.
func grayLayout(_ image: NDArray, for operation: String) throws -> ImageLayout {
    let layout = try ImageLayout(image)
    guard layout.channels == 1 else { throw VisionError.needsGray(operation: operation, channels: layout.channels) }
    return layout
}

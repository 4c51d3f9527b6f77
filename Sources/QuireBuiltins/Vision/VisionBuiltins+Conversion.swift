import QuireArray
import QuireLang
import QuireVision

extension VisionBuiltins {
    /// The image argument: an Array (or anything array-like) of shape h x w or h x w x c;
    /// arrays of other numeric dtypes become float32.
    static func image(_ args: Arguments, _ name: String = "img") throws -> NDArray {
        let array: NDArray
        if name == "img", let receiver = args.receiver {
            array = try ndarray(from: receiver)
        } else {
            array = try ndarray(args, name)
        }
        let converted: NDArray
        switch array.storage {
        case .uint8, .float32: converted = array
        case .bool(let v): converted = NDArray(shape: array.shape, uint8: v.map { $0 ? 255 : 0 })
        case .int64(let v): converted = NDArray(shape: array.shape, float32: v.map { Float($0) })
        case .float64(let v): converted = NDArray(shape: array.shape, float32: v.map { Float($0) })
        }
        do {
            _ = try ImageLayout(converted)
        } catch {
            let shape = ArrayFormatter.shapeText(array.shape)
            throw args.bad(name, expected: "an image: an array of shape (height, width) or (height, width, channels) with 1 to 4 channels, not of shape \(shape)")
        }
        return converted
    }

    /// A kernel argument: a 2-D array or nested list of numbers.
    static func kernel(_ args: Arguments) throws -> Kernel {
        let array = try ndarray(args, "kernel")
        guard array.ndim == 2 else {
            throw args.bad("kernel", expected: "a 2-D kernel (a list of rows of numbers)")
        }
        do {
            return try Kernel(rows: array.shape[0], columns: array.shape[1], weights: array.doubles)
        } catch {
            throw args.bad(
                "kernel", expected: "a non-empty kernel of finite numbers at most \(ImageLimits.maxKernelSide) x \(ImageLimits.maxKernelSide)")
        }
    }

    static let borderNames = BorderMode.allCases.map(\.rawValue)

    static func border(_ args: Arguments, _ name: String = "border") throws -> BorderMode {
        try args.choice(name, as: BorderMode.self)
    }

    /// A window size: a positive odd int (or, where allowed, even).
    static func ksize(_ args: Arguments, odd: Bool = true, upTo limit: Int = ImageLimits.maxKernelSide) throws -> Int {
        let k = try args.int("ksize")
        guard k > 0, !odd || k % 2 == 1, k <= limit else {
            throw args.bad("ksize", expected: odd ? "a positive odd int up to \(limit)" : "a positive int up to \(limit)")
        }
        return k
    }

    static func wrap(_ array: NDArray) -> Value { .object(ArrayObject(array)) }

    /// Runs a library call, turning its errors into sentences.
    static func run<T>(_ args: Arguments, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as VisionError {
            throw message(error, args)
        }
    }

    /// The sentence for each VisionError.
    static func message(_ error: VisionError, _ args: Arguments) -> QuireError {
        switch error {
        case .cannotRead(let path, let reason):
            return QuireError(.io, "cannot read \"\(path)\": \(reason)", argument: "path")
        case .cannotWrite(let path, let reason):
            return QuireError(.io, "cannot write \"\(path)\": \(reason)", argument: "path")
        case .notAnImage(let path):
            return QuireError(.io, "\"\(path)\" is not an image (expected a PNG or JPEG file)", argument: "path")
        case .corrupt(let path, let format, let reason):
            return QuireError(
                .io, "cannot decode \"\(path)\": the \(format) file is truncated or damaged (\(reason))", argument: "path")
        case .tooLarge(let width, let height, let limit):
            return QuireError(.value, "the image is \(width) x \(height) pixels, more than the limit of \(limit) pixels")
        case .unknownFormat(let path):
            return QuireError(
                .value, "cannot write \"\(path)\": unknown image format", hint: "use a .png, .jpg or .jpeg extension",
                argument: "path")
        case .notAnImageArray(_, let dtype, let reason):
            if reason == "write" {
                return QuireError(
                    .type, "write_image needs a uint8 image, got \(dtype.rawValue)", hint: "convert with to_uint8(img)",
                    argument: "img")
            }
            return QuireError(.type, "\(args.builtin.qualifiedName) needs a uint8 image, got \(dtype.rawValue)", hint: "convert with to_uint8(img)", argument: "img")
        case .needsGray(let operation, let channels):
            return QuireError(
                .value, "\(operation) needs a gray image (1 channel), got \(channels) channels", hint: "use img.gray()",
                argument: "img")
        case .badKernel(let reason):
            return QuireError(.value, "bad kernel: \(reason)", argument: "kernel")
        case .badKernelSize(let operation, let ksize, _):
            return QuireError(.value, "\(operation): ksize \(ksize) is not allowed", argument: "ksize")
        case .badParameter(let name, let reason):
            return QuireError(.value, "bad argument \"\(name)\" to \(args.builtin.qualifiedName): expected \(reason)")
        }
    }
}

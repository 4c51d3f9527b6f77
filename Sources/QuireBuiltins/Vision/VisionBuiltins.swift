import QuireArray
import QuireLang
import QuireSupport
import QuireVision

/// Images: reading and writing PNG/JPEG, OpenCV's filters, colour and geometry.
enum VisionBuiltins {
    static let img = Parameter("img", .any)
    static let borderParameter = Parameter.choice("border", borderNames, default: "reflect_101")

    /// A builtin that exists both as `name(img, ...)` and as the method `img.name(...)`.
    static func functionAndMethod(
        _ name: String, _ parameters: [Parameter], doc: String, example: String, methodExample: String,
        body: @escaping Builtin.Body
    ) -> [Builtin] {
        [
            Builtin(name, [img] + parameters, doc: doc, example: example, body: body),
            Builtin(name, on: "Array", parameters, doc: doc, example: methodExample, body: body),
        ]
    }

    /// A named gradient filter returning (gx, gy).
    static func gradientPair(_ kind: GradientKind) -> Builtin {
        Builtin(
            kind.rawValue, [img, borderParameter],
            doc: "The \(kind.rawValue) x and y gradients as float32 arrays (filter2D with the tutorial's kernels; the y kernel has its positive row on top).",
            example: "gx, gy = \(kind.rawValue)(gray)"
        ) { args in
            let (gx, gy) = try run(args) { try Filters.gradients(image(args), kind, border: border(args)) }
            return .tuple([wrap(gx), wrap(gy)])
        }
    }

    static let builtins: [Builtin] = io + filters + blurs + geometry + intensity + augmenting + folders

    static let io: [Builtin] = [
        Builtin(
            "read_image", [Parameter("path", .string)],
            doc: "Reads a PNG or JPEG file as a uint8 array in RGB(A) channel order (unlike OpenCV's imread, which gives BGR); gray files give height x width.",
            example: "img = read_image(\"data/images/camera.png\")"
        ) { args in
            let path = try args.filePath(for: .read).path
            return wrap(try run(args) { try ImageFile.read(path) })
        },
        Builtin(
            "write_image", [img, Parameter("path", .string), .opt("quality", .int, .int(95))],
            doc: "Writes a uint8 image as PNG or JPEG (by the extension; quality 0-100 for JPEG), replacing the file atomically.",
            example: "write_image(edges, \"edges.png\")"
        ) { args in
            let path = try args.filePath(for: .write).path
            let quality = try args.int("quality")
            guard (0...100).contains(quality) else { throw args.bad("quality", expected: "an int from 0 to 100") }
            let picture = try image(args)
            try run(args) { try ImageFile.write(picture, to: path, shownAs: try args.string("path"), quality: quality) }
            return .none
        },
    ]

    static let filters: [Builtin] = [
        Builtin(
            "filter2d",
            [img, Parameter("kernel", .any), .opt("depth", .optional(.string), .none, choices: ["uint8", "float32"]), borderParameter],
            doc: "OpenCV's filter2D: correlation with the kernel anchored at its centre; uint8 stays uint8 (rounded, clamped) unless depth=\"float32\", which keeps negative values.",
            example: "gx = filter2d(gray, [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], depth=\"float32\")"
        ) { args in
            let depth = try args.optionalChoice("depth", as: DType.self)
            let (picture, k, b) = (try image(args), try kernel(args), try border(args))
            return wrap(try run(args) { try Filters.filter2D(picture, k, depth: depth, border: b) })
        },
        gradientPair(.roberts), gradientPair(.prewitt), gradientPair(.sobel), gradientPair(.scharr),
        Builtin(
            "gradient", [img, .choice("method", GradientKind.allCases.map(\.rawValue), default: "sobel"), borderParameter],
            doc: "The gradient magnitude hypot(gx, gy) and orientation in degrees, atan2(gy, gx) from -180 to 180, as float32 (numpy's arithmetic).",
            example: "magnitude, orientation = gradient(gray)"
        ) { args in
            let kind = try args.choice("method", as: GradientKind.self)
            let (m, o) = try run(args) { try Filters.gradient(image(args), kind: kind, border: border(args)) }
            return .tuple([wrap(m), wrap(o)])
        },
        Builtin(
            "canny", [img, Parameter("low", .number), Parameter("high", .number), .opt("l2", .bool, .bool(false))],
            doc: "OpenCV's Canny edge detector on a gray uint8 image: 3x3 Sobel, L1 magnitude (l2=true for L2), non-maximum suppression, hysteresis; edges are 255.",
            example: "edges = canny(gray, 100, 200)"
        ) { args in
            let (low, high) = (try args.double("low"), try args.double("high"))
            guard low >= 0 else { throw args.bad("low", expected: "a number not below 0") }
            guard high >= 0 else { throw args.bad("high", expected: "a number not below 0") }
            return wrap(try run(args) { try Filters.canny(image(args), low: low, high: high, l2: try args.bool("l2")) })
        },
        Builtin(
            "threshold",
            [img, .opt("t", .number, .int(0)), .opt("otsu", .bool, .bool(false)), .opt("max_value", .number, .int(255))],
            doc: "Binary threshold as OpenCV's: pixels above t become max_value, others 0; otsu=true chooses t by Otsu's method. Returns (t, image), like cv2.threshold.",
            example: "t, binary = threshold(gray, otsu=true)"
        ) { args in
            let (t, picture, otsu, high) = (try args.double("t"), try image(args), try args.bool("otsu"), try args.double("max_value"))
            let (chosen, result) = try run(args) { try Filters.threshold(picture, t, maxValue: high, otsu: otsu) }
            let value: Value = chosen == chosen.rounded() ? Checked.int(chosen).map(Value.int) ?? .double(chosen) : .double(chosen)
            return .tuple([value, wrap(result)])
        },
    ]

    static let blurs: [Builtin] = [
        Builtin(
            "gaussian_blur", [img, Parameter("ksize", .int), .opt("sigma", .number, .int(0)), borderParameter],
            doc: "OpenCV's GaussianBlur with an odd ksize x ksize window (ksize=0 derives it from sigma); sigma=0 derives sigma from ksize. uint8 follows OpenCV's bit-exact fixed-point path.",
            example: "smooth = gaussian_blur(gray, 5, sigma=1)"
        ) { args in
            // sigma first: with ksize 0 the window comes from sigma, so a bad sigma is the fault.
            let sigma = try args.double("sigma")
            guard sigma >= 0, sigma.isFinite else { throw args.bad("sigma", expected: "a finite number not below 0") }
            let k = try args.int("ksize") == 0 && sigma > 0 ? 0 : try ksize(args)
            return wrap(try run(args) { try Filters.gaussianBlur(image(args), ksize: k, sigma: sigma, border: border(args)) })
        },
        Builtin(
            "median_blur", [img, Parameter("ksize", .int)],
            doc: "OpenCV's medianBlur: the median of each odd ksize x ksize window (border replicated); float32 images allow ksize 3 and 5.",
            example: "clean = median_blur(noisy, 5)"
        ) { args in
            let picture = try image(args)
            let k = try ksize(args, upTo: picture.dtype == .uint8 ? ImageLimits.maxMedianSize : 5)
            return wrap(try run(args) { try Filters.medianBlur(picture, ksize: k) })
        },
        Builtin(
            "box_blur", [img, Parameter("ksize", .int), borderParameter],
            doc: "OpenCV's blur: the mean of each ksize x ksize window, rounded as OpenCV rounds.",
            example: "soft = box_blur(img, 3)"
        ) { args in
            let k = try ksize(args, odd: false)
            return wrap(try run(args) { try Filters.boxBlur(image(args), ksize: k, border: border(args)) })
        },
    ]
}

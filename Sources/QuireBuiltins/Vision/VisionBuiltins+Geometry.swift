import QuireArray
import QuireLang
import QuireVision

extension VisionBuiltins {
    static let interpolationNames = Interpolation.allCases.map(\.rawValue)

    static let geometry: [Builtin] =
        functionAndMethod(
            "gray", [],
            doc: "Gray from RGB(A) with OpenCV's integer weights, (9798 R + 19235 G + 3735 B + 16384) >> 15; a gray image is returned unchanged.",
            example: "g = gray(img)", methodExample: "g = img.gray()"
        ) { args in wrap(try run(args) { try ColorConversion.gray(image(args)) }) }
        + functionAndMethod(
            "resize", [Parameter("size", .sequence), .choice("interpolation", interpolationNames, default: "linear")],
            doc: "Resizes to size=(width, height) as OpenCV's resize (interpolation \"linear\", \"area\", \"nearest\" or \"cubic\").",
            example: "small = resize(img, (256, 256), interpolation=\"area\")", methodExample: "small = img.resize((256, 256))"
        ) { args in
            let size = try args.sequence("size")
            guard size.count == 2, case .int(let w) = size[0], case .int(let h) = size[1], w > 0, h > 0 else {
                throw args.bad("size", expected: "a (width, height) pair of positive ints")
            }
            let method = try args.choice("interpolation", as: Interpolation.self)
            return wrap(try run(args) { try Resize.resize(image(args), width: w, height: h, interpolation: method) })
        }
        + functionAndMethod(
            "crop", [Parameter("x", .int), Parameter("y", .int), Parameter("width", .int), Parameter("height", .int)],
            doc: "The width x height region whose top-left pixel is (x, y), like img[y:y+height, x:x+width].",
            example: "face = crop(img, 100, 50, 64, 64)", methodExample: "face = img.crop(100, 50, 64, 64)"
        ) { args in
            // Subtracted rather than added below: x + width may overflow for a huge width.
            let (x, y, w, h) = (try args.int("x"), try args.int("y"), try args.int("width"), try args.int("height"))
            let picture = try image(args)
            let layout = try run(args) { try ImageLayout(picture) }
            guard x >= 0, x < layout.width else { throw args.bad("x", expected: "a column from 0 to \(layout.width - 1)") }
            guard y >= 0, y < layout.height else { throw args.bad("y", expected: "a row from 0 to \(layout.height - 1)") }
            guard w > 0, w <= layout.width - x else { throw args.bad("width", expected: "a width from 1 to \(layout.width - x)") }
            guard h > 0, h <= layout.height - y else { throw args.bad("height", expected: "a height from 1 to \(layout.height - y)") }
            return wrap(try run(args) { try Transforms.crop(picture, x: x, y: y, width: w, height: h) })
        }
        + functionAndMethod(
            "flip", [.choice("axis", FlipAxis.allCases.map(\.rawValue), default: "horizontal")],
            doc: "Mirrors left-right (\"horizontal\", cv2.flip code 1), top-bottom (\"vertical\", code 0) or \"both\" (code -1).",
            example: "mirrored = flip(img)", methodExample: "upside_down = img.flip(\"vertical\")"
        ) { args in
            let axis = try args.choice("axis", as: FlipAxis.self)
            return wrap(try run(args) { try Transforms.flip(image(args), axis) })
        }
        + functionAndMethod(
            "rotate", [Parameter("angle", .number)],
            doc: "Rotates counterclockwise by angle degrees: multiples of 90 exactly (swapping width and height), other angles about the centre, bilinear, corners filled with 0.",
            example: "turned = rotate(img, 90)", methodExample: "tilted = img.rotate(10)"
        ) { args in
            let angle = try args.double("angle")
            guard angle.isFinite else { throw args.bad("angle", expected: "a finite number of degrees") }
            return wrap(try run(args) { try Transforms.rotate(image(args), degrees: angle) })
        }
        + functionAndMethod(
            "pad",
            [
                Parameter("top", .int), .opt("bottom", .optional(.int), .none), .opt("left", .optional(.int), .none),
                .opt("right", .optional(.int), .none), .choice("border", borderNames, default: "constant"),
                .opt("value", .number, .int(0)),
            ],
            doc: "OpenCV's copyMakeBorder: adds top, bottom, left and right pixels (bottom, left, right default to top) made by border=, value= for \"constant\".",
            example: "framed = pad(img, 10, border=\"reflect\")", methodExample: "framed = img.pad(2, 2, 4, 4)"
        ) { args in
            let top = try args.int("top")
            let sides = try ["bottom", "left", "right"].map { try args.optionalInt($0) ?? top }
            for (name, v) in zip(["top", "bottom", "left", "right"], [top] + sides) where v < 0 || v > maxPadding {
                throw args.bad(name, expected: "an int from 0 to \(maxPadding)")
            }
            let (b, value) = (try border(args), try args.double("value"))
            return wrap(try run(args) {
                try Transforms.pad(image(args), top: top, bottom: sides[0], left: sides[1], right: sides[2], border: b, value: value)
            })
        }

    /// Padding beyond 10000 pixels a side is surely a mistake and would allocate gigabytes.
    static let maxPadding = 10_000
}

import QuireArray
import QuireLang
import QuireVision

extension VisionBuiltins {
    /// The transforms of `augment`, all off by default; `random_augment` keeps its own defaults.
    static func augmentParameters(rotate: Double = 0, brightness: Double = 0) -> [Parameter] {
        [
            .opt("shift", .int, .int(0), doc: "Largest shift in whole pixels, each way."),
            .opt("rotate", .number, rotate == 0 ? .int(0) : .double(rotate), doc: "Largest rotation in degrees, either way."),
            .opt("zoom", .number, .int(0), doc: "Largest zoom as a fraction (0.1: 90% to 110%)."),
            .opt("flip", .bool, .bool(false), doc: "Mirror left-right half of the time (wrong for digits and text)."),
            .opt("noise", .number, .int(0), doc: "Standard deviation of Gaussian noise, in pixel units."),
            .opt("brightness", .number, brightness == 0 ? .int(0) : .double(brightness), doc: "Largest brightness change as a fraction."),
            .opt("seed", .optional(.int), .none),
        ]
    }

    static func augmentation(_ args: Arguments) throws -> Augmentation {
        var a = Augmentation()
        a.shift = try args.int("shift")
        a.rotate = try args.double("rotate")
        a.zoom = try args.double("zoom")
        a.flip = try args.bool("flip")
        a.noise = try args.double("noise")
        a.brightness = try args.double("brightness")
        try run(args) { try a.validate() }
        return a
    }

    static let augmenting: [Builtin] = [
        Builtin(
            "augment", [img] + augmentParameters(),
            doc: "A random variant of an image for training: shift, rotate, zoom, flip, noise and brightness, each off unless given; seed= makes it repeatable.",
            example: "variant = augment(digit, shift=1, rotate=10, seed=3)"
        ) { args in
            let a = try augmentation(args)
            let s = try seed(args)
            return wrap(try run(args) { try a.apply(image(args), seed: s) })
        },
        Builtin(
            "random_augment", [img] + augmentParameters(rotate: 15, brightness: 0.2),
            doc: "augment with a rotation within 15 degrees and a brightness change within 20% by default (no flip unless flip=true).",
            example: "augmented = random_augment(img, seed=1)"
        ) { args in
            let a = try augmentation(args)
            let s = try seed(args)
            return wrap(try run(args) { try a.apply(image(args), seed: s) })
        },
        Builtin(
            "augment_dataset",
            [Parameter("X"), Parameter("y"), .opt("copies", .int, .int(1), doc: "Variants of every row."),
             .opt("shape", .optional(.sequence), .none, doc: "The image shape of flat rows, e.g. (8, 8).")]
                + augmentParameters(),
            doc: "The rows of X and y followed by `copies` augmented variants of each (labels repeated), as (X_aug, y_aug).",
            example: "X_aug, y_aug = augment_dataset(X_train, y_train, copies=2, shift=1, rotate=10, seed=0)"
        ) { args in try augmentDataset(args) },
    ]

    private static func augmentDataset(_ args: Arguments) throws -> Value {
        let a = try augmentation(args)
        let x = try ndarray(args, "X")
        let copies = try args.int("copies")
        guard copies >= 0 else { throw args.bad("copies", expected: "a number of copies, at least 0") }
        guard x.ndim >= 2, x.shape[0] > 0 else { throw args.bad("X", expected: "rows of images (at least one)") }
        var imageShape = Array(x.shape.dropFirst())
        if args.optional("shape") != nil {
            imageShape = try args.sequence("shape").map { v -> Int in
                guard case .int(let n) = v, n > 0 else { throw args.bad("shape", expected: "a tuple of sizes such as (8, 8)") }
                return n
            }
        } else if imageShape.count == 1 {
            let side = Int(Double(imageShape[0]).squareRoot())
            guard side * side == imageShape[0] else {
                throw args.bad("shape", expected: "the image shape of the flat rows of X, such as (8, 8)")
            }
            imageShape = [side, side]
        }
        guard imageShape.reduce(1, *) == x.count / x.shape[0] else {
            throw args.bad("shape", expected: "a shape of \(x.count / x.shape[0]) pixels, the size of a row of X")
        }
        let y = try LabelConversions.labels(args, "y")
        guard y.count == x.shape[0] else {
            throw QuireError(.value, "X has \(x.shape[0]) rows but y has \(y.count) labels", hint: "X and y must describe the same rows", argument: "y")
        }
        let s = try seed(args)
        let rows = try run(args) { try a.dataset(x, imageShape: imageShape, copies: copies, seed: s) }
        let repeated = (0...copies).flatMap { _ in 0..<y.count }
        return .tuple([wrap(rows), LabelConversions.value(y.taking(repeated))])
    }
}

extension VisionBuiltins {
    static let folders: [Builtin] = [
        Builtin(
            "read_image_folder",
            [Parameter("path", .string), Parameter("size", .sequence, doc: "(width, height) every image is resized to."),
             .opt("gray", .bool, .bool(false), doc: "One gray channel instead of three (RGB).")],
            doc: "Reads one sub-folder of images per class as (X, y): X uint8 of shape (n, height, width, channels), y the folder names (classes in sorted order, as Keras' image_dataset_from_directory).",
            example: "X, y = read_image_folder(\"data/shapes\", size=(32, 32), gray=true)"
        ) { args in
            let (shown, path) = try args.filePath(for: .read)
            let size = try args.sequence("size")
            guard size.count == 2, case .int(let w) = size[0], case .int(let h) = size[1], w > 0, h > 0 else {
                throw args.bad("size", expected: "a (width, height) pair of positive ints")
            }
            let gray = try args.bool("gray")
            let (images, labels) = try run(args) { try ImageFolder.read(path, shownAs: shown, width: w, height: h, gray: gray) }
            return .tuple([wrap(images), .list(ListBox(labels.map(Value.string)))])
        },
    ]
}

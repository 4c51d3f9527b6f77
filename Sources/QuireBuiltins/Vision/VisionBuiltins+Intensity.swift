import QuireArray
import QuireLang
import QuireVision

extension VisionBuiltins {
    static func seed(_ args: Arguments) throws -> UInt64? {
        guard let s = try args.optionalInt("seed") else { return nil }
        guard s >= 0 else { throw args.bad("seed", expected: "an int not below 0") }
        return UInt64(s)
    }

    static let intensity: [Builtin] = [
        Builtin(
            "adjust_brightness", [img, .opt("factor", .number, .double(1)), .opt("delta", .number, .int(0))],
            doc: "Each pixel times factor plus delta; uint8 results are rounded and clamped to 0-255.",
            example: "brighter = adjust_brightness(img, 1.2)"
        ) { args in
            let (f, d) = (try args.double("factor"), try args.double("delta"))
            return wrap(try run(args) { try Intensity.adjustBrightness(image(args), factor: f, delta: d) })
        },
        Builtin(
            "add_noise", [img, .opt("sigma", .number, .int(10)), .opt("seed", .optional(.int), .none)],
            doc: "Adds Gaussian noise of standard deviation sigma (in pixel units); seed= makes it repeatable (Quire's own generator, not numpy's).",
            example: "noisy = add_noise(img, sigma=20, seed=7)"
        ) { args in
            let sigma = try args.double("sigma")
            guard sigma >= 0, sigma.isFinite else { throw args.bad("sigma", expected: "a number not below 0") }
            let s = try seed(args)
            return wrap(try run(args) { try Intensity.addNoise(image(args), sigma: sigma, seed: s) })
        },
        Builtin(
            "to_float", [img, .opt("scale", .number, .int(255))],
            doc: "uint8 to float32 divided by scale (0 to 1 by default); a float32 image is returned unchanged.",
            example: "x = to_float(img)"
        ) { args in
            let scale = try args.double("scale")
            guard scale > 0, scale.isFinite else { throw args.bad("scale", expected: "a positive number") }
            return wrap(try run(args) { try Intensity.toFloat(image(args), scale: scale) })
        },
        Builtin(
            "to_uint8", [img, .opt("scale", .number, .int(255))],
            doc: "float32 to uint8: times scale (255 by default, for 0-1 images; 1 for pixel values), rounded half to even and clamped to 0-255.",
            example: "img = to_uint8(x)"
        ) { args in
            let scale = try args.double("scale")
            guard scale.isFinite else { throw args.bad("scale", expected: "a finite number") }
            return wrap(try run(args) { try Intensity.toUInt8(image(args), scale: scale) })
        },
    ]
}

import QuireArray
import QuireLang

/// The array functions of the language, with numpy's names and keyword arguments.
/// Methods are in `ArrayBuiltins+Methods.swift`; `builtins` collects both.
enum ArrayBuiltins {
    /// The numbers of an element-wise function: a number gives a number, an array an Array.
    private static func unaryMath(_ name: String, _ function: MathFunction, doc: String, example: String) -> Builtin {
        Builtin(name, [Parameter("x")], doc: doc, example: example) { args in
            let x = try ArrayValues.operand(args, "x")
            return ArrayValues.value(try arrayCall { () throws(ArrayError) in x.asArray.math(function) })
        }
    }

    private static func arrays(_ args: Arguments, _ name: String) throws -> [NDArray] {
        try args.sequence(name).map { item in
            do {
                return try ndarray(from: item)
            } catch {
                throw args.bad(name, expected: "a list of arrays")
            }
        }
    }

    static let functions: [Builtin] = [
        Builtin(
            "array", [Parameter("values"), ArrayValues.dtypeParameter(nil)],
            doc: "Makes an array from a (nested) list of numbers, as numpy.array.",
            example: "a = array([[1, 2], [3, 4]], dtype=\"float32\")"
        ) { args in
            let a = try ndarray(args, "values")
            guard let dtype = try ArrayValues.dtype(args, "dtype") else { return .object(ArrayObject(a)) }
            return .object(ArrayObject(try arrayCall { () throws(ArrayError) in try a.convertingLiterals(to: dtype) }))
        },
        Builtin(
            "zeros", [Parameter("shape", .oneOf([.int, .sequence])), ArrayValues.dtypeParameter(.float64)],
            doc: "An array of zeros of the given shape.", example: "zeros((2, 3), dtype=\"uint8\")"
        ) { args in
            let shape = try ArrayValues.shape(args, "shape")
            let dtype = try ArrayValues.dtype(args, "dtype")!
            return .object(ArrayObject(try arrayCall { () throws(ArrayError) in try NDArray.zeros(shape, dtype: dtype) }))
        },
        Builtin(
            "ones", [Parameter("shape", .oneOf([.int, .sequence])), ArrayValues.dtypeParameter(.float64)],
            doc: "An array of ones of the given shape.", example: "ones(5)"
        ) { args in
            let shape = try ArrayValues.shape(args, "shape")
            let dtype = try ArrayValues.dtype(args, "dtype")!
            return .object(ArrayObject(try arrayCall { () throws(ArrayError) in try NDArray.ones(shape, dtype: dtype) }))
        },
        Builtin(
            "full",
            [Parameter("shape", .oneOf([.int, .sequence])), Parameter("fill_value", .number), ArrayValues.dtypeParameter(nil)],
            doc: "An array of the given shape with every element fill_value.", example: "full((2, 2), 255, dtype=\"uint8\")"
        ) { args in
            let shape = try ArrayValues.shape(args, "shape")
            let fill = ArrayValues.scalar(args.value("fill_value"))!
            let dtype = try ArrayValues.dtype(args, "dtype") ?? NDArray(scalar: fill).dtype
            return .object(ArrayObject(try arrayCall { () throws(ArrayError) in try NDArray.full(shape, fill, dtype: dtype) }))
        },
        Builtin(
            "arange",
            [
                Parameter("start", .number), .opt("stop", .optional(.number), .none), .opt("step", .number, .int(1)),
                ArrayValues.dtypeParameter(nil),
            ],
            doc: "Evenly spaced values from start up to (not including) stop; arange(n) counts from 0.",
            example: "arange(0, 1, 0.25)"
        ) { args in
            var start = ArrayValues.scalar(args.value("start"))!
            var stop = Scalar.int(0)
            if let s = args.optional("stop") { stop = ArrayValues.scalar(s)! } else { (start, stop) = (.int(0), start) }
            let step = ArrayValues.scalar(args.value("step"))!
            let a = try arrayCall { () throws(ArrayError) in try NDArray.arange(start, stop, step) }
            return .object(ArrayObject(try ArrayValues.dtype(args, "dtype").map(a.astype) ?? a))
        },
        Builtin(
            "linspace",
            [Parameter("start", .number), Parameter("stop", .number), .opt("num", .int, .int(50)), .opt("endpoint", .bool, .bool(true))],
            doc: "num evenly spaced floats from start to stop (included unless endpoint=false).",
            example: "linspace(0, 1, 5)"
        ) { args in
            let (start, stop, num, endpoint) = (
                try args.double("start"), try args.double("stop"), try args.int("num"), try args.bool("endpoint")
            )
            guard num >= 0 else { throw args.bad("num", expected: "a non-negative int") }
            return .object(
                ArrayObject(try arrayCall { () throws(ArrayError) in try NDArray.linspace(start, stop, num: num, endpoint: endpoint) }))
        },
        Builtin(
            "hypot", [Parameter("a"), Parameter("b")],
            doc: "sqrt(a**2 + b**2) element-wise, without overflow; the gradient magnitude of two Sobel images.",
            example: "magnitude = hypot(gx, gy)"
        ) { args in
            let (a, b) = (try ArrayValues.operand(args, "a"), try ArrayValues.operand(args, "b"))
            return ArrayValues.value(try arrayCall { () throws(ArrayError) in try NDArray.hypot(a, b) })
        },
        Builtin(
            "atan2", [Parameter("y"), Parameter("x")],
            doc: "The angle of the point (x, y) in radians, element-wise, from -pi to pi.",
            example: "angle = degrees(atan2(gy, gx))"
        ) { args in
            let (y, x) = (try ArrayValues.operand(args, "y"), try ArrayValues.operand(args, "x"))
            return ArrayValues.value(try arrayCall { () throws(ArrayError) in try NDArray.atan2(y, x) })
        },
        unaryMath("degrees", .degrees, doc: "Radians to degrees, element-wise.", example: "degrees(atan2(1, 1))"),
        unaryMath("radians", .radians, doc: "Degrees to radians, element-wise.", example: "radians(array([90, 180]))"),
        unaryMath("exp", .exp, doc: "e to the power x, element-wise.", example: "exp(array([0, 1]))"),
        unaryMath("log", .log, doc: "The natural logarithm, element-wise.", example: "log(array([1, 10]))"),
        Builtin(
            "clip", [Parameter("a"), Parameter("lo", .optional(.any)), Parameter("hi", .optional(.any))],
            doc: "Limits the values to [lo, hi]; a uint8 array clipped with ints stays uint8.",
            example: "clip(img.astype(\"int64\") + 50, 0, 255).astype(\"uint8\")"
        ) { args in
            let a = try ArrayValues.operand(args, "a")
            let lo = try args.optional("lo") == nil ? nil : ArrayValues.operand(args, "lo")
            let hi = try args.optional("hi") == nil ? nil : ArrayValues.operand(args, "hi")
            return ArrayValues.value(try arrayCall { () throws(ArrayError) in try NDArray.clip(a, lo, hi) })
        },
        Builtin(
            "concatenate", [Parameter("arrays", .sequence), .opt("axis", .int, .int(0))],
            doc: "Joins arrays along an existing axis.", example: "concatenate([a, b], axis=1)"
        ) { args in
            let (parts, axis) = (try arrays(args, "arrays"), try args.int("axis"))
            return .object(ArrayObject(try arrayCall { () throws(ArrayError) in try NDArray.concatenate(parts, axis: axis) }))
        },
        Builtin(
            "stack", [Parameter("arrays", .sequence), .opt("axis", .int, .int(0))],
            doc: "Joins arrays of one shape along a new axis.", example: "stack([r, g, b], axis=2)"
        ) { args in
            let (parts, axis) = (try arrays(args, "arrays"), try args.int("axis"))
            return .object(ArrayObject(try arrayCall { () throws(ArrayError) in try NDArray.stack(parts, axis: axis) }))
        },
        Builtin(
            "where", [Parameter("mask"), Parameter("a"), Parameter("b")],
            doc: "Elements of a where mask is true, else of b (all broadcast together).",
            example: "where(img > 128, 255, 0)"
        ) { args in
            let (m, a, b) = (try ArrayValues.operand(args, "mask"), try ArrayValues.operand(args, "a"), try ArrayValues.operand(args, "b"))
            return .object(ArrayObject(try arrayCall { () throws(ArrayError) in try NDArray.select(m, a, b) }))
        },
        Builtin(
            "matmul", [Parameter("a"), Parameter("b")],
            doc: "The matrix product, as numpy.matmul: 1-D operands are a row on the left, a column on the right; stacks broadcast.",
            example: "matmul(X, w)"
        ) { args in
            let (a, b) = (try ndarray(args, "a"), try ndarray(args, "b"))
            return ArrayValues.value(try arrayCall { () throws(ArrayError) in try NDArray.matmul(a, b) })
        },
    ]

    /// Every array function and method, for the registry.
    static let builtins: [Builtin] = functions + methods + ArrayObject.attributes
}

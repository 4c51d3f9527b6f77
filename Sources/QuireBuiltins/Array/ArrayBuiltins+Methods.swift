import QuireArray
import QuireLang
import QuireSupport

/// The methods of Array values.
extension ArrayBuiltins {
    private static func receiver(_ args: Arguments) -> NDArray { args.receiver(as: ArrayObject.self).array }

    /// A reduction method with numpy's `axis=none`: a number for the whole array, else an Array.
    private static func reduction(
        _ name: String, doc: String, example: String, _ body: @escaping (NDArray, Int?) throws(ArrayError) -> NDArray
    ) -> Builtin {
        Builtin(name, on: "Array", [.opt("axis", .optional(.int), .none)], doc: doc, example: example) { args in
            let (a, axis) = (receiver(args), try args.optionalInt("axis"))
            return ArrayValues.value(try arrayCall { () throws(ArrayError) in try body(a, axis) })
        }
    }

    /// `std` and `var`, which also take numpy's `ddof`.
    private static func spread(
        _ name: String, doc: String, example: String, _ body: @escaping (NDArray, Int?, Int) throws(ArrayError) -> NDArray
    ) -> Builtin {
        Builtin(name, on: "Array", [.opt("axis", .optional(.int), .none), .opt("ddof", .int, .int(0))], doc: doc, example: example) {
            args in
            let (a, axis, ddof) = (receiver(args), try args.optionalInt("axis"), try args.int("ddof"))
            guard ddof >= 0 else { throw args.bad("ddof", expected: "a non-negative int") }
            return ArrayValues.value(try arrayCall { () throws(ArrayError) in try body(a, axis, ddof) })
        }
    }

    /// Integers from variadic arguments, or from one tuple or list: `reshape(2, 3)` or `reshape((2, 3))`.
    private static func intList(_ args: Arguments, _ name: String) throws -> [Int] {
        var items = args.rest
        if items.count == 1 {
            if case .tuple(let t) = items[0] { items = t } else if case .list(let l) = items[0] { items = l.items }
        }
        return try items.map { item in
            guard case .int(let i) = item else {
                throw Arguments.badArgument(name, to: args.builtin.qualifiedName, expected: "ints or a tuple of ints", got: item)
            }
            return i
        }
    }

    static let methods: [Builtin] = [
        Builtin(
            "astype", on: "Array", [Parameter("dtype", .string, choices: ArrayValues.dtypeNames, synonyms: DType.aliases.keys.sorted())],
            doc: "The array converted to another dtype; floats to ints truncate, ints to uint8 wrap.",
            example: "img.astype(\"float32\")"
        ) { args in
            let (a, dtype) = (receiver(args), try ArrayValues.dtype(args, "dtype")!)
            if a.dtype != dtype { _ = try arrayCall { () throws(ArrayError) in try NDArray.reserve(a.shape, dtype) } }
            return .object(ArrayObject(a.astype(dtype)))
        },
        reduction("sum", doc: "The sum of all elements, or along an axis (integers sum as int64).", example: "a.sum(axis=0)") {
            a, axis throws(ArrayError) in
            try a.sum(axis: axis)
        },
        reduction("mean", doc: "The mean of all elements, or along an axis.", example: "a.mean()") { a, axis throws(ArrayError) in
            try a.mean(axis: axis)
        },
        reduction("min", doc: "The smallest element, or the smallest along an axis.", example: "a.min(axis=1)") {
            a, axis throws(ArrayError) in
            try a.min(axis: axis)
        },
        reduction("max", doc: "The largest element, or the largest along an axis.", example: "a.max()") { a, axis throws(ArrayError) in
            try a.max(axis: axis)
        },
        reduction(
            "argmax", doc: "The position of the largest element (of the flattened array without axis).", example: "scores.argmax(axis=1)"
        ) {
            a, axis throws(ArrayError) in try a.argmax(axis: axis)
        },
        reduction("argmin", doc: "The position of the smallest element (of the flattened array without axis).", example: "a.argmin()") {
            a, axis throws(ArrayError) in try a.argmin(axis: axis)
        },
        spread("std", doc: "The standard deviation (ddof=0 as numpy; ddof=1 for the sample's).", example: "a.std(ddof=1)") {
            a, axis, ddof throws(ArrayError) in try a.standardDeviation(axis: axis, ddof: ddof)
        },
        spread("var", doc: "The variance (ddof=0 as numpy; ddof=1 for the sample's).", example: "a.var(axis=0)") {
            a, axis, ddof throws(ArrayError) in try a.variance(axis: axis, ddof: ddof)
        },
        Builtin(
            "reshape", on: "Array", [Parameter("shape", .any, .variadic)],
            doc: "The same elements in a new shape; one dimension may be -1.", example: "a.reshape(2, -1)"
        ) { args in
            let (a, shape) = (receiver(args), try intList(args, "shape"))
            return .object(ArrayObject(try arrayCall { () throws(ArrayError) in try a.reshape(shape) }))
        },
        Builtin(
            "transpose", on: "Array", [Parameter("axes", .any, .variadic)],
            doc: "The axes reversed, or put in the given order.", example: "img.transpose(2, 0, 1)"
        ) { args in
            let (a, axes) = (receiver(args), try intList(args, "axes"))
            return .object(ArrayObject(try arrayCall { () throws(ArrayError) in try a.transpose(axes.isEmpty ? nil : axes) }))
        },
        Builtin("flatten", on: "Array", doc: "The elements in one dimension, row by row.", example: "a.flatten()") { args in
            .object(ArrayObject(receiver(args).flatten()))
        },
        Builtin("copy", on: "Array", doc: "A new array with the same elements.", example: "b = a.copy()") { args in
            .object(ArrayObject(receiver(args)))
        },
        Builtin("tolist", on: "Array", doc: "The elements as (nested) lists of numbers.", example: "a.tolist()") { args in
            let a = receiver(args)
            try Memory.check(.list(count: a.count), count: a.count, elementSize: MemoryLayout<Value>.stride)
            return ArrayValues.nestedList(a)
        },
        Builtin("any", on: "Array", doc: "True when any element is non-zero.", example: "(a > 3).any()") { args in
            .bool(receiver(args).any())
        },
        Builtin("all", on: "Array", doc: "True when every element is non-zero.", example: "(a >= 0).all()") { args in
            .bool(receiver(args).all())
        },
        Builtin("sqrt", on: "Array", doc: "The square root of each element (integers give floats).", example: "sqrt(a)") { args in
            ArrayValues.value(receiver(args).math(.sqrt))
        },
        Builtin("abs", on: "Array", doc: "The absolute value of each element, keeping the dtype.", example: "abs(a - b)") { args in
            ArrayValues.value(receiver(args).absolute())
        },
        Builtin(
            "round", on: "Array", [.opt("decimals", .int, .int(0))],
            doc: "Rounds half to even, as numpy, to the given number of decimals.", example: "a.round(2)"
        ) { args in
            let (a, decimals) = (receiver(args), try args.int("decimals"))
            return ArrayValues.value(try arrayCall { () throws(ArrayError) in try a.rounded(decimals: decimals) })
        },
        Builtin(
            "clip", on: "Array", [Parameter("lo", .optional(.any)), Parameter("hi", .optional(.any))],
            doc: "Limits the values to [lo, hi].", example: "a.clip(0, 255)"
        ) { args in
            let a = receiver(args)
            let lo = try args.optional("lo") == nil ? nil : ArrayValues.operand(args, "lo")
            let hi = try args.optional("hi") == nil ? nil : ArrayValues.operand(args, "hi")
            return ArrayValues.value(try arrayCall { () throws(ArrayError) in try NDArray.clip(.array(a), lo, hi) })
        },
    ]
}

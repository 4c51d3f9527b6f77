import Foundation
import QuireArray
import QuireData
import QuireLang
import QuireSupport

/// The helpers of test cells (`#| test:` and `#| hidden-test:` in notebooks): each fails with
/// an `assertion failed: ...` that says what was got, what was expected, and where they differ.
enum TestingBuiltins {
    static let builtins: [Builtin] = [
        Builtin("assert_close", [
            Parameter("actual"), Parameter("expected"),
            .opt("tol", .number, .double(1e-6)),
            .opt("msg", .optional(.string), .none),
        ], doc: "Fails unless the numbers (or arrays, lists, columns) are equal within tol, element by element.",
           example: "assert_close(accuracy, 0.91, tol=0.01)", body: assertClose),
        Builtin("assert_shape", [
            Parameter("x"), Parameter("shape", .any),
            .opt("msg", .optional(.string), .none),
        ], doc: "Fails unless the array, image or table has this shape (a tuple, or an int for one dimension).",
           example: "assert_shape(edges, (240, 320))", body: assertShape),
        Builtin("assert_equal_frames", [
            Parameter("actual"), Parameter("expected"),
            .opt("tol", .number, .double(0)),
            .opt("msg", .optional(.string), .none),
        ], doc: "Fails unless the two tables have the same columns, in order, the same types and the same values (numbers within tol).",
           example: "assert_equal_frames(summary, expected)", body: assertEqualFrames),
    ]

    /// The error every helper throws: `assertion failed: WHAT` with the user's message first.
    static func failure(_ args: Arguments, _ what: String, hint: String? = nil) throws -> QuireError {
        let msg = try args.optionalString("msg")
        if Assertions.hideValues {
            return QuireError(.assertion, "assertion failed: " + (msg ?? "\(args.builtin.qualifiedName) found a difference"))
        }
        var text = "assertion failed: "
        if let msg { text += msg + ": " }
        return QuireError(.assertion, text + what, hint: hint)
    }

    static func shapeText(_ shape: [Int]) -> String {
        "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")
    }

    static func number(_ d: Double) -> String { Printer.str(.double(d)) }

    static func assertClose(_ args: Arguments) throws -> Value {
        let tol = try args.double("tol")
        guard tol >= 0, tol.isFinite else { throw args.bad("tol", expected: "a number of at least 0") }
        let actual = try ndarray(args, "actual").astype(.float64)
        let expected = try ndarray(args, "expected").astype(.float64)
        guard actual.shape == expected.shape else {
            throw try failure(
                args, "got shape \(shapeText(actual.shape)), expected \(shapeText(expected.shape))",
                hint: "the two values must have the same shape to be compared element by element")
        }
        var worst = -1.0
        var worstAt = -1
        for i in 0..<actual.count {
            let a = actual.element(at: i).doubleValue, e = expected.element(at: i).doubleValue
            if a.isNaN && e.isNaN { continue }
            let difference = a == e ? 0 : (a.isNaN || e.isNaN ? Double.infinity : abs(a - e))
            if difference > tol && difference > worst {
                worst = difference
                worstAt = i
            }
        }
        guard worstAt >= 0 else { return .none }
        let a = actual.element(at: worstAt).doubleValue, e = expected.element(at: worstAt).doubleValue
        if actual.shape.isEmpty {
            throw try failure(args, "got \(number(a)), expected \(number(e)) (within \(number(tol)))")
        }
        let bad = (0..<actual.count).filter {
            let a = actual.element(at: $0).doubleValue, e = expected.element(at: $0).doubleValue
            return !(a.isNaN && e.isNaN) && !(abs(a - e) <= tol)
        }.count
        throw try failure(
            args,
            "\(bad) of \(actual.count) elements differ by more than \(number(tol)); the largest difference is at \(position(worstAt, in: actual.shape)): got \(number(a)), expected \(number(e))"
        )
    }

    /// A row-major position as an index: `[2]`, `[1, 3]`.
    static func position(_ flat: Int, in shape: [Int]) -> String {
        var rest = flat
        var index = Array(repeating: 0, count: shape.count)
        for axis in stride(from: shape.count - 1, through: 0, by: -1) where shape[axis] > 0 {
            index[axis] = rest % shape[axis]
            rest /= shape[axis]
        }
        return "[" + index.map(String.init).joined(separator: ", ") + "]"
    }

    static func assertShape(_ args: Arguments) throws -> Value {
        var wanted: [Int] = []
        switch args.value("shape") {
        case .int(let n): wanted = [n]
        case .tuple(let items):
            for item in items {
                guard case .int(let n) = item else { throw args.bad("shape", expected: "a tuple of ints such as (240, 320)") }
                wanted.append(n)
            }
        case .list(let list):
            for item in list.items {
                guard case .int(let n) = item else { throw args.bad("shape", expected: "a tuple of ints such as (240, 320)") }
                wanted.append(n)
            }
        default: throw args.bad("shape", expected: "a tuple of ints such as (240, 320)")
        }
        let shape: [Int]
        if case .object(let o as DataFrameObject) = args.value("x") {
            shape = [o.frame.rowCount, o.frame.columnCount]
        } else {
            shape = try ndarray(args, "x").shape
        }
        guard shape != wanted else { return .none }
        var hint: String?
        if shape.count != wanted.count {
            hint = "the value has \(shape.count) dimension\(shape.count == 1 ? "" : "s"), the test expects \(wanted.count)"
        } else if Set(shape) == Set(wanted) {
            hint = "the same sizes in another order: check rows and columns (height, width)"
        }
        throw try failure(args, "expected shape \(shapeText(wanted)), got \(shapeText(shape))", hint: hint)
    }

    static func frameArgument(_ args: Arguments, _ name: String) throws -> DataFrame {
        guard case .object(let o as DataFrameObject) = args.value(name) else {
            throw args.bad(name, expected: "a DataFrame")
        }
        return o.frame
    }

    static func assertEqualFrames(_ args: Arguments) throws -> Value {
        let tol = try args.double("tol")
        guard tol >= 0, tol.isFinite else { throw args.bad("tol", expected: "a number of at least 0") }
        let actual = try frameArgument(args, "actual")
        let expected = try frameArgument(args, "expected")
        func list(_ names: [String]) -> String { "[" + names.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        if actual.names != expected.names {
            let missing = expected.names.filter { !actual.names.contains($0) }
            let extra = actual.names.filter { !expected.names.contains($0) }
            var what = "the columns differ: got \(list(actual.names)), expected \(list(expected.names))"
            if !missing.isEmpty { what += "; missing \(list(missing))" }
            if !extra.isEmpty { what += "; not expected \(list(extra))" }
            throw try failure(args, what, hint: missing.isEmpty && extra.isEmpty ? "the same columns in another order" : nil)
        }
        if actual.rowCount != expected.rowCount {
            throw try failure(args, "got \(actual.rowCount) rows, expected \(expected.rowCount)")
        }
        for (c, name) in actual.names.enumerated() {
            let a = actual.columns[c], e = expected.columns[c]
            if a.pandasDtype != e.pandasDtype && !(a.type.isNumeric && e.type.isNumeric && tol > 0) {
                throw try failure(args, "column \"\(name)\" has type \(a.pandasDtype), expected \(e.pandasDtype)")
            }
            for row in 0..<actual.rowCount where !same(a[row], e[row], tol: tol) {
                throw try failure(
                    args, "column \"\(name)\" differs at row \(row): got \(show(a[row])), expected \(show(e[row]))")
            }
        }
        return .none
    }

    static func same(_ a: QuireData.Scalar, _ b: QuireData.Scalar, tol: Double) -> Bool {
        if a == b { return true }
        if let x = a.double, let y = b.double {
            if x.isNaN && y.isNaN { return true }
            return abs(x - y) <= tol
        }
        return false
    }

    static func show(_ s: QuireData.Scalar) -> String {
        switch s {
        case .int(let i): "\(i)"
        case .float(let d): number(d)
        case .bool(let b): b ? "true" : "false"
        case .string(let t): "\"\(t)\""
        case .missing: "a missing value"
        }
    }
}

extension QuireArray.Scalar {
    fileprivate var doubleValue: Double {
        switch self {
        case .bool(let b): b ? 1 : 0
        case .int(let i): Double(i)
        case .double(let d): d
        }
    }
}

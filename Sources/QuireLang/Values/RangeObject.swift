import QuireSupport

/// `range(start, stop, step)`: a lazy sequence of ints, so `for i in range(10_000_000)` makes
/// no list.
public final class RangeObject: NativeObject {
    public let range: StrideTo<Int>
    let start: Int, stop: Int, step: Int

    public init(start: Int, stop: Int, step: Int) {
        self.start = start
        self.stop = stop
        self.step = step
        self.range = stride(from: start, to: stop, by: step)
    }

    public var typeName: String { "range" }
    public var length: Int? { range.underestimatedCount }
    public func elements() throws -> [Value]? {
        var out: [Value] = []
        for (k, i) in range.enumerated() {
            if k & 0xFFFF == 0 { try Cancellation.check() }
            out.append(.int(i))
        }
        return out
    }
    public func truth() throws -> Bool { length! > 0 }
    public func displayText() -> String { step == 1 ? "range(\(start), \(stop))" : "range(\(start), \(stop), \(step))" }

    public func subscriptGet(_ index: Value) throws -> Value {
        guard case .int(var i) = index else { throw QuireError(.type, "a range is indexed by an int") }
        let n = length!
        if i < 0 { i += n }
        guard i >= 0, i < n else { throw QuireError(.index, "range index \(i) out of range (length \(n))") }
        return .int(start + i * step)
    }

    public func binary(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        guard op == .contains, case .int(let i) = other else { return nil }
        let inside = step > 0 ? (i >= start && i < stop) : (i <= start && i > stop)
        return .bool(inside && (i - start) % step == 0)
    }
}

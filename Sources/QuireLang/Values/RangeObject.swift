import QuireSupport

/// `range(start, stop, step)`: a lazy sequence of ints, so `for i in range(10_000_000)` makes
/// no list. Its length, truth, `in`, indexing and slicing are arithmetic, as in Python, so
/// `len(range(10**18))` answers at once.
public final class RangeObject: NativeObject {
    public let range: StrideTo<Int>
    let start: Int, stop: Int, step: Int
    /// The number of elements; fits an Int because `init` refuses longer ranges.
    let count: Int

    /// The range, or an error when it has more than Int.max elements (such as
    /// `range(-2**63, 2**63 - 1)`), which `len` could not give.
    public init(start: Int, stop: Int, step: Int) throws {
        guard step != 0 else { throw QuireError(.value, "range() step must not be zero") }
        guard let count = RangeObject.count(start: start, stop: stop, step: step) else {
            throw QuireError(
                .overflow, "range(\(start), \(stop), \(step)) has more than \(Int.max) elements",
                hint: "a range's length must fit in 64 bits")
        }
        self.start = start
        self.stop = stop
        self.step = step
        self.count = count
        self.range = stride(from: start, to: stop, by: step)
    }

    /// Python's range length, ceil((stop - start) / step) when positive, computed on magnitudes
    /// so that no subtraction overflows; nil past Int.max.
    static func count(start: Int, stop: Int, step: Int) -> Int? {
        if step > 0 ? start >= stop : start <= stop { return 0 }
        // Wrapping subtraction gives the exact distance as a UInt: it is below 2**64.
        let distance = step > 0 ? UInt(bitPattern: stop &- start) : UInt(bitPattern: start &- stop)
        return Int(exactly: (distance - 1) / step.magnitude + 1)
    }

    public var typeName: String { "range" }
    public var length: Int? { count }
    public func elements() throws -> [Value]? {
        try Memory.check(.list(count: count), count: count, elementSize: MemoryLayout<Value>.stride)
        var out: [Value] = []
        out.reserveCapacity(count)
        for (k, i) in range.enumerated() {
            if k & 0xFFFF == 0 { try Cancellation.check() }
            out.append(.int(i))
        }
        return out
    }
    public func truth() throws -> Bool { count > 0 }
    public func displayText() -> String { step == 1 ? "range(\(start), \(stop))" : "range(\(start), \(stop), \(step))" }

    /// The i-th element, for 0 <= i < count: exact in wrapping arithmetic, since the true value
    /// lies between start and stop.
    private func element(_ i: Int) -> Int { start &+ i &* step }

    public func subscriptGet(_ index: Value) throws -> Value {
        if case .object(let slice as SliceValue) = index { return try sliced(slice) }
        guard case .int(var i) = index else { throw QuireError(.type, "a range is indexed by an int or a slice") }
        if i < 0 { i += count }
        guard i >= 0, i < count else { throw QuireError(.index, "range index \(i < 0 ? i - count : i) out of range (length \(count))") }
        return .int(element(i))
    }

    /// `r[a:b:c]` is another range, as in Python: `range(0, 10)[::2]` is `range(0, 10, 2)`.
    private func sliced(_ slice: SliceValue) throws -> Value {
        let (lo, hi, by) = try slice.bounds(count: count)
        let overflow = QuireError(.overflow, "the slice of \(displayText()) does not fit in 64 bits")
        guard let newStep = Checked.product(step, by) else { throw overflow }
        // lo and hi lie in -1...count; the ends they give may step once past the range.
        func end(_ i: Int) throws -> Int {
            guard let offset = Checked.product(i, step), let value = Checked.sum(start, offset) else { throw overflow }
            return value
        }
        return .object(try RangeObject(start: try end(lo), stop: try end(hi), step: newStep))
    }

    public func binary(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        if op == .equal || op == .notEqual {
            guard case .object(let other as RangeObject) = other else { return nil }
            // Python compares ranges as the sequences they are.
            let same = count == other.count && (count == 0 || (start == other.start && (count == 1 || step == other.step)))
            return .bool(op == .equal ? same : !same)
        }
        guard op == .contains else { return nil }
        let i: Int
        switch other {
        case .int(let n): i = n
        case .bool(let b): i = b ? 1 : 0
        case .double(let d): guard let n = Checked.int(d), Double(n) == d else { return .bool(false) }; i = n
        default: return .bool(false)
        }
        let inside = step > 0 ? (i >= start && i < stop) : (i <= start && i > stop)
        guard inside else { return .bool(false) }
        let distance = step > 0 ? UInt(bitPattern: i &- start) : UInt(bitPattern: start &- i)
        return .bool(distance % step.magnitude == 0)
    }
}

/// The type a column's values imply so far, widened as rows arrive (pandas' inference order).
enum InferredKind: Int, Comparable, Sendable {
    /// Only missing values so far.
    case empty, int, float, bool, string

    static func < (a: InferredKind, b: InferredKind) -> Bool { a.rawValue < b.rawValue }

    /// The kind of two chunks of one column together.
    func merged(with other: InferredKind) -> InferredKind {
        if self == .empty { return other }
        if other == .empty || self == other { return self }
        if (self == .int && other == .float) || (self == .float && other == .int) { return .float }
        return .string
    }
}

/// Collects one column's values of one chunk, inferring its type as it goes. String columns are
/// not collected here: the chunk is read again for them (see `StringCollector`), so numeric
/// columns never pay for strings.
struct ColumnBuilder {
    var kind: InferredKind = .empty
    var count = 0
    var ints: [Int64] = []
    var floats: [Double] = []
    var bools: [Bool] = []
    /// Rows (within the chunk) that are missing, for int and bool columns.
    var missing: [Int] = []
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    @inline(__always)
    mutating func add(_ buf: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, escaped: Bool) {
        defer { count += 1 }
        switch kind {
        case .string:
            return
        case .int:
            if let v = NumberParsing.parseInt(buf, s, e) { ints.append(v); return }
        case .float:
            if let v = NumberParsing.parseDouble(buf, s, e) { floats.append(v); return }
            if NumberParsing.isNA(buf, s, e) { floats.append(.nan); return }
        case .bool:
            if let v = NumberParsing.parseBool(buf, s, e) { bools.append(v); return }
        case .empty:
            break
        }
        addSlow(buf, s, e, escaped: escaped)
    }

    /// A value that does not fit the current kind: missing, or a wider kind.
    private mutating func addSlow(_ buf: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, escaped: Bool) {
        if escaped { becomeString(); return }
        if NumberParsing.isNA(buf, s, e) {
            switch kind {
            case .empty: missing.append(count)
            case .int: ints.append(0); missing.append(count)
            case .float: floats.append(.nan)
            case .bool: bools.append(false); missing.append(count)
            case .string: break
            }
            return
        }
        if kind == .empty || kind == .int, let v = NumberParsing.parseInt(buf, s, e) {
            if kind == .empty { start(.int) }
            ints.append(v)
        } else if kind <= .float, let v = NumberParsing.parseDouble(buf, s, e) {
            if kind != .float { start(.float) }
            floats.append(v)
        } else if kind == .empty, let v = NumberParsing.parseBool(buf, s, e) {
            start(.bool)
            bools.append(v)
        } else {
            becomeString()
        }
    }

    /// Moves from `empty` or `int` to `next`, converting the values kept so far.
    private mutating func start(_ next: InferredKind) {
        switch next {
        case .int:
            ints.reserveCapacity(capacity)
            ints.append(contentsOf: repeatElement(0, count: count))
        case .float:
            floats.reserveCapacity(capacity)
            if kind == .int {
                floats.append(contentsOf: ints.lazy.map { Double($0) })
                for r in missing { floats[r] = .nan }
                ints = []
            } else {
                floats.append(contentsOf: repeatElement(.nan, count: count))
            }
            missing = []
        case .bool:
            bools.reserveCapacity(capacity)
            bools.append(contentsOf: repeatElement(false, count: count))
        default:
            break
        }
        kind = next
    }

    private mutating func becomeString() {
        kind = .string
        ints = []
        floats = []
        bools = []
        missing = []
    }

    /// The values as `kind` (wider than or equal to this builder's own kind).
    func values(as target: InferredKind) -> (Column.Storage, missing: [Int]) {
        switch target {
        case .int:
            if kind == .empty { return (.int64([Int64](repeating: 0, count: count)), Array(0..<count)) }
            return (.int64(ints), missing)
        case .float:
            if kind == .float { return (.float64(floats), []) }
            var out: [Double]
            if kind == .int { out = ints.map { Double($0) } } else { out = [Double](repeating: 0, count: count) }
            for r in missing { out[r] = .nan }
            return (.float64(out), [])
        case .bool:
            if kind == .bool { return (.bool(bools), missing) }
            return (.bool([Bool](repeating: false, count: count)), Array(0..<count))
        case .empty, .string:
            preconditionFailure("strings are collected by StringCollector")
        }
    }
}

/// Pass one over a chunk: one builder per column.
struct InferenceSink: FieldSink {
    let buf: UnsafeBufferPointer<UInt8>
    let expected: Int
    var builders: [ColumnBuilder]
    var rows = 0

    @inline(__always)
    mutating func field(_ field: Int, _ start: Int, _ end: Int, quoted: Bool, escaped: Bool) {
        guard field < expected else { return }
        builders[field].add(buf, start, end, escaped: escaped)
    }

    mutating func endRow(fields: Int, rowStart: Int) throws {
        guard fields == expected else { throw ParseFailure.ragged(offset: rowStart, expected: expected, got: fields) }
        rows += 1
    }
}

/// Pass two over a chunk, only for columns that turned out to hold strings.
struct StringCollector: FieldSink {
    let tokenizer: CSVTokenizer
    /// For each column, its slot in `strings`, or -1 when it is not a string column.
    let slots: [Int]
    var strings: [[String]]
    var missing: [[Int]]
    var row = 0

    mutating func field(_ field: Int, _ start: Int, _ end: Int, quoted: Bool, escaped: Bool) {
        guard field < slots.count else { return }
        let slot = slots[field]
        guard slot >= 0 else { return }
        if !escaped && NumberParsing.isNA(tokenizer.buf, start, end) {
            missing[slot].append(row)
            strings[slot].append("")
        } else {
            strings[slot].append(tokenizer.string(start, end, escaped: escaped))
        }
    }

    mutating func endRow(fields: Int, rowStart: Int) throws { row += 1 }
}

/// The header row's fields as text.
struct HeaderSink: FieldSink {
    let tokenizer: CSVTokenizer
    var names: [String] = []
    mutating func field(_ field: Int, _ start: Int, _ end: Int, quoted: Bool, escaped: Bool) {
        names.append(tokenizer.string(start, end, escaped: escaped))
    }
    mutating func endRow(fields: Int, rowStart: Int) throws {}
}

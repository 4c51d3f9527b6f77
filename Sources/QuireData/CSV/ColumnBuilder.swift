import QuireSupport

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

/// Spellings that read as missing beyond pandas' defaults (`na_values`). As in pandas, a
/// spelling that is a number also matches the same number written otherwise (`-1` and `-1.0`).
final class MissingSpellings: Sendable {
    let words: Set<[UInt8]>
    let numbers: Set<Double>

    init(_ spellings: [String]) {
        words = Set(spellings.map { Array($0.utf8) })
        numbers = Set(spellings.compactMap { word -> Double? in
            let bytes = Array(word.utf8)
            return bytes.withUnsafeBufferPointer { NumberParsing.parseDouble($0, 0, $0.count) }
        }.filter { !$0.isNaN })
    }

    func matches(_ buf: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        if words.contains(Array(buf[s..<e])) { return true }
        guard !numbers.isEmpty, let v = NumberParsing.parseDouble(buf, s, e) else { return false }
        return numbers.contains(v)
    }
}

/// Collects one column's values of one chunk, inferring its type as it goes. String columns are
/// not collected here: the chunk is read again for them (see `StringCollector`), so numeric
/// columns never pay for strings.
///
/// Values go into buffers allocated once at `capacity` (an upper bound on the chunk's rows), so
/// the hot loop neither grows arrays nor checks their uniqueness; `release()` frees them.
struct ColumnBuilder {
    var kind: InferredKind = .empty
    var count = 0
    var ints: UnsafeMutablePointer<Int64>?
    var floats: UnsafeMutablePointer<Double>?
    var bools: UnsafeMutablePointer<Bool>?
    /// Rows (within the chunk) that are missing, for empty, int and bool columns.
    var missing: [Int] = []
    let capacity: Int
    /// This chunk's slots in the column's final array, when the reader made one for the kind it
    /// expects: values of that kind go straight there (no copy when chunks are joined). Not
    /// owned: `release()` leaves them.
    var sharedInts: UnsafeMutablePointer<Int64>?
    var sharedFloats: UnsafeMutablePointer<Double>?
    /// The column's `na_values`, if any.
    var extraMissing: MissingSpellings?

    init(capacity: Int) { self.capacity = capacity }

    @inline(__always)
    mutating func add(_ buf: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, escaped: Bool) {
        if let extra = extraMissing, kind != .string, !escaped, extra.matches(buf, s, e) {
            markMissing()
            count += 1
            return
        }
        switch kind {
        case .string:
            count += 1
            return
        case .int:
            if let v = NumberParsing.parseInt(buf, s, e) {
                ints![count] = v
                count += 1
                return
            }
        case .float:
            if let v = NumberParsing.parseDouble(buf, s, e) {
                floats![count] = v
                count += 1
                return
            }
        case .bool:
            if let v = NumberParsing.parseBool(buf, s, e) {
                bools![count] = v
                count += 1
                return
            }
        case .empty:
            break
        }
        addSlow(buf, s, e, escaped: escaped)
        count += 1
    }

    /// A value that does not fit the current kind: missing, or a wider kind.
    private mutating func addSlow(_ buf: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, escaped: Bool) {
        if escaped { becomeString(); return }
        if NumberParsing.isNA(buf, s, e) {
            markMissing()
            return
        }
        if kind == .empty || kind == .int, let v = NumberParsing.parseInt(buf, s, e) {
            if kind == .empty { start(.int) }
            ints![count] = v
        } else if kind <= .float, let v = NumberParsing.parseDouble(buf, s, e) {
            if kind != .float { start(.float) }
            floats![count] = v
        } else if kind == .empty, let v = NumberParsing.parseBool(buf, s, e) {
            start(.bool)
            bools![count] = v
        } else {
            becomeString()
        }
    }

    /// Records the value at `count` as missing.
    private mutating func markMissing() {
        switch kind {
        case .empty: missing.append(count)
        case .int: ints![count] = 0; missing.append(count)
        case .float: floats![count] = .nan
        case .bool: bools![count] = false; missing.append(count)
        case .string: break
        }
    }

    /// Moves from `empty` or `int` to `next`, converting the values kept so far.
    private mutating func start(_ next: InferredKind) {
        switch next {
        case .int:
            if let sharedInts {
                ints = sharedInts
            } else {
                ints = .allocate(capacity: capacity)
                FreshPages.prefault(ints, bytes: capacity * 8)
            }
            ints!.initialize(repeating: 0, count: count)
        case .float:
            if let sharedFloats {
                floats = sharedFloats
            } else {
                floats = .allocate(capacity: capacity)
                FreshPages.prefault(floats, bytes: capacity * 8)
            }
            if kind == .int, let ints {
                for i in 0..<count { floats![i] = Double(ints[i]) }
                for r in missing { floats![r] = .nan }
            } else {
                floats!.initialize(repeating: .nan, count: count)
            }
            if ints != sharedInts { ints?.deallocate() }
            ints = nil
            missing = []
        case .bool:
            bools = .allocate(capacity: capacity)
            bools!.initialize(repeating: false, count: count)
        default:
            break
        }
        kind = next
    }

    private mutating func becomeString() {
        release()
        kind = .string
    }

    /// Frees the buffers.
    mutating func release() {
        if ints != sharedInts { ints?.deallocate() }
        if floats != sharedFloats { floats?.deallocate() }
        bools?.deallocate()
        ints = nil
        floats = nil
        bools = nil
        missing = []
    }

    /// Writes this chunk's values as doubles (missing as NaN) at `out`.
    func writeDoubles(_ out: UnsafeMutablePointer<Double>) {
        switch kind {
        case .float: if out != floats { out.update(from: floats!, count: count) }
        case .int:
            for i in 0..<count { out[i] = Double(ints![i]) }
            for r in missing { out[r] = .nan }
        default: out.update(repeating: .nan, count: count)
        }
    }
}

/// Pass one over a chunk: one builder per column.
struct InferenceSink: FieldSink {
    let buf: UnsafeBufferPointer<UInt8>
    let expected: Int
    /// One builder per column, owned by this sink and freed by `CSVReader.assemble`.
    let builders: UnsafeMutablePointer<ColumnBuilder>
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
    /// Each slot's `na_values`, if any.
    let extraMissing: [MissingSpellings?]
    var strings: [[String]]
    var missing: [[Int]]
    var row = 0

    mutating func field(_ field: Int, _ start: Int, _ end: Int, quoted: Bool, escaped: Bool) {
        guard field < slots.count else { return }
        let slot = slots[field]
        guard slot >= 0 else { return }
        if !escaped && (NumberParsing.isNA(tokenizer.buf, start, end)
            || extraMissing[slot]?.matches(tokenizer.buf, start, end) == true) {
            missing[slot].append(row)
            strings[slot].append("")
        } else {
            strings[slot].append(tokenizer.string(start, end, escaped: escaped))
        }
    }

    mutating func endRow(fields: Int, rowStart: Int) throws { row += 1 }
}

/// Counts rows only: finds where the first `nrows` rows end.
struct RowCounter: FieldSink {
    mutating func field(_ field: Int, _ start: Int, _ end: Int, quoted: Bool, escaped: Bool) {}
    mutating func endRow(fields: Int, rowStart: Int) throws {}
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

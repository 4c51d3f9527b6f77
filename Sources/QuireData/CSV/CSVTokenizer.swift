import QuireSupport

/// Receives the fields of CSV rows as byte ranges of the buffer.
protocol FieldSink {
    /// Field `field` of the current row spans `start..<end`; `escaped` when it holds doubled quotes.
    mutating func field(_ field: Int, _ start: Int, _ end: Int, quoted: Bool, escaped: Bool)
    /// The current row ended with `fields` fields; it started at byte `rowStart`.
    mutating func endRow(fields: Int, rowStart: Int) throws
}

/// Splits bytes into rows and fields: quotes may hold separators, newlines and doubled quotes;
/// rows end with LF or CRLF; blank lines are skipped, as pandas skips them.
///
/// Unchecked Sendable: it only reads its buffer, which nobody writes while a parse runs.
struct CSVTokenizer: @unchecked Sendable {
    let buf: UnsafeBufferPointer<UInt8>
    let separator: UInt8
    /// Whether a double quote opens a quoted field; false reads quotes as text (QUOTE_NONE).
    let quoting: Bool
    /// True for the bytes that end an unquoted field: one table load per byte instead of three
    /// comparisons.
    private let ends: [Bool]

    init(buf: UnsafeBufferPointer<UInt8>, separator: UInt8, quoting: Bool = true) {
        self.buf = buf
        self.separator = separator
        self.quoting = quoting
        var ends = [Bool](repeating: false, count: 256)
        for b in [separator, Self.lf, Self.cr] { ends[Int(b)] = true }
        self.ends = ends
    }
    static let quote = UInt8(ascii: "\"")
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")

    /// Tokenizes `range`, at most `rowLimit` rows; returns the offset where it stopped.
    @discardableResult
    func run<Sink: FieldSink>(_ range: Range<Int>, rowLimit: Int = .max, into sink: inout Sink) throws -> Int {
        let end = range.upperBound
        var p = range.lowerBound
        var rows = 0
        while p < end && rows < rowLimit {
            if rows & 1023 == 0 { try Cancellation.check() }
            let b0 = buf[p]
            if b0 == Self.lf { p += 1; continue }
            if b0 == Self.cr && p + 1 < end && buf[p + 1] == Self.lf { p += 2; continue }
            let rowStart = p
            var field = 0
            while true {
                if quoting && p < end && buf[p] == Self.quote {
                    let open = p
                    let fs = p + 1
                    let escaped: Bool
                    (p, escaped) = try closingQuote(after: open, end: end)
                    sink.field(field, fs, p, quoted: true, escaped: escaped)
                    p += 1
                    // Text between a closing quote and the separator is dropped.
                    while p < end, buf[p] != separator, buf[p] != Self.lf, buf[p] != Self.cr { p += 1 }
                } else {
                    let fs = p
                    ends.withUnsafeBufferPointer { ends in
                        while p < end && !ends[Int(buf[p])] { p += 1 }
                    }
                    sink.field(field, fs, p, quoted: false, escaped: false)
                }
                field += 1
                guard p < end else { break }
                let b = buf[p]
                p += 1
                if b == separator { continue }
                if b == Self.cr && p < end && buf[p] == Self.lf { p += 1 }
                break
            }
            try sink.endRow(fields: field, rowStart: rowStart)
            rows += 1
        }
        return p
    }

    /// The closing quote of the quoted field opened at `open`, and whether the field has doubled
    /// quotes inside; an error when the quote is never closed before `end`.
    @inline(__always)
    private func closingQuote(after open: Int, end: Int) throws -> (Int, Bool) {
        let base = buf.baseAddress!
        var p = open + 1
        var escaped = false
        while true {
            guard p < end else { throw ParseFailure.unterminatedQuote(offset: open) }
            if base[p] == Self.quote {
                if p + 1 < end && base[p + 1] == Self.quote {
                    escaped = true
                    p += 2
                    continue
                }
                return (p, escaped)
            }
            p += 1
        }
    }

    /// The text of a field, with doubled quotes made single.
    func string(_ start: Int, _ end: Int, escaped: Bool) -> String {
        let bytes = UnsafeBufferPointer(rebasing: buf[start..<end])
        guard escaped else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        while i < end {
            out.append(buf[i])
            i += buf[i] == Self.quote ? 2 : 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension CSVTokenizer {
    /// Whether a number can be read straight from a field's bytes: the separator must not be a
    /// byte numbers are made of.
    var numbersEndAtSeparator: Bool {
        !(separator &- 48 < 10 || separator == UInt8(ascii: "-") || separator == UInt8(ascii: ".")
            || separator == UInt8(ascii: "+") || separator == Self.quote)
    }

    /// Pass one over a chunk, with parsing fused into tokenizing: a field of a column already
    /// known to hold ints (or floats) is read as a number while its bytes are scanned and stored
    /// at its row, and only a field that is not a plain number (`-12`, `3.25`) followed by a
    /// separator or line end takes the general path (the sink's `field`, as `run` calls it),
    /// which gives the same values, kinds and errors.
    func runColumns(_ range: Range<Int>, into sink: inout InferenceSink) throws {
        // A chunk that ends with a line end (all but a file's last line without one) stops
        // every scan for a number's bytes by itself: those scans then skip the bounds check.
        if let last = range.last, buf[last] == Self.lf || buf[last] == Self.cr {
            try runColumns(range, into: &sink, UncheckedScan.self)
        } else {
            try runColumns(range, into: &sink, CheckedScan.self)
        }
    }

    private func runColumns<Bounds: ScanBounds>(_ range: Range<Int>, into sink: inout InferenceSink, _: Bounds.Type) throws {
        let end = range.upperBound
        var p = range.lowerBound
        var rows = 0
        let base = buf.baseAddress!
        let sep = separator
        let lf = Self.lf, cr = Self.cr, minus = UInt8(ascii: "-"), dot = UInt8(ascii: ".")
        let expected = sink.expected
        let builders = sink.builders
        let fast = numbersEndAtSeparator
        // Per column, how its next field is read (0: the general path; an int or a float of
        // at most this many digits: ints of 18 cannot overflow, floats of 15 are exact) and
        // where its values go; slot `expected` (fields past the header's) is always 0.
        let intMode = UInt8(NumberParsing.safeDigits), floatMode: UInt8 = 15
        let plan = UnsafeMutablePointer<UInt8>.allocate(capacity: expected + 1)
        plan.initialize(repeating: 0, count: expected + 1)
        let slots = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: expected + 1)
        slots.initialize(repeating: nil, count: expected + 1)
        defer {
            plan.deallocate()
            slots.deallocate()
        }
        func refresh(_ j: Int) {
            let builder = builders[j]
            plan[j] = 0
            guard fast && builder.extraMissing == nil else { return }
            if builder.kind == .int, let ints = builder.ints {
                plan[j] = intMode
                slots[j] = UnsafeMutableRawPointer(ints)
            } else if builder.kind == .float, let floats = builder.floats {
                plan[j] = floatMode
                slots[j] = UnsafeMutableRawPointer(floats)
            }
        }
        for j in 0..<expected { refresh(j) }
        // Local copies of the tables: the loop below then runs in this function's frame, its
        // position in a register (a closure would keep it in memory).
        let ends = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
        for b in 0..<256 { ends[b] = self.ends[b] }
        let powers = UnsafeMutablePointer<Double>.allocate(capacity: NumberParsing.exactPowers.count)
        for (k, power) in NumberParsing.exactPowers.enumerated() { powers[k] = power }
        defer {
            ends.deallocate()
            powers.deallocate()
        }
        while p < end {
            if rows & 1023 == 0 { try Cancellation.check() }
            let b0 = base[p]
            if b0 == lf { p += 1; continue }
            if b0 == cr && p + 1 < end && base[p + 1] == lf { p += 2; continue }
            let rowStart = p
            var field = 0
            while true {
                let mode = plan[field < expected ? field : expected]
                if mode != 0 && p < end {
                    var q = p
                    let negative = base[q] == minus
                    if negative { q &+= 1 }
                    let digitsStart = q
                    var mantissa: UInt64 = 0
                    while !Bounds.checked || q < end {
                        let d = base[q] &- 48
                        if d >= 10 { break }
                        mantissa = mantissa &* 10 &+ UInt64(d)
                        q &+= 1
                    }
                    var digits = q &- digitsStart
                    var fraction = 0
                    if mode == floatMode && (!Bounds.checked || q < end) && base[q] == dot {
                        q &+= 1
                        let fractionStart = q
                        while !Bounds.checked || q < end {
                            let d = base[q] &- 48
                            if d >= 10 { break }
                            mantissa = mantissa &* 10 &+ UInt64(d)
                            q &+= 1
                        }
                        fraction = q &- fractionStart
                        digits &+= fraction
                    }
                    // The field must end right after the number; the end of the range
                    // ends the row.
                    let next = !Bounds.checked || q < end ? base[q] : lf
                    // A float's exact mantissa divided by an exact power of ten rounds
                    // once, as strtod does (Clinger's fast path).
                    if digits > 0 && digits <= Int(mode) && ends[Int(next)] {
                        let slot = slots[field].unsafelyUnwrapped
                        if mode == intMode {
                            let v = Int64(bitPattern: mantissa)
                            slot.storeBytes(of: negative ? 0 &- v : v, toByteOffset: rows &* 8, as: Int64.self)
                        } else {
                            var v = Double(mantissa)
                            if fraction > 0 { v = v / powers[fraction] }
                            slot.storeBytes(of: negative ? -v : v, toByteOffset: rows &* 8, as: Double.self)
                        }
                        field &+= 1
                        p = q
                        guard p < end else { break }
                        p &+= 1
                        if next == sep { continue }
                        if next == cr && p < end && base[p] == lf { p += 1 }
                        break
                    }
                }
                // The general path; the builder counts this row's value in.
                if field < expected { builders[field].count = rows }
                if quoting && p < end && base[p] == Self.quote {
                    let open = p
                    let fs = p + 1
                    let escaped: Bool
                    (p, escaped) = try closingQuote(after: open, end: end)
                    sink.field(field, fs, p, quoted: true, escaped: escaped)
                    p += 1
                    // Text between a closing quote and the separator is dropped.
                    while p < end, base[p] != sep, base[p] != lf, base[p] != cr { p += 1 }
                } else {
                    let fs = p
                    while p < end && !ends[Int(base[p])] { p += 1 }
                    sink.field(field, fs, p, quoted: false, escaped: false)
                }
                if field < expected { refresh(field) }
                field += 1
                guard p < end else { break }
                let b = base[p]
                p += 1
                if b == sep { continue }
                if b == cr && p < end && base[p] == lf { p += 1 }
                break
            }
            try sink.endRow(fields: field, rowStart: rowStart)
            rows += 1
        }
        // The fast path stored values without counting them: every column holds `rows` values.
        for j in 0..<expected { builders[j].count = rows }
    }
}

/// Whether `runColumns` checks the chunk's end while scanning a number's bytes.
protocol ScanBounds { static var checked: Bool { get } }
enum CheckedScan: ScanBounds { static var checked: Bool { true } }
enum UncheckedScan: ScanBounds { static var checked: Bool { false } }

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
                    p += 1
                    let fs = p
                    var escaped = false
                    while true {
                        guard p < end else { throw ParseFailure.unterminatedQuote(offset: open) }
                        if buf[p] == Self.quote {
                            if p + 1 < end && buf[p + 1] == Self.quote {
                                escaped = true
                                p += 2
                                continue
                            }
                            break
                        }
                        p += 1
                    }
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

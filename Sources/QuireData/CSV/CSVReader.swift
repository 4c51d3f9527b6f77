import Dispatch
import Foundation

/// How to read a CSV file; the defaults are pandas' `read_csv` defaults.
public struct CSVOptions: Sendable {
    /// The field separator, one ASCII byte.
    public var separator: UInt8 = UInt8(ascii: ",")
    /// Whether the first row holds the column names.
    public var hasHeader = true
    /// Column names to use (with `hasHeader` false: the file has none; with true: they replace it).
    public var names: [String]?
    /// Whether large files are parsed on several threads.
    public var parallel = true

    public init(separator: UInt8 = UInt8(ascii: ","), hasHeader: Bool = true, names: [String]? = nil) {
        self.separator = separator
        self.hasHeader = hasHeader
        self.names = names
    }
}

/// Reads CSV files into DataFrames, parsing bytes (no String per numeric field), inferring
/// column types as pandas does, and using every core on large files.
public enum CSVReader {
    /// Files smaller than this are parsed on one thread: starting threads costs more.
    static let parallelThreshold = 1 << 20

    /// Reads the file at `path` (gzip-compressed when it starts with gzip's magic bytes).
    public static func read(path: String, options: CSVOptions = CSVOptions()) throws -> DataFrame {
        let bytes = try FileBytes.load(path: path)
        return try bytes.withUnsafeBufferPointer { try parse($0, path: path, options: options) }
    }

    /// Parses CSV text held in memory; `path` names it in errors.
    public static func parse(_ text: String, path: String = "<string>", options: CSVOptions = CSVOptions()) throws -> DataFrame {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { try parse($0, path: path, options: options) }
    }

    static func parse(_ all: UnsafeBufferPointer<UInt8>, path: String, options: CSVOptions) throws -> DataFrame {
        if let bad = UTF8Check.firstInvalid(all) {
            let (line, column) = lineAndColumn(all, bad)
            throw CSVError.invalidUTF8(path: path, line: line, column: column, byte: all[bad])
        }
        let tokenizer = CSVTokenizer(buf: all, separator: options.separator)
        let hasBOM = all.count >= 3 && all[0] == 0xEF && all[1] == 0xBB && all[2] == 0xBF
        var dataStart = hasBOM ? 3 : 0
        do {
            var header = HeaderSink(tokenizer: tokenizer)
            let afterHeader = try tokenizer.run(dataStart..<all.count, rowLimit: 1, into: &header)
            guard !header.names.isEmpty || options.names != nil else { throw CSVError.empty(path: path) }
            var names: [String]
            if options.hasHeader {
                names = header.names
                dataStart = afterHeader
            } else {
                names = (0..<header.names.count).map(String.init)
            }
            if let given = options.names { names = given }
            names = uniqueNames(names)
            let columns = try parseRows(tokenizer, dataStart..<all.count, fieldCount: names.count, parallel: options.parallel)
            return DataFrame(names: names, columns: columns)
        } catch let failure as ParseFailure {
            let (line, column) = lineAndColumn(all, failure.offset)
            switch failure {
            case .ragged(_, let expected, let got):
                throw CSVError.raggedRow(path: path, line: line, column: column, expected: expected, got: got)
            case .unterminatedQuote:
                throw CSVError.unterminatedQuote(path: path, line: line, column: column)
            }
        }
    }

    /// pandas' names for blank and repeated headers: `Unnamed: 3`, `a.1`.
    static func uniqueNames(_ names: [String]) -> [String] {
        var seen: [String: Int] = [:]
        var out: [String] = []
        for (i, raw) in names.enumerated() {
            var name = raw.isEmpty ? "Unnamed: \(i)" : raw
            if let n = seen[name] {
                var k = n
                while seen[name + ".\(k)"] != nil { k += 1 }
                seen[name] = k + 1
                name += ".\(k)"
            }
            seen[name] = 1
            out.append(name)
        }
        return out
    }

    /// Splits `range` at row boundaries (outside quotes) into up to `parts` pieces.
    static func chunks(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, parts: Int) -> [Range<Int>] {
        guard parts > 1, range.count >= parallelThreshold else { return [range] }
        var bounds = [range.lowerBound]
        var p = range.lowerBound
        var inQuotes = false
        for k in 1..<parts {
            let target = range.lowerBound + range.count * k / parts
            while p < target {
                if buf[p] == CSVTokenizer.quote { inQuotes.toggle() }
                p += 1
            }
            while p < range.upperBound {
                let b = buf[p]
                p += 1
                if b == CSVTokenizer.quote { inQuotes.toggle() } else if b == CSVTokenizer.lf && !inQuotes { break }
            }
            if p > bounds.last! && p < range.upperBound { bounds.append(p) }
        }
        bounds.append(range.upperBound)
        return zip(bounds, bounds.dropFirst()).map { $0..<$1 }
    }

    static func parseRows(_ tokenizer: CSVTokenizer, _ range: Range<Int>, fieldCount: Int, parallel: Bool) throws -> [Column] {
        let parts = parallel ? ProcessInfo.processInfo.activeProcessorCount : 1
        let pieces = chunks(tokenizer.buf, range, parts: parts)
        let results = ChunkResults(count: pieces.count)
        let work: @Sendable (Int) -> Void = { i in
            let piece = pieces[i]
            let estimate = estimateRows(tokenizer.buf, piece)
            var sink = InferenceSink(
                buf: tokenizer.buf, expected: fieldCount,
                builders: Array(repeating: ColumnBuilder(capacity: estimate), count: fieldCount))
            do {
                try tokenizer.run(piece, into: &sink)
                results.set(i, .success(sink))
            } catch {
                results.set(i, .failure(error))
            }
        }
        if pieces.count == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: pieces.count, execute: work) }
        var sinks: [InferenceSink] = []
        for r in results.take() { sinks.append(try r.get()) }
        return try assemble(tokenizer, pieces, &sinks, fieldCount: fieldCount)
    }

    /// An upper bound on a chunk's rows: its newlines plus one.
    static func estimateRows(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var n = 1
        for i in range where buf[i] == CSVTokenizer.lf { n += 1 }
        return n
    }

    /// Joins the chunks column by column, re-reading chunks for string columns.
    static func assemble(
        _ tokenizer: CSVTokenizer, _ pieces: [Range<Int>], _ sinks: inout [InferenceSink], fieldCount: Int
    ) throws -> [Column] {
        var kinds = [InferredKind](repeating: .empty, count: fieldCount)
        for sink in sinks {
            for j in 0..<fieldCount { kinds[j] = kinds[j].merged(with: sink.builders[j].kind) }
        }
        let stringColumns = (0..<fieldCount).filter { kinds[$0] == .string || kinds[$0] == .empty }
        var strings = try collectStrings(tokenizer, pieces, stringColumns, fieldCount: fieldCount)
        var columns: [Column] = []
        for j in 0..<fieldCount {
            if let slot = stringColumns.firstIndex(of: j) {
                if kinds[j] == .empty {
                    columns.append(Column(float64: [Double](repeating: .nan, count: strings.values[slot].count)))
                } else {
                    columns.append(Column(string: strings.values[slot], validity: strings.validity(slot)))
                }
                strings.values[slot] = []
                continue
            }
            var parts: [(Column.Storage, missing: [Int])] = []
            for k in sinks.indices {
                parts.append(sinks[k].builders[j].values(as: kinds[j]))
                sinks[k].builders[j] = ColumnBuilder(capacity: 0)
            }
            columns.append(concatenate(parts, kind: kinds[j]))
        }
        return columns
    }

    static func collectStrings(
        _ tokenizer: CSVTokenizer, _ pieces: [Range<Int>], _ columns: [Int], fieldCount: Int
    ) throws -> (values: [[String]], missing: [[Int]], validity: (Int) -> Bitmap?) {
        guard !columns.isEmpty else { return ([], [], { _ in nil }) }
        var slots = [Int](repeating: -1, count: fieldCount)
        for (s, j) in columns.enumerated() { slots[j] = s }
        var sink = StringCollector(
            tokenizer: tokenizer, slots: slots,
            strings: Array(repeating: [], count: columns.count), missing: Array(repeating: [], count: columns.count))
        for piece in pieces { try tokenizer.run(piece, into: &sink) }
        let values = sink.strings, missing = sink.missing
        return (values, missing, { slot in
            guard !missing[slot].isEmpty else { return nil }
            var bits = Bitmap(count: values[slot].count)
            for r in missing[slot] { bits[r] = false }
            return bits
        })
    }

    /// One column from its chunks; an int column with missing values becomes float64, as in pandas.
    static func concatenate(_ parts: [(Column.Storage, missing: [Int])], kind: InferredKind) -> Column {
        var offsets: [Int] = []
        var total = 0
        var anyMissing = false
        for (storage, missing) in parts {
            offsets.append(total)
            total += Column(storage).count
            anyMissing = anyMissing || !missing.isEmpty
        }
        if parts.count == 1 && !anyMissing { return Column(parts[0].0) }
        switch kind {
        case .int where anyMissing:
            var out: [Double] = []
            out.reserveCapacity(total)
            for (k, (storage, missing)) in parts.enumerated() {
                if case .int64(let v) = storage { out.append(contentsOf: v.lazy.map { Double($0) }) }
                for r in missing { out[offsets[k] + r] = .nan }
            }
            return Column(float64: out)
        case .int:
            var out: [Int64] = []
            out.reserveCapacity(total)
            for (storage, _) in parts { if case .int64(let v) = storage { out.append(contentsOf: v) } }
            return Column(int64: out)
        case .float:
            var out: [Double] = []
            out.reserveCapacity(total)
            for (storage, _) in parts { if case .float64(let v) = storage { out.append(contentsOf: v) } }
            return Column(float64: out)
        default:
            var out: [Bool] = []
            out.reserveCapacity(total)
            var validity = Bitmap(count: total)
            for (k, (storage, missing)) in parts.enumerated() {
                if case .bool(let v) = storage { out.append(contentsOf: v) }
                for r in missing { validity[offsets[k] + r] = false }
            }
            return Column(.bool(out), validity: validity)
        }
    }
}

/// One slot per chunk, each written by exactly one worker of `concurrentPerform` and read only
/// after all have finished; the lock makes that hand-over safe.
final class ChunkResults: @unchecked Sendable {
    private var slots: [Result<InferenceSink, Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: Result<InferenceSink, Error>) {
        lock.lock()
        slots[i] = r
        lock.unlock()
    }

    func take() -> [Result<InferenceSink, Error>] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}

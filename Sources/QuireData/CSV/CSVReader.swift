import Dispatch
import Foundation
import QuireSupport

/// How to read a CSV file; the defaults are pandas' `read_csv` defaults.
public struct CSVOptions: Sendable {
    /// The field separator, one ASCII byte.
    public var separator: UInt8 = UInt8(ascii: ",")
    /// Whether the first row holds the column names.
    public var hasHeader = true
    /// Column names to use (with `hasHeader` false: the file has none; with true: they replace it).
    public var names: [String]?
    /// Whether double quotes enclose fields (pandas' default, `QUOTE_MINIMAL`); false reads them
    /// as text (`quoting=csv.QUOTE_NONE`).
    public var quoting = true
    /// Whether large files are parsed on several threads.
    public var parallel = true
    /// How many times its own size a gzip file may grow when decompressed: CSV files compress 5
    /// to 20 times, while a decompression bomb grows a thousand times.
    public var maxGzipRatio = CSVOptions.defaultMaxGzipRatio
    public static let defaultMaxGzipRatio = 100

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
        let bytes = try FileBytes.load(path: path, maxRatio: options.maxGzipRatio)
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
        let tokenizer = CSVTokenizer(buf: all, separator: options.separator, quoting: options.quoting)
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
    static func chunks(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, parts: Int, quoting: Bool = true) -> [Range<Int>] {
        guard parts > 1, range.count >= parallelThreshold else { return [range] }
        var bounds = [range.lowerBound]
        var p = range.lowerBound
        var inQuotes = false
        for k in 1..<parts {
            let target = range.lowerBound + range.count * k / parts
            while p < target {
                // A stopped read gives up splitting; the tokenizer then throws at its next check.
                if p & 0xFFFFF == 0 && Cancellation.isCancelled { return [range] }
                if quoting && buf[p] == CSVTokenizer.quote { inQuotes.toggle() }
                p += 1
            }
            while p < range.upperBound {
                let b = buf[p]
                p += 1
                if quoting && b == CSVTokenizer.quote { inQuotes.toggle() } else if b == CSVTokenizer.lf && !inQuotes { break }
            }
            if p > bounds.last! && p < range.upperBound { bounds.append(p) }
        }
        bounds.append(range.upperBound)
        return zip(bounds, bounds.dropFirst()).map { $0..<$1 }
    }

    static func parseRows(_ tokenizer: CSVTokenizer, _ range: Range<Int>, fieldCount: Int, parallel: Bool) throws -> [Column] {
        let parts = parallel ? ProcessInfo.processInfo.activeProcessorCount : 1
        let pieces = chunks(tokenizer.buf, range, parts: parts, quoting: tokenizer.quoting)
        let results = ParallelResults<InferenceSink>(count: pieces.count)
        let work: @Sendable (Int) -> Void = { i in
            let piece = pieces[i]
            let estimate = estimateRows(tokenizer.buf, piece)
            let builders = UnsafeMutablePointer<ColumnBuilder>.allocate(capacity: fieldCount)
            builders.initialize(repeating: ColumnBuilder(capacity: estimate), count: fieldCount)
            var sink = InferenceSink(buf: tokenizer.buf, expected: fieldCount, builders: builders)
            do {
                try tokenizer.run(piece, into: &sink)
                results.set(i, .success(sink))
            } catch {
                release(builders, fieldCount)
                results.set(i, .failure(error))
            }
        }
        Parallel.forEach(pieces.count, chunks: pieces.count) { i, _ in work(i) }
        try Cancellation.check()
        var sinks: [InferenceSink] = []
        var failure: Error?
        for r in results.take() {
            switch r {
            case .success(let sink): sinks.append(sink)
            case .failure(let e): failure = failure ?? e
            }
        }
        defer { for sink in sinks { release(sink.builders, fieldCount) } }
        if let failure { throw failure }
        return try assemble(tokenizer, pieces, sinks, fieldCount: fieldCount)
    }

    static func release(_ builders: UnsafeMutablePointer<ColumnBuilder>, _ count: Int) {
        for j in 0..<count { builders[j].release() }
        builders.deinitialize(count: count)
        builders.deallocate()
    }

    /// An upper bound on a chunk's rows: its line ends plus one. A CR not followed by LF ends
    /// a row too (the tokenizer reads old Mac files), so it counts as well.
    static func estimateRows(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var n = 1
        for i in range {
            let b = buf[i]
            // A lone CR ends a row too (old Mac files), so buffers are sized for those rows.
            if b == CSVTokenizer.lf || (b == CSVTokenizer.cr && (i + 1 == range.upperBound || buf[i + 1] != CSVTokenizer.lf)) {
                n += 1
                if n & 0xFFFF == 0 && Cancellation.isCancelled { return n }
            }
        }
        return n
    }

    /// Joins the chunks column by column, re-reading chunks for string columns; each column's
    /// chunk buffers are freed as soon as it is joined, so memory peaks near one copy.
    static func assemble(
        _ tokenizer: CSVTokenizer, _ pieces: [Range<Int>], _ sinks: [InferenceSink], fieldCount: Int
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
            columns.append(gather(sinks.map { $0.builders[j] }, kind: kinds[j]))
            for sink in sinks { sink.builders[j].release() }
        }
        return columns
    }

    /// One column from its chunks' builders; an int column with missing values becomes float64,
    /// as in pandas.
    static func gather(_ parts: [ColumnBuilder], kind: InferredKind) -> Column {
        let total = parts.reduce(0) { $0 + $1.count }
        let anyMissing = parts.contains { !$0.missing.isEmpty }
        switch kind {
        case .int where !anyMissing:
            return Column(int64: Array(unsafeUninitializedCapacity: total) { out, n in
                var offset = 0
                for p in parts {
                    (out.baseAddress! + offset).initialize(from: p.ints!, count: p.count)
                    offset += p.count
                }
                n = total
            })
        case .int, .float:
            return Column(float64: Array(unsafeUninitializedCapacity: total) { out, n in
                var offset = 0
                for p in parts {
                    (out.baseAddress! + offset).initialize(repeating: 0, count: p.count)
                    p.writeDoubles(out.baseAddress! + offset)
                    offset += p.count
                }
                n = total
            })
        default:
            var values: [Bool] = []
            values.reserveCapacity(total)
            var validity = Bitmap(count: total)
            var offset = 0
            for p in parts {
                if p.kind == .bool {
                    values.append(contentsOf: UnsafeBufferPointer(start: p.bools!, count: p.count))
                } else {
                    values.append(contentsOf: repeatElement(false, count: p.count))
                }
                for r in (p.kind == .bool ? p.missing : Array(0..<p.count)) { validity[offset + r] = false }
                offset += p.count
            }
            return Column(.bool(values), validity: validity)
        }
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

}

/// One result slot per task of `concurrentPerform`, each written by exactly one task and read
/// after all have finished; the lock makes that hand-over safe.
final class ParallelResults<T>: @unchecked Sendable {
    private var slots: [Result<T, Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: Result<T, Error>) {
        lock.lock()
        slots[i] = r
        lock.unlock()
    }

    func take() -> [Result<T, Error>] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }

    /// The values, when every slot holds one (a loop stopped by Ctrl-C skips tasks): nil otherwise.
    func values() -> [T]? {
        lock.lock()
        defer { lock.unlock() }
        var out: [T] = []
        out.reserveCapacity(slots.count)
        for slot in slots {
            guard case .success(let v)? = slot else { return nil }
            out.append(v)
        }
        return out
    }
}

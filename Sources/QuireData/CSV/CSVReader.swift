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
    /// Which columns to keep (pandas' `usecols`), by name or 0-based position; kept in file order.
    public var usecols: UseColumns?
    /// Read at most this many data rows (pandas' `nrows`).
    public var nrows: Int?
    /// Lines at the start of the file to skip before the header (pandas' `skiprows=n`), blank
    /// lines included.
    public var skiprows = 0
    /// More fields that read as missing, in every column (pandas' `na_values` list), added to
    /// the defaults.
    public var naValues: [String] = []
    /// More missing spellings for single columns (pandas' `na_values` dict).
    public var naValuesByColumn: [String: [String]] = [:]
    /// How the file's bytes are text.
    public var encoding = CSVEncoding.utf8

    public init(separator: UInt8 = UInt8(ascii: ","), hasHeader: Bool = true, names: [String]? = nil) {
        self.separator = separator
        self.hasHeader = hasHeader
        self.names = names
    }
}

/// Columns to keep: pandas' `usecols`.
public enum UseColumns: Sendable, Equatable {
    case names([String])
    case positions([Int])
}

/// The text encodings `read_csv` knows: UTF-8 (a byte order mark is skipped) and Latin-1
/// (ISO-8859-1: every byte is one character).
public enum CSVEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case latin1 = "latin-1"
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
        if options.encoding == .latin1, all.contains(where: { $0 >= 0x80 }) {
            var utf8Options = options
            utf8Options.encoding = .utf8
            let text = latin1ToUTF8(all)
            return try text.withUnsafeBufferPointer { try parse($0, path: path, options: utf8Options) }
        }
        let checkUTF8 = options.encoding == .utf8
        let tokenizer = CSVTokenizer(buf: all, separator: options.separator, quoting: options.quoting)
        let hasBOM = all.count >= 3 && all[0] == 0xEF && all[1] == 0xBB && all[2] == 0xBF
        var dataStart = skipLines(all, from: hasBOM ? 3 : 0, count: options.skiprows)
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
            // The data rows are checked chunk by chunk, in parallel, as they are parsed.
            if checkUTF8, let bad = UTF8Check.firstInvalid(UnsafeBufferPointer(rebasing: all[0..<dataStart])) {
                throw ParseFailure.invalidUTF8(offset: bad)
            }
            let kept = try keptColumns(options.usecols, names: names, path: path)
            let na = try missingSpellings(options, names: names, path: path)
            var dataEnd = all.count
            if let limit = options.nrows {
                var counter = RowCounter()
                dataEnd = try tokenizer.run(dataStart..<all.count, rowLimit: limit, into: &counter)
            }
            let columns = try parseRows(
                tokenizer, dataStart..<max(dataStart, dataEnd), fieldCount: names.count, kept: kept, na: na,
                checkUTF8: checkUTF8, parallel: options.parallel)
            return DataFrame(names: kept.map { names[$0] }, columns: columns)
        } catch let failure as ParseFailure {
            let (line, column) = lineAndColumn(all, failure.offset)
            switch failure {
            case .ragged(_, let expected, let got):
                throw CSVError.raggedRow(path: path, line: line, column: column, expected: expected, got: got)
            case .unterminatedQuote:
                throw CSVError.unterminatedQuote(path: path, line: line, column: column)
            case .invalidUTF8(let offset):
                throw CSVError.invalidUTF8(path: path, line: line, column: column, byte: all[offset])
            }
        }
    }

    /// Latin-1 bytes as UTF-8: each byte is the code point of the same number.
    static func latin1ToUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 {
                out.append(b)
            } else {
                out.append(0xC0 | (b >> 6))
                out.append(0x80 | (b & 0x3F))
            }
        }
        return out
    }

    /// The offset after `count` lines (each ended by LF) from `start`: pandas' `skiprows=n`.
    static func skipLines(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, count: Int) -> Int {
        var p = start
        var left = count
        while left > 0 && p < buf.count {
            if buf[p] == CSVTokenizer.lf { left -= 1 }
            p += 1
        }
        return left > 0 ? buf.count : p
    }

    /// The positions of the columns `usecols` keeps, ascending (pandas keeps file order).
    static func keptColumns(_ usecols: UseColumns?, names: [String], path: String) throws -> [Int] {
        switch usecols {
        case nil:
            return Array(names.indices)
        case .names(let wanted)?:
            let missing = wanted.filter { !names.contains($0) }
            guard missing.isEmpty else { throw CSVError.unknownColumns(path: path, option: "usecols", names: missing, available: names) }
            return names.indices.filter { wanted.contains(names[$0]) }
        case .positions(let wanted)?:
            let outside = wanted.filter { $0 < 0 || $0 >= names.count }
            guard outside.isEmpty else { throw CSVError.positionsOutOfRange(path: path, positions: outside, count: names.count) }
            return names.indices.filter { wanted.contains($0) }
        }
    }

    /// The extra missing spellings of each column (nil where there are none).
    static func missingSpellings(_ options: CSVOptions, names: [String], path: String) throws -> [MissingSpellings?] {
        for key in options.naValuesByColumn.keys.sorted() where !names.contains(key) {
            throw CSVError.unknownColumns(path: path, option: "na_values", names: [key], available: names)
        }
        return names.map { name in
            let words = options.naValues + (options.naValuesByColumn[name] ?? [])
            return words.isEmpty ? nil : MissingSpellings(words)
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
            if p < target {
                // Quotes are rare: jump from one to the next (memchr scans many bytes per step).
                if quoting {
                    let base = buf.baseAddress!
                    var seen = 0
                    while let q = memchr(base + p, Int32(CSVTokenizer.quote), target - p) {
                        seen += 1
                        if seen & 0xFFFF == 0 && Cancellation.isCancelled { return [range] }
                        inQuotes.toggle()
                        p = base.distance(to: q.assumingMemoryBound(to: UInt8.self)) + 1
                    }
                }
                p = target
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

    static func parseRows(
        _ tokenizer: CSVTokenizer, _ range: Range<Int>, fieldCount: Int, kept: [Int]? = nil,
        na: [MissingSpellings?]? = nil, checkUTF8: Bool = false, parallel: Bool
    ) throws -> [Column] {
        let kept = kept ?? Array(0..<fieldCount)
        let keptSet = Set(kept)
        let skipped = (0..<fieldCount).map { !keptSet.contains($0) }
        let parts = parallel ? ProcessInfo.processInfo.activeProcessorCount : 1
        let pieces = chunks(tokenizer.buf, range, parts: parts, quoting: tokenizer.quoting)
        // Step one, on every core: each chunk's bound on its rows, and the UTF-8 check where
        // a chunk is not all ASCII.
        let counted = ParallelResults<Int>(count: pieces.count)
        Parallel.forEach(pieces.count, chunks: pieces.count) { i, _ in
            let piece = pieces[i]
            let (rows, ascii) = rowBound(tokenizer.buf, piece)
            if checkUTF8 && !ascii, let bad = UTF8Check.firstInvalid(UnsafeBufferPointer(rebasing: tokenizer.buf[piece])) {
                counted.set(i, .failure(ParseFailure.invalidUTF8(offset: piece.lowerBound + bad)))
            } else {
                counted.set(i, .success(rows))
            }
        }
        try Cancellation.check()
        var bounds: [Int] = []
        var firstInvalid: Int?
        for r in counted.take() {
            switch r {
            case .success(let n): bounds.append(n)
            case .failure(ParseFailure.invalidUTF8(let offset)): firstInvalid = min(firstInvalid ?? offset, offset)
            case .failure: break
            }
        }
        // A byte that is not UTF-8 is reported first, wherever it is, as when the whole file was
        // checked before parsing.
        if let firstInvalid { throw ParseFailure.invalidUTF8(offset: firstInvalid) }
        var starts: [Int] = []
        var sum = 0
        for n in bounds {
            starts.append(sum)
            sum += n
        }
        let offsets = starts, total = sum, rowBounds = bounds
        // Columns whose first rows hold ints or floats get their final arrays now, each chunk
        // writing its rows at its offset: no copy when the chunks are joined.
        let arrays = ColumnArrays(count: fieldCount)
        let guesses = sniffKinds(tokenizer, pieces.first ?? range, fieldCount: fieldCount, skipped: skipped, na: na)
        let guessed = (0..<fieldCount).filter { guesses[$0] == .int || guesses[$0] == .float }
        if total > 0 {
            Parallel.forEach(guessed.count, chunks: guessed.count) { k, _ in
                arrays.make(guessed[k], kind: guesses[guessed[k]], rows: total)
            }
        }
        try Cancellation.check()
        let results = ParallelResults<InferenceSink>(count: pieces.count)
        let work: @Sendable (Int) -> Void = { i in
            let piece = pieces[i]
            let builders = UnsafeMutablePointer<ColumnBuilder>.allocate(capacity: fieldCount)
            builders.initialize(repeating: ColumnBuilder(capacity: rowBounds[i]), count: fieldCount)
            for j in 0..<fieldCount {
                // A column usecols drops is a "string" column that is never collected: no parsing.
                if skipped[j] { builders[j].kind = .string }
                builders[j].extraMissing = na?[j]
                builders[j].sharedInts = arrays.intBases[j].map { $0 + offsets[i] }
                builders[j].sharedFloats = arrays.floatBases[j].map { $0 + offsets[i] }
            }
            var sink = InferenceSink(buf: tokenizer.buf, expected: fieldCount, builders: builders)
            do {
                try tokenizer.runColumns(piece, into: &sink)
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
        return try assemble(tokenizer, pieces, sinks, fieldCount: fieldCount, kept: kept, na: na, arrays: arrays, offsets: offsets)
    }

    /// The kinds the first rows of `piece` suggest for each column, to give int and float
    /// columns their final arrays before parsing (a wrong guess only costs a copy). Errors are
    /// left to the real pass.
    static func sniffKinds(
        _ tokenizer: CSVTokenizer, _ piece: Range<Int>, fieldCount: Int, skipped: [Bool], na: [MissingSpellings?]?
    ) -> [InferredKind] {
        let rows = 256
        let builders = UnsafeMutablePointer<ColumnBuilder>.allocate(capacity: fieldCount)
        builders.initialize(repeating: ColumnBuilder(capacity: rows), count: fieldCount)
        defer { release(builders, fieldCount) }
        for j in 0..<fieldCount {
            if skipped[j] { builders[j].kind = .string }
            builders[j].extraMissing = na?[j]
        }
        var sink = InferenceSink(buf: tokenizer.buf, expected: fieldCount, builders: builders)
        guard (try? tokenizer.run(piece, rowLimit: rows, into: &sink)) != nil else {
            return Array(repeating: .string, count: fieldCount)
        }
        // An int column with missing values ends as float64, as in pandas.
        return (0..<fieldCount).map { j in
            builders[j].kind == .int && !builders[j].missing.isEmpty ? .float : builders[j].kind
        }
    }

    /// An upper bound on a chunk's rows, exact when every row ends with one LF, CRLF or CR: its
    /// line ends (a CRLF counted once) plus one when it does not end with one; and whether
    /// every byte is ASCII (then the UTF-8 check has nothing to do). LFs are counted sixteen
    /// bytes at a time and CRs only looked for; a chunk with a CR is counted again by
    /// `rowBoundWithCR`.
    static func rowBound(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (rows: Int, ascii: Bool) {
        guard !range.isEmpty else { return (0, true) }
        var n = 0
        var sawCR: UInt64 = 0, high: UInt64 = 0
        var i = range.lowerBound
        let base = UnsafeRawPointer(buf.baseAddress!)
        // Sixteen bytes at a time in vector registers: LFs counted in sixteen byte-wide lanes
        // (emptied before any reaches 256), CRs and bytes beyond ASCII only noted.
        let zero = SIMD16<UInt8>(repeating: 0), one = SIMD16<UInt8>(repeating: 1)
        let lfs = SIMD16<UInt8>(repeating: CSVTokenizer.lf), crs = SIMD16<UInt8>(repeating: CSVTokenizer.cr)
        var lanes = zero, crLanes = zero, highLanes = zero
        var steps = 0, flushes = 0
        while i + 16 <= range.upperBound {
            let v = base.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
            highLanes |= v
            lanes &+= zero.replacing(with: one, where: v .== lfs)
            crLanes |= zero.replacing(with: one, where: v .== crs)
            i += 16
            steps += 1
            if steps == 255 {
                for k in 0..<16 { n += Int(lanes[k]) }
                lanes = zero
                steps = 0
                flushes += 1
                if flushes & 0xFF == 0 && Cancellation.isCancelled { return (n, true) }
            }
        }
        for k in 0..<16 {
            n += Int(lanes[k])
            sawCR |= UInt64(crLanes[k]) << 7
            high |= UInt64(highLanes[k])
        }
        while i < range.upperBound {
            let b = buf[i]
            high |= UInt64(b)
            if b == CSVTokenizer.lf { n += 1 }
            if b == CSVTokenizer.cr { sawCR = 0x80 }
            i += 1
        }
        let ascii = high & 0x8080_8080_8080_8080 == 0
        if sawCR & 0x8080_8080_8080_8080 != 0 { return (rowBoundWithCR(buf, range), ascii) }
        let last = buf[range.upperBound - 1]
        if last != CSVTokenizer.lf { n += 1 }
        return (n, ascii)
    }

    /// `rowBound`'s count for a chunk holding CRs: LFs and CRs, an LF right after a CR not
    /// counted, plus one when the chunk does not end with a line end.
    static func rowBoundWithCR(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var n = 0
        var afterCR = false
        for i in range {
            let b = buf[i]
            if b == CSVTokenizer.lf && !afterCR { n += 1 }
            if b == CSVTokenizer.cr { n += 1 }
            afterCR = b == CSVTokenizer.cr
            if i & 0xFFFFF == 0 && Cancellation.isCancelled { return n }
        }
        let last = buf[range.upperBound - 1]
        if last != CSVTokenizer.lf && last != CSVTokenizer.cr { n += 1 }
        return n
    }

    static func release(_ builders: UnsafeMutablePointer<ColumnBuilder>, _ count: Int) {
        for j in 0..<count { builders[j].release() }
        builders.deinitialize(count: count)
        builders.deallocate()
    }

    /// An upper bound on a chunk's rows: its line ends plus one. A CR not followed by LF ends
    /// a row too (the tokenizer reads old Mac files), so it counts as well.
    static func estimateRows(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        // LFs plus CRs (CRLF counts twice: still a bound), eight bytes at a time.
        var n = 1
        var i = range.lowerBound
        let base = UnsafeRawPointer(buf.baseAddress!)
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let lfs: UInt64 = 0x0A0A_0A0A_0A0A_0A0A, crs: UInt64 = 0x0D0D_0D0D_0D0D_0D0D
        while i + 8 <= range.upperBound {
            let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // The high bit of each byte of `zeroBytes(x)` is set exactly where x has a zero byte.
            let x = w ^ lfs, y = w ^ crs
            let zx = ~(((x & low7) &+ low7) | x | low7)
            let zy = ~(((y & low7) &+ low7) | y | low7)
            // One in the low bit of each matching byte, summed into the top byte by a multiply
            // (no popcnt instruction on the baseline x86-64 target).
            n += Int((((zx >> 7) &+ (zy >> 7)) &* 0x0101_0101_0101_0101) >> 56)
            i += 8
            if i & 0xFFFFF == 0 && Cancellation.isCancelled { return n }
        }
        while i < range.upperBound {
            if buf[i] == CSVTokenizer.lf || buf[i] == CSVTokenizer.cr { n += 1 }
            i += 1
        }
        return n
    }

    /// Joins the chunks column by column, re-reading chunks for string columns; each column's
    /// chunk buffers are freed as soon as it is joined, so memory peaks near one copy.
    static func assemble(
        _ tokenizer: CSVTokenizer, _ pieces: [Range<Int>], _ sinks: [InferenceSink], fieldCount: Int,
        kept: [Int], na: [MissingSpellings?]?, arrays: ColumnArrays? = nil, offsets: [Int] = []
    ) throws -> [Column] {
        var kinds = [InferredKind](repeating: .empty, count: fieldCount)
        for sink in sinks {
            for j in 0..<fieldCount { kinds[j] = kinds[j].merged(with: sink.builders[j].kind) }
        }
        let stringColumns = kept.filter { kinds[$0] == .string || kinds[$0] == .empty }
        var strings = try collectStrings(tokenizer, pieces, stringColumns, fieldCount: fieldCount, na: na)
        // Numeric columns are joined on every core, each freeing its chunks' buffers when done.
        let numeric = kept.filter { !stringColumns.contains($0) }
        let joined = ParallelResults<Column>(count: numeric.count)
        let shared = SharedSinks(sinks)
        let finalKinds = kinds
        Parallel.forEach(numeric.count, chunks: numeric.count) { k, _ in
            let j = numeric[k]
            let parts = shared.sinks.map { $0.builders[j] }
            let inPlace = arrays.flatMap { finishInPlace($0, j, parts, kind: finalKinds[j], offsets: offsets) }
            joined.set(k, .success(inPlace ?? gather(parts, kind: finalKinds[j])))
            for sink in shared.sinks { sink.builders[j].release() }
        }
        try Cancellation.check()
        // Tasks are skipped only after a stop, which the check above has thrown.
        guard let numericColumns = joined.values() else { throw Cancelled(.interrupt) }
        var columns: [Column] = []
        for j in kept {
            if let k = numeric.firstIndex(of: j) {
                columns.append(numericColumns[k])
                continue
            }
            if let slot = stringColumns.firstIndex(of: j) {
                if kinds[j] == .empty {
                    columns.append(Column(float64: [Double](repeating: .nan, count: strings.values[slot].count)))
                } else {
                    columns.append(Column(string: strings.values[slot], validity: strings.validity(slot)))
                }
                strings.values[slot] = []
            }
        }
        return columns
    }

    /// The column whose chunks were parsed into its final array, moved together when some chunk
    /// held fewer rows than its bound; nil when the kinds did not go as guessed (then `gather`
    /// copies).
    static func finishInPlace(_ arrays: ColumnArrays, _ j: Int, _ parts: [ColumnBuilder], kind: InferredKind, offsets: [Int]) -> Column? {
        let anyMissing = parts.contains { !$0.missing.isEmpty }
        if kind == .int && !anyMissing {
            guard let base = arrays.intBases[j],
                  zip(parts, offsets).allSatisfy({ part, offset in part.count == 0 || part.ints == base + offset })
            else { return nil }
            let rows = compact(base, parts.map(\.count), offsets)
            guard var values = arrays.ints[j] else { return nil }
            arrays.ints[j] = nil  // the only reference left is `values`: trimming it copies nothing
            values.removeLast(values.count - rows)
            return Column(int64: values)
        }
        guard kind == .int || kind == .float, let base = arrays.floatBases[j] else { return nil }
        for (part, offset) in zip(parts, offsets) where part.floats != base + offset {
            part.writeDoubles(base + offset)
        }
        let rows = compact(base, parts.map(\.count), offsets)
        guard var values = arrays.floats[j] else { return nil }
        arrays.floats[j] = nil  // the only reference left is `values`: trimming it copies nothing
        values.removeLast(values.count - rows)
        return Column(float64: values)
    }

    /// Moves each chunk's `counts[i]` values from `offsets[i]` down to follow the previous
    /// chunk's; returns the total.
    static func compact<T>(_ base: UnsafeMutablePointer<T>, _ counts: [Int], _ offsets: [Int]) -> Int {
        var rows = 0
        for (count, offset) in zip(counts, offsets) {
            if rows != offset && count > 0 {
                UnsafeMutableRawPointer(base + rows).copyMemory(from: base + offset, byteCount: count * MemoryLayout<T>.stride)
            }
            rows += count
        }
        return rows
    }

    /// One column from its chunks' builders; an int column with missing values becomes float64,
    /// as in pandas.
    static func gather(_ parts: [ColumnBuilder], kind: InferredKind) -> Column {
        let total = parts.reduce(0) { $0 + $1.count }
        let anyMissing = parts.contains { !$0.missing.isEmpty }
        switch kind {
        case .int where !anyMissing:
            return Column(int64: Array(unsafeUninitializedCapacity: total) { out, n in
                FreshPages.prefault(out.baseAddress, bytes: total * 8)
                var offset = 0
                for p in parts {
                    (out.baseAddress! + offset).initialize(from: p.ints!, count: p.count)
                    offset += p.count
                }
                n = total
            })
        case .int, .float:
            return Column(float64: Array(unsafeUninitializedCapacity: total) { out, n in
                FreshPages.prefault(out.baseAddress, bytes: total * 8)
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
        _ tokenizer: CSVTokenizer, _ pieces: [Range<Int>], _ columns: [Int], fieldCount: Int,
        na: [MissingSpellings?]? = nil
    ) throws -> (values: [[String]], missing: [[Int]], validity: (Int) -> Bitmap?) {
        guard !columns.isEmpty else { return ([], [], { _ in nil }) }
        var slots = [Int](repeating: -1, count: fieldCount)
        for (s, j) in columns.enumerated() { slots[j] = s }
        var sink = StringCollector(
            tokenizer: tokenizer, slots: slots, extraMissing: columns.map { na?[$0] },
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

/// The final arrays of the columns expected to hold ints or floats, made before parsing and
/// filled in place by every chunk's thread at its own rows. `@unchecked Sendable`: each slot is
/// made, filled and taken by one task at a time, the parallel loops ordering them.
///
/// The arrays are made at their full size (their elements are plain numbers, so leaving them
/// unset until parsed is harmless) and their element addresses kept while the arrays stay here,
/// unshared and unchanged: parsing writes through those addresses only.
final class ColumnArrays: @unchecked Sendable {
    let count: Int
    let ints: UnsafeMutablePointer<[Int64]?>
    let floats: UnsafeMutablePointer<[Double]?>
    let intBases: UnsafeMutablePointer<UnsafeMutablePointer<Int64>?>
    let floatBases: UnsafeMutablePointer<UnsafeMutablePointer<Double>?>

    init(count: Int) {
        self.count = count
        ints = .allocate(capacity: count)
        ints.initialize(repeating: nil, count: count)
        floats = .allocate(capacity: count)
        floats.initialize(repeating: nil, count: count)
        intBases = .allocate(capacity: count)
        intBases.initialize(repeating: nil, count: count)
        floatBases = .allocate(capacity: count)
        floatBases.initialize(repeating: nil, count: count)
    }

    deinit {
        ints.deinitialize(count: count)
        ints.deallocate()
        floats.deinitialize(count: count)
        floats.deallocate()
        intBases.deallocate()
        floatBases.deallocate()
    }

    /// Makes column `j`'s array of `rows` elements for `kind` (int or float).
    func make(_ j: Int, kind: InferredKind, rows: Int) {
        if kind == .int {
            var values = [Int64](unsafeUninitializedCapacity: rows) { buffer, n in
                FreshPages.prefault(buffer.baseAddress, bytes: rows * 8)
                n = rows
            }
            intBases[j] = values.withUnsafeMutableBufferPointer { $0.baseAddress }
            ints[j] = values
        } else {
            var values = [Double](unsafeUninitializedCapacity: rows) { buffer, n in
                FreshPages.prefault(buffer.baseAddress, bytes: rows * 8)
                n = rows
            }
            floatBases[j] = values.withUnsafeMutableBufferPointer { $0.baseAddress }
            floats[j] = values
        }
    }
}

/// The chunks' sinks, read by the threads that join columns. `@unchecked Sendable`: each
/// thread touches only its own column's builders.
final class SharedSinks: @unchecked Sendable {
    let sinks: [InferenceSink]
    init(_ sinks: [InferenceSink]) { self.sinks = sinks }
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

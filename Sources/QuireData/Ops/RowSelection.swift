import QuireSupport

/// The rows a bool mask keeps (pandas' `df[mask]`), found once and shared by the gather of every
/// column and of the row labels: runs of consecutive kept positions, and the positions
/// themselves when the runs are short. Each output buffer is allocated once at its final size
/// and written without zero filling or a bounds check per element; a long run is copied as a
/// block.
struct RowSelection: Sendable {
    /// The number of rows of the frame or Series the mask selects from.
    let sourceCount: Int
    /// The number of rows kept.
    let count: Int
    /// The runs of kept rows as flat `start, end` pairs (end excluded), in order.
    let runs: [Int]
    /// The kept positions, in order, when the runs are shorter than `blockRun` rows on average
    /// (a copy per run would then cost more than one per row); nil otherwise.
    let positions: [Int]?

    /// The average run length from which rows are copied run by run.
    static let blockRun = 4

    /// The rows where `mask` is true; missing counts as false. A mask whose labels are the rows'
    /// labels in another order is put in the rows' order first (pandas reindexes it); one whose
    /// labels differ is an error (pandas: "Unalignable boolean Series").
    init(mask: Series, count: Int, index: RowIndex? = nil) throws {
        guard case .bool = mask.column.storage else { throw DataError.notBoolean(column: mask.name) }
        guard mask.count == count else { throw DataError.maskLength(expected: count, got: mask.count) }
        var mask = mask
        if let index, !mask.index.hasSameLabels(as: index) {
            guard let rows = mask.index.rows(matching: index), !rows.contains(where: { $0 < 0 }) else { throw DataError.maskLabels }
            mask = mask.taking(rows)
        }
        guard case .bool(var bits) = mask.column.storage else { throw DataError.notBoolean(column: mask.name) }
        if let validity = mask.column.validity {
            for i in 0..<count where !validity[i] { bits[i] = false }
        }
        self.init(bits: bits)
    }

    /// The rows where `bits` is true.
    init(bits: [Bool]) {
        let runs = bits.withUnsafeBufferPointer { Self.findRuns($0) }
        var kept = 0
        for j in stride(from: 0, to: runs.count, by: 2) { kept += runs[j + 1] - runs[j] }
        sourceCount = bits.count
        count = kept
        self.runs = runs
        positions = kept < Self.blockRun * (runs.count / 2) ? Self.expand(runs, count: kept) : nil
    }

    /// The runs of true values, as `start, end` pairs. A Bool is one byte, 0 or 1: eight values
    /// are read as one word, and the first one that ends a run is found by counting zero bits.
    private static func findRuns(_ b: UnsafeBufferPointer<Bool>) -> [Int] {
        let n = b.count
        guard n > 0, let base = UnsafeRawPointer(b.baseAddress) else { return [] }
        let ones: UInt64 = 0x0101_0101_0101_0101
        @inline(__always) func word(_ i: Int) -> UInt64 { UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) }
        var runs: [Int] = []
        var i = 0
        while i < n {
            // Skip false values: a nonzero word holds a true one, the lowest set byte first.
            while i + 8 <= n {
                let w = word(i)
                if w == 0 {
                    i += 8
                } else {
                    i += w.trailingZeroBitCount >> 3
                    break
                }
            }
            while i < n && !b[i] { i += 1 }
            guard i < n else { break }
            let start = i
            // Keep true values: `w ^ ones` is nonzero at the first false one.
            while i + 8 <= n {
                let w = word(i) ^ ones
                if w == 0 {
                    i += 8
                } else {
                    i += w.trailingZeroBitCount >> 3
                    break
                }
            }
            while i < n && b[i] { i += 1 }
            runs.append(start)
            runs.append(i)
        }
        return runs
    }

    /// Every position of `runs`, in order.
    private static func expand(_ runs: [Int], count: Int) -> [Int] {
        Array(unsafeUninitializedCapacity: count) { out, n in
            var k = 0
            for j in stride(from: 0, to: runs.count, by: 2) {
                for r in runs[j]..<runs[j + 1] {
                    out[k] = r
                    k += 1
                }
            }
            n = k
        }
    }

    /// The kept positions (built from the runs when `positions` is nil).
    var allPositions: [Int] { positions ?? Self.expand(runs, count: count) }

    /// True when the kept rows are `0..<count` (none, all, or a leading run).
    var isLeadingRun: Bool { runs.isEmpty || (runs.count == 2 && runs[0] == 0) }

    /// The kept values of `values`, in order.
    func gather<T>(_ values: [T]) -> [T] {
        precondition(values.count == sourceCount, "a buffer of the selection's length")
        return values.withUnsafeBufferPointer { source in
            Array(unsafeUninitializedCapacity: count) { out, n in
                guard count > 0, let s = source.baseAddress, let o = out.baseAddress else {
                    n = 0
                    return
                }
                FreshPages.prefault(UnsafeMutableRawPointer(o), bytes: count * MemoryLayout<T>.stride)
                if let positions {
                    positions.withUnsafeBufferPointer { p in
                        for k in 0..<count { (o + k).initialize(to: s[p[k]]) }
                    }
                } else {
                    runs.withUnsafeBufferPointer { r in
                        var k = 0
                        var j = 0
                        while j < r.count {
                            let start = r[j]
                            let length = r[j + 1] - start
                            (o + k).initialize(from: s + start, count: length)
                            k += length
                            j += 2
                        }
                    }
                }
                n = count
            }
        }
    }

    /// The kept bits of `bitmap` (the bits past the end clear, as `Bitmap([Bool])` leaves them).
    func gather(_ bitmap: Bitmap) -> Bitmap {
        var out = Bitmap(count: count, value: false)
        var k = 0
        for j in stride(from: 0, to: runs.count, by: 2) {
            for i in runs[j]..<runs[j + 1] {
                if bitmap[i] { out[k] = true }
                k += 1
            }
        }
        return out
    }

    /// The kept rows of `column` (as `column.taking(allPositions)`).
    func taking(_ column: Column) -> Column {
        let validity = column.validity.map { gather($0) }
        switch column.storage {
        case .int64(let v):
            var c = Column(.int64(gather(v)), validity: validity)
            c.isDatetime = column.isDatetime
            return c
        case .float64(let v): return Column(.float64(gather(v)))
        case .bool(let v): return Column(.bool(gather(v)), validity: validity)
        case .string(let v): return Column(.string(gather(v)), validity: validity)
        }
    }

    /// The kept labels of `index` (as `index.taking(allPositions)`): a range stays a range when
    /// the kept rows are a leading run, as pandas keeps its RangeIndex; otherwise the labels are
    /// the kept positions, written run by run.
    func taking(_ index: RowIndex) -> RowIndex {
        switch index.kind {
        case .range:
            if isLeadingRun {
                var r = RowIndex(range: count)
                r.name = index.name
                return r
            }
            let labels = [Int64](unsafeUninitializedCapacity: count) { out, n in
                if let o = out.baseAddress { FreshPages.prefault(UnsafeMutableRawPointer(o), bytes: count * 8) }
                var k = 0
                for j in stride(from: 0, to: runs.count, by: 2) {
                    for i in runs[j]..<runs[j + 1] {
                        out[k] = Int64(i)
                        k += 1
                    }
                }
                n = k
            }
            var r = RowIndex(labels: Column(int64: labels), name: index.name)
            r.fromRange = true
            return r
        case .labels(let c):
            var r = RowIndex(labels: taking(c), name: index.name)
            r.fromRange = index.fromRange
            r.multi = index.multi?.taking(allPositions)
            return r
        }
    }

    /// The kept rows of every column; a large table's columns are gathered on every core.
    func taking(_ columns: [Column]) -> [Column] {
        guard columns.count > 1, count * columns.count >= 1 << 18 else { return columns.map { taking($0) } }
        let results = ParallelResults<Column>(count: columns.count)
        Parallel.forEach(columns.count, chunks: columns.count) { j, _ in results.set(j, .success(taking(columns[j]))) }
        // A stopped loop skips columns; they are gathered here (the caller checks the stop).
        return results.values() ?? columns.map { taking($0) }
    }
}

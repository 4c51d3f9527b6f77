import QuireSupport

/// Which of equal values `nlargest` and `nsmallest` keep.
public enum KeepTies: String, Sendable, CaseIterable {
    case first, last, all
}

extension Series {
    /// Each row's rank among the values (0 for the smallest; equal values share a rank), and
    /// `-1` for missing values: the code a multi-key sort compares. The distinct values are
    /// found by hashing and only they are sorted.
    func rankCodes() -> [Int] {
        let f = Factorized(column)
        let order = f.uniques.indices.sorted { a, b in
            let x = f.uniques[a], y = f.uniques[b]
            switch column.storage {
            case .int64(let v): return v[x] < v[y]
            case .float64(let v): return v[x] < v[y]
            case .bool(let v): return !v[x] && v[y]
            case .string(let v): return v[x].unicodeScalars.lexicographicallyPrecedes(v[y].unicodeScalars)
            }
        }
        var rank = [Int](repeating: 0, count: f.uniques.count)
        for (r, code) in order.enumerated() { rank[code] = r }
        return f.codes.map { $0 < 0 ? -1 : rank[$0] }
    }
}

extension DataFrame {
    /// The rows ordered by several columns, the first deciding first (pandas'
    /// `sort_values(by=[...], ascending=[...])`): stable, missing values last in every key.
    public func sortValues(by keys: [String], ascending: [Bool]) throws -> DataFrame {
        precondition(keys.count == ascending.count, "one direction per key")
        if keys.count == 1 { return try sortValues(by: keys[0], ascending: ascending[0]) }
        return taking(try sortOrder(by: keys, ascending: ascending))
    }

    /// The row order of a multi-key sort (stable; missing last in each key).
    func sortOrder(by keys: [String], ascending: [Bool]) throws -> [Int] {
        let keyed = try zip(keys, ascending).map { key, up in try sortCodes(key, ascending: up) }
        let codes = keyed.map(\.codes)
        // The keys' codes folded into one number per row, then the row itself, when that fits
        // in an Int: one sort of plain ints, stable because the row breaks ties.
        let n = rowCount
        var width = 1
        var fits = true
        for k in keyed {
            let (w, overflow) = width.multipliedReportingOverflow(by: k.base)
            if overflow { fits = false; break }
            width = w
        }
        if fits, !width.multipliedReportingOverflow(by: Swift.max(n, 1)).overflow {
            var folded = codes[0]
            for k in keyed.dropFirst() {
                folded.withUnsafeMutableBufferPointer { f in
                    k.codes.withUnsafeBufferPointer { c in
                        for i in 0..<n { f[i] = f[i] * k.base + c[i] }
                    }
                }
            }
            if width <= Swift.max(Self.countingSortLimit, n) { return Self.countingSort(folded, width: width) }
            var keyed = (0..<n).map { folded[$0] * n + $0 }
            keyed.sort()
            return keyed.map { $0 % n }
        }
        return stableSort(Array(0..<rowCount)) { a, b in
            for c in codes where c[a] != c[b] { return c[a] < c[b] }
            return false
        }
    }

    /// Each row's code for sorting by one key: the value's rank (reversed when descending),
    /// missing values after every value either way; and `base`, one more than the largest code.
    func sortCodes(_ key: String, ascending up: Bool) throws -> (codes: [Int], base: Int) {
        let series = try column(key)
        // Ints of a small range are ranked through a table indexed by value.
        if case .int64(let v) = series.column.storage, series.column.validity == nil, let lo = v.min(), let hi = v.max() {
            let (span, overflow) = hi.subtractingReportingOverflow(lo)
            if !overflow, span < Int64(Swift.max(Factorized.smallRange, v.count)) {
                var rank = [Int](repeating: 0, count: Int(span) + 1)
                var distinct = 0
                let codes = rank.withUnsafeMutableBufferPointer { rank in
                    for x in v { rank[Int(x &- lo)] = 1 }
                    for s in rank.indices where rank[s] != 0 {
                        rank[s] = up ? distinct : -distinct
                        distinct += 1
                    }
                    // Descending: rank r of `distinct` becomes distinct - 1 - r.
                    let shift = up ? 0 : distinct - 1
                    return v.map { rank[Int($0 &- lo)] + shift }
                }
                return (codes, distinct)
            }
        }
        let ranks = series.rankCodes()
        let top = (ranks.max() ?? -1) + 1
        let codes = ranks.map { $0 < 0 ? top : (up ? $0 : top - 1 - $0) }
        return (codes, (codes.max() ?? 0) + 1)
    }

    /// Folded keys of at most this many values (or the row count, if larger) are sorted by
    /// counting them: two passes over the rows instead of a comparison sort.
    static let countingSortLimit = 1 << 16

    /// The stable order of `keys` (each in `0..<width`): rows counted per key, then placed.
    static func countingSort(_ keys: [Int], width: Int) -> [Int] {
        var start = [Int](repeating: 0, count: width + 1)
        for k in keys { start[k + 1] += 1 }
        for k in 0..<width { start[k + 1] += start[k] }
        return [Int](unsafeUninitializedCapacity: keys.count) { out, filled in
            start.withUnsafeMutableBufferPointer { next in
                for (i, k) in keys.enumerated() {
                    out[next[k]] = i
                    next[k] += 1
                }
            }
            filled = keys.count
        }
    }

    /// pandas' `nlargest(n, columns, keep=)` (or `nsmallest` when `largest` is false): the `n`
    /// rows with the largest values of `columns` (later columns break ties), in that order;
    /// missing values never chosen. `keep` says which of equal rows are kept at the cut.
    public func extremes(_ n: Int, columns keys: [String], largest: Bool, keep: KeepTies) throws -> DataFrame {
        for key in keys {
            let c = try column(key)
            if c.type == .string { throw DataError.wrongType(column: key, type: c.type, operation: largest ? "nlargest" : "nsmallest") }
        }
        // A large frame: only rows whose first key reaches the n-th value can be chosen (pandas
        // selects those first too), so only they are ranked. The n-th value is found in linear
        // time; rows tied with it stay, for the later keys and `keep` to decide.
        if n > 0, n < rowCount / 8, let candidates = Self.reaching(n, try column(keys[0]).column, largest: largest),
            candidates.count < rowCount {
            return try taking(candidates).extremes(n, columns: keys, largest: largest, keep: keep)
        }
        let codes: [[Int]] = try keys.map { key in
            let ranks = try column(key).rankCodes()
            let top = (ranks.max() ?? -1) + 1
            return ranks.map { $0 < 0 ? Int.max : (largest ? top - 1 - $0 : $0) }
        }
        let rows = Self.pick(n, of: rowCount, missing: { row in codes.contains { $0[row] == Int.max } }, keep: keep) { a, b in
            for c in codes where c[a] != c[b] { return c[a] < c[b] ? .before : .after }
            return .tied
        }
        return taking(rows)
    }

    /// The rows whose value reaches the n-th largest (or smallest) present value, in order; nil
    /// when there are no more than `n` present values. Typed, so ints are compared as ints.
    static func reaching(_ n: Int, _ column: Column, largest: Bool) -> [Int]? {
        switch column.storage {
        case .int64(let v): reaching(n, v, validity: column.validity, largest: largest)
        case .float64(let v): reaching(n, v, validity: nil, largest: largest)
        case .bool, .string: column.doubles.flatMap { reaching(n, $0, validity: nil, largest: largest) }
        }
    }

    /// Below this `n` the n-th value is kept in a heap while the values stream past (most fail
    /// one comparison with the heap's top); above it, found by selection on a copy.
    static let heapLimit = 1024

    private static func reaching<T: Comparable>(_ n: Int, _ v: [T], validity: Bitmap?, largest: Bool) -> [Int]? {
        // NaN (a float's missing value) fails both comparisons and is never a candidate.
        @inline(__always) func present(_ i: Int) -> Bool { validity?[i] ?? true }
        @inline(__always) func beyond(_ x: T, _ bound: T) -> Bool { largest ? x > bound : x < bound }
        let bound: T
        if n <= heapLimit {
            // A heap of the n most extreme values so far, its least extreme at the top.
            var heap = BoundedHeap<T>(capacity: n, largest: largest)
            var seen = 0
            for i in v.indices where present(i) {
                let x = v[i]
                if x != x { continue }  // NaN
                seen += 1
                heap.offer(x)
            }
            guard seen > n, let top = heap.top else { return nil }
            bound = top
        } else {
            var values = v.indices.compactMap { i -> T? in present(i) && v[i] == v[i] ? v[i] : nil }
            guard values.count > n else { return nil }
            let k = n - 1
            values.withUnsafeMutableBufferPointer { p in
                Selection.select(p, largest ? p.count - 1 - k : k, 0, p.count)
            }
            bound = values[largest ? values.count - 1 - k : k]
        }
        return v.indices.filter { i in present(i) && (v[i] == bound || beyond(v[i], bound)) }
    }

    enum Placement { case before, after, tied }

    /// The first `n` of the rows `0..<count` in the order `compare` gives (stable); `keep` says
    /// which of tied rows survive the cut (the earliest, the latest, or all of those tied with
    /// the n-th). Rows with a missing key come only after all others, in their order, to make
    /// up `n` (as pandas appends them), and never with `keep: .all`.
    static func pick(_ n: Int, of count: Int, missing: (Int) -> Bool, keep: KeepTies, _ compare: (Int, Int) -> Placement) -> [Int] {
        guard n > 0 else { return [] }
        let rows = (0..<count).filter { !missing($0) }
        let source = keep == .last ? Array(rows.reversed()) : rows
        let sorted = stableSort(source) { compare($0, $1) == .before }
        if n < sorted.count {
            guard keep == .all else { return Array(sorted[..<n]) }
            var end = n
            while end < sorted.count && compare(sorted[n - 1], sorted[end]) == .tied { end += 1 }
            return Array(sorted[..<end])
        }
        if keep == .all { return sorted }
        let filler = (0..<count).filter(missing).prefix(n - sorted.count)
        return sorted + filler
    }
}

extension Series {
    /// pandas' `s.nlargest(n, keep=)` / `s.nsmallest(n, keep=)`.
    public func extremes(_ n: Int, largest: Bool, keep: KeepTies) throws -> Series {
        if type == .string { throw DataError.wrongType(column: name, type: type, operation: largest ? "nlargest" : "nsmallest") }
        let chosen = try DataFrame(names: ["value"], columns: [column], index: index)
            .extremes(n, columns: ["value"], largest: largest, keep: keep)
        return Series(name: name, column: chosen.columns[0], index: chosen.index)
    }
}

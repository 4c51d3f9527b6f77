/// Codes for a column's distinct values: `codes[i]` is the position of row i's value among
/// `uniques` (in order of first appearance), -1 for missing values.
struct Factorized {
    var codes: [Int]
    var uniques: [Int]  // the first row holding each distinct value

    init(_ column: Column) {
        codes = [Int](repeating: -1, count: column.count)
        uniques = []
        switch column.storage {
        case .int64(let v): if !assignSmallRange(v, column) { self.assignBits(v.count, column) { UInt64(bitPattern: v[$0]) } }
        case .float64(let v): self.assignBits(v.count, column) { v[$0].codeKey }  // -0.0 and 0.0 are one value
        case .bool(let v): self.assign(v, column)
        case .string(let v): self.assign(v, column)
        }
    }

    /// Ints spanning at most this many values (or the row count, if larger) are coded through a
    /// table indexed by value instead of a hash map: the common case of labels and counts.
    static let smallRange = 1 << 16

    /// Codes ints through a table when their range is small; false when it is not.
    private mutating func assignSmallRange(_ values: [Int64], _ column: Column) -> Bool {
        guard column.validity == nil, let lo = values.min(), let hi = values.max() else { return false }
        let (span, overflow) = hi.subtractingReportingOverflow(lo)
        guard !overflow, span < Int64(Swift.max(Self.smallRange, values.count)) else { return false }
        var table = [Int](repeating: -1, count: Int(span) + 1)
        codes.withUnsafeMutableBufferPointer { codes in
            for i in values.indices {
                let slot = Int(values[i] &- lo)
                var code = table[slot]
                if code < 0 {
                    code = uniques.count
                    table[slot] = code
                    uniques.append(i)
                }
                codes[i] = code
            }
        }
        return true
    }

    /// Codes through a `CodeTable` of each row's 64-bit key.
    private mutating func assignBits(_ count: Int, _ column: Column, _ key: (Int) -> UInt64) {
        var table = CodeTable(expected: Swift.min(count, 1 << 16))
        let validity = column.validity
        let isFloat = column.type == .float64
        codes.withUnsafeMutableBufferPointer { codes in
            for i in 0..<count {
                if let validity, !validity[i] { continue }
                let k = key(i)
                // A NaN (any payload) is a missing float.
                if isFloat && Double(bitPattern: k).isNaN { continue }
                let (code, inserted) = table.code(k)
                if inserted { uniques.append(i) }
                codes[i] = code
            }
        }
    }

    private mutating func assign<T: Hashable>(_ values: [T], _ column: Column) {
        var seen: [T: Int] = [:]
        for i in values.indices where !column.isMissing(i) {
            if let code = seen[values[i]] {
                codes[i] = code
            } else {
                seen[values[i]] = uniques.count
                codes[i] = uniques.count
                uniques.append(i)
            }
        }
    }
}

extension Series {
    /// Counts of each distinct value, most frequent first; ties keep the order in which values
    /// first appear, as pandas orders them. Named "count", indexed by the values.
    public func valueCounts() -> Series {
        if let counted = smallRangeCounts() { return counted }
        let f = Factorized(column)
        var counts = [Int](repeating: 0, count: f.uniques.count)
        counts.withUnsafeMutableBufferPointer { counts in
            for c in f.codes where c >= 0 { counts[c] += 1 }
        }
        let order = f.uniques.indices.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        let labels = column.taking(order.map { f.uniques[$0] })
        return Series(
            name: "count", column: Column(int64: order.map { Int64(counts[$0]) }),
            index: RowIndex(labels: labels, name: name))
    }

    /// value_counts of ints of a small range, counted in a table indexed by value.
    private func smallRangeCounts() -> Series? {
        guard case .int64(let v) = column.storage, column.validity == nil,
              let lo = v.min(), let hi = v.max() else { return nil }
        let (span, overflow) = hi.subtractingReportingOverflow(lo)
        guard !overflow, span < Int64(Factorized.smallRange) else { return nil }
        var counts = [Int](repeating: 0, count: Int(span) + 1)
        var firstSeen: [Int64] = []
        counts.withUnsafeMutableBufferPointer { counts in
            for x in v {
                let slot = Int(x &- lo)
                if counts[slot] == 0 { firstSeen.append(x) }
                counts[slot] += 1
            }
        }
        let order = firstSeen.indices.sorted { a, b in
            let ca = counts[Int(firstSeen[a] &- lo)], cb = counts[Int(firstSeen[b] &- lo)]
            return ca != cb ? ca > cb : a < b
        }
        return Series(
            name: "count", column: Column(int64: order.map { Int64(counts[Int(firstSeen[$0] &- lo)]) }),
            index: RowIndex(labels: Column(int64: order.map { firstSeen[$0] }), name: name))
    }

    /// The distinct values in order of first appearance (a missing value included once).
    public func unique() -> Column {
        let f = Factorized(column)
        var rows = f.uniques
        if let firstMissing = f.codes.firstIndex(of: -1) {
            let position = rows.firstIndex { $0 > firstMissing } ?? rows.count
            rows.insert(firstMissing, at: position)
        }
        return column.taking(rows)
    }

    /// The number of distinct values that are not missing.
    public func nunique() -> Int { Factorized(column).uniques.count }
}

import QuireSupport

/// The key tuples of a join, numbered as pandas' merge factorizes them: the right side's
/// distinct tuples get the codes `0..<count`, and each left row looks its tuple up (-1 when no
/// right row has it: such a row matches nothing). Values compare as `Column.joining` makes them
/// comparable (an int key against a float key as floats), and missing keys match each other.
struct JoinCodes {
    var left: [Int]
    var right: [Int]
    var count: Int

    init(left: [Column], right: [Column]) throws {
        precondition(left.count == right.count && !left.isEmpty, "one right key per left key")
        (self.left, self.right, count) = Self.pairCodes(left[0], right[0])
        for k in left.indices.dropFirst() {
            try Cancellation.check()
            let (l, r, w) = Self.pairCodes(left[k], right[k])
            // Fold this key's codes into the tuple's, then number the right tuples densely and
            // look the left ones up in the same numbering.
            let width = count
            for j in self.right.indices { self.right[j] = self.right[j] * w + r[j] }
            for i in self.left.indices { self.left[i] = self.left[i] < 0 || l[i] < 0 ? -1 : self.left[i] * w + l[i] }
            let folded = width * w  // both factors are at most the right's row count plus one
            count = Self.renumber(&self.right, &self.left, width: folded)
        }
    }

    /// Codes `0..<width` of the right column's distinct values (missing counted as one), and
    /// the left column's values looked up among them.
    static func pairCodes(_ a: Column, _ b: Column) -> (left: [Int], right: [Int], width: Int) {
        switch (a.storage, b.storage) {
        case (.int64(let x), .int64(let y)) where a.validity == nil && b.validity == nil:
            if let small = smallRangeCodes(x, y) { return small }
            return bitCodes(x.count, y.count, leftKey: { UInt64(bitPattern: x[$0]) }, rightKey: { UInt64(bitPattern: y[$0]) })
        case (.float64(let x), .float64(let y)):
            return bitCodes(x.count, y.count, leftKey: { x[$0].codeKey }, rightKey: { y[$0].codeKey }, isFloat: true)
        case (.bool(let x), .bool(let y)) where a.validity == nil && b.validity == nil:
            return bitCodes(x.count, y.count, leftKey: { x[$0] ? 1 : 0 }, rightKey: { y[$0] ? 1 : 0 })
        case (.string(let x), .string(let y)) where a.validity == nil && b.validity == nil:
            var table: [String: Int] = [:]
            let right = y.map { s -> Int in
                if let c = table[s] { return c }
                table[s] = table.count
                return table.count - 1
            }
            return (x.map { table[$0] ?? -1 }, right, table.count)
        default:
            // Mixed types or missing ints, bools and strings: the values as one joined column,
            // factorized together, then renumbered as above.
            let joint = Factorized(Column.joining(a, b).column)
            let n = a.count
            var right = (0..<b.count).map { joint.codes[n + $0] + 1 }  // missing (-1) is a code of its own
            var left = (0..<n).map { joint.codes[$0] + 1 }
            let width = renumber(&right, &left, width: joint.uniques.count + 1)
            return (left, right, width)
        }
    }

    /// `pairCodes` for ints whose right side spans a small range: a table indexed by value.
    private static func smallRangeCodes(_ x: [Int64], _ y: [Int64]) -> (left: [Int], right: [Int], width: Int)? {
        guard let lo = y.min(), let hi = y.max() else { return nil }
        let (span, overflow) = hi.subtractingReportingOverflow(lo)
        guard !overflow, span < Int64(Swift.max(Factorized.smallRange, y.count)) else { return nil }
        var table = [Int](repeating: -1, count: Int(span) + 1)
        var next = 0
        let right = y.map { v -> Int in
            let slot = Int(v &- lo)
            if table[slot] < 0 {
                table[slot] = next
                next += 1
            }
            return table[slot]
        }
        let left = [Int](unsafeUninitializedCapacity: x.count) { out, filled in
            table.withUnsafeBufferPointer { t in
                for (i, v) in x.enumerated() {
                    out[i] = v >= lo && v <= hi ? t[Int(v &- lo)] : -1
                }
            }
            filled = x.count
        }
        return (left, right, next)
    }

    /// `pairCodes` for values keyed by 64 bits: the right side's keys in a `CodeTable`, the
    /// left side's looked up. A NaN float is a missing key, with a code of its own.
    private static func bitCodes(
        _ n: Int, _ m: Int, leftKey: (Int) -> UInt64, rightKey: (Int) -> UInt64, isFloat: Bool = false
    ) -> (left: [Int], right: [Int], width: Int) {
        var table = CodeTable(expected: Swift.min(m, 1 << 16))
        var missingCode = -1
        var right = [Int](repeating: 0, count: m)
        for j in 0..<m {
            let k = rightKey(j)
            if isFloat && Double(bitPattern: k).isNaN {
                if missingCode < 0 { missingCode = Self.reserve(&table) }
                right[j] = missingCode
            } else {
                right[j] = table.code(k).code
            }
        }
        var left = [Int](repeating: -1, count: n)
        left.withUnsafeMutableBufferPointer { out in
            for i in 0..<n {
                let k = leftKey(i)
                out[i] = isFloat && Double(bitPattern: k).isNaN ? missingCode : table.find(k)
            }
        }
        return (left, right, table.count)
    }

    /// A code for the missing key: taken in the table under a key no value can have (a NaN's
    /// bit pattern never reaches the table otherwise).
    private static func reserve(_ table: inout CodeTable) -> Int { table.code(Double.nan.bitPattern).code }

    /// Renumbers the right codes (in `0..<width`) densely in order of first appearance, and
    /// maps the left codes through the same numbering (-1 for codes no right row has).
    static func renumber(_ right: inout [Int], _ left: inout [Int], width: Int) -> Int {
        if width <= Swift.max(DataFrame.denseLimit, 2 * right.count) {
            var table = [Int](repeating: -1, count: width)
            var next = 0
            for j in right.indices {
                let c = right[j]
                if table[c] < 0 {
                    table[c] = next
                    next += 1
                }
                right[j] = table[c]
            }
            for i in left.indices where left[i] >= 0 { left[i] = table[left[i]] }
            return next
        }
        var table = CodeTable(expected: Swift.min(right.count, 1 << 16))
        for j in right.indices { right[j] = table.code(UInt64(right[j])).code }
        for i in left.indices where left[i] >= 0 { left[i] = table.find(UInt64(left[i])) }
        return table.count
    }
}

/// Which rows of each side a join's result is made of, in order: `right[k]` is the right row of
/// result row k (-1 for none), `left[k]` the left row (-1 for none), or `left` is nil when the
/// result holds each left row once, in order (a lookup join, whose left columns are kept as
/// they are). Built as pandas' hash join: the rows of one side grouped by code (a counting
/// sort, which keeps their order), the other side's rows walked in order.
struct JoinPlan {
    var left: [Int]?
    var right: [Int]

    init(_ keys: JoinCodes, how: JoinKind) {
        let n = keys.left.count, m = keys.right.count
        if how == .right {
            let (start, rows) = Self.group(keys.left, keys.count)
            var total = 0
            for c in keys.right { total += Swift.max(1, start[c + 1] - start[c]) }
            var l = [Int](repeating: -1, count: total), r = [Int](repeating: -1, count: total)
            var p = 0
            for j in 0..<m {
                let c = keys.right[j]
                if start[c] == start[c + 1] {
                    r[p] = j
                    p += 1
                }
                for s in start[c]..<start[c + 1] {
                    l[p] = rows[s]
                    r[p] = j
                    p += 1
                }
            }
            (left, right) = (l, r)
            return
        }
        let (start, rows) = Self.group(keys.right, keys.count)
        var total = 0, onePerRow = true
        for c in keys.left {
            let k = c < 0 ? (how == .inner ? 0 : 1) : start[c + 1] - start[c]
            total += k
            if k != 1 { onePerRow = false }
        }
        // An outer join adds the right rows whose key no left row has, in their order.
        var unmatched: [Int] = []
        if how == .outer {
            var matched = [Bool](repeating: false, count: keys.count)
            for c in keys.left where c >= 0 { matched[c] = true }
            unmatched = (0..<m).filter { !matched[keys.right[$0]] }
        }
        if onePerRow && unmatched.isEmpty {
            left = nil
            right = keys.left.map { $0 < 0 ? -1 : rows[start[$0]] }
            return
        }
        var l = [Int](repeating: -1, count: total + unmatched.count), r = l
        var p = 0
        for i in 0..<n {
            let c = keys.left[i]
            if c < 0 {
                if how != .inner {
                    l[p] = i
                    p += 1
                }
                continue
            }
            for s in start[c]..<start[c + 1] {
                l[p] = i
                r[p] = rows[s]
                p += 1
            }
        }
        for j in unmatched {
            r[p] = j
            p += 1
        }
        (left, right) = (l, r)
    }

    /// The positions of `codes` (in `0..<count`; negative ones left out) grouped by code, each
    /// group in order: group c is `rows[start[c]..<start[c + 1]]`.
    static func group(_ codes: [Int], _ count: Int) -> (start: [Int], rows: [Int]) {
        var start = [Int](repeating: 0, count: count + 1)
        for c in codes where c >= 0 { start[c + 1] += 1 }
        for c in 0..<count { start[c + 1] += start[c] }
        var next = start
        var rows = [Int](repeating: 0, count: start[count])
        for (i, c) in codes.enumerated() where c >= 0 {
            rows[next[c]] = i
            next[c] += 1
        }
        return (start, rows)
    }
}

import Testing
@testable import QuireData

/// The fast paths of merge, duplicated, nlargest, corr and the multi-key sort, each compared
/// with the straightforward computation on data with ties, missing values and odd sizes.
@Suite struct FastPathTests {
    /// A small deterministic generator (SplitMix64), so that failures reproduce.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// An int column of `n` values in `0..<distinct`, every `missingEvery`-th row missing.
    static func ints(_ n: Int, _ distinct: Int64, missingEvery: Int = 0, offset: Int64 = 0, _ g: inout Generator) -> Column {
        let v = (0..<n).map { _ in Int64.random(in: 0..<distinct, using: &g) + offset }
        guard missingEvery > 0 else { return Column(int64: v) }
        return Column(.int64(v), validity: Bitmap((0..<n).map { $0 % missingEvery != 1 }))
    }

    static func floats(_ n: Int, _ distinct: Int, nanEvery: Int = 0, _ g: inout Generator) -> Column {
        Column(float64: (0..<n).map { i in
            nanEvery > 0 && i % nanEvery == 2 ? .nan : Double(Int.random(in: 0..<distinct, using: &g)) * 0.25 - 1
        })
    }

    /// Strings of mixed lengths (empty, short, long past the inline size), some missing.
    static func strings(_ n: Int, _ distinct: Int, missingEvery: Int = 0, _ g: inout Generator) -> Column {
        let words = (0..<distinct).map { i in i == 0 ? "" : String(repeating: "é-\(i)", count: 1 + i % 7) }
        let v = (0..<n).map { _ in words[Int.random(in: 0..<distinct, using: &g)] }
        guard missingEvery > 0 else { return Column(string: v) }
        return Column(string: v, validity: Bitmap((0..<n).map { $0 % missingEvery != 3 }))
    }


    /// The pairs a join makes, found by comparing every left row with every right row.
    static func naivePairs(_ left: [Column], _ right: [Column], _ how: JoinKind) -> [(Int, Int)] {
        let n = left[0].count, m = right[0].count
        func equal(_ i: Int, _ j: Int) -> Bool {
            left.indices.allSatisfy { k in
                let a = left[k][i], b = right[k][j]
                if let x = a.double, let y = b.double { return x == y }
                return a == b
            }
        }
        var pairs: [(Int, Int)] = []
        if how == .right {
            for j in 0..<m {
                let rows = (0..<n).filter { equal($0, j) }
                if rows.isEmpty { pairs.append((-1, j)) }
                for i in rows { pairs.append((i, j)) }
            }
            return pairs
        }
        var matched = [Bool](repeating: false, count: m)
        for i in 0..<n {
            let rows = (0..<m).filter { equal(i, $0) }
            if rows.isEmpty && how != .inner { pairs.append((i, -1)) }
            for j in rows {
                pairs.append((i, j))
                matched[j] = true
            }
        }
        if how == .outer { for j in 0..<m where !matched[j] { pairs.append((-1, j)) } }
        return pairs
    }

    static func planPairs(_ left: [Column], _ right: [Column], _ how: JoinKind) throws -> [(Int, Int)] {
        let plan = JoinPlan(try JoinCodes(left: left, right: right), how: how)
        let l = plan.left ?? Array(0..<left[0].count)
        #expect(l.count == plan.right.count)
        return Array(zip(l, plan.right))
    }

    static func expectSamePairs(_ left: [Column], _ right: [Column], _ label: String) throws {
        for how in JoinKind.allCases {
            let got = try planPairs(left, right, how), want = naivePairs(left, right, how)
            #expect(got.map(\.0) == want.map(\.0) && got.map(\.1) == want.map(\.1), "\(label), how=\(how)")
        }
    }

    @Test func joinPlanMatchesNestedLoopsOnManyDuplicates() throws {
        var g = Generator(state: 1)
        // Ints of a small range, then of a wide one (hashed), both sides with repeats.
        try Self.expectSamePairs([Self.ints(300, 12, &g)], [Self.ints(80, 15, &g)], "small ints")
        try Self.expectSamePairs(
            [Self.ints(300, 40, offset: 1 << 40, &g)], [Self.ints(90, 40, offset: 1 << 40, &g)], "wide ints")
        let wide = Column(int64: (0..<200).map { _ in [Int64.min, -5, 0, 7, Int64.max][Int.random(in: 0..<5, using: &g)] })
        try Self.expectSamePairs([wide], [Column(int64: [Int64.max, 0, 0, -5, 3])], "extreme ints")
        try Self.expectSamePairs([Self.floats(250, 9, &g)], [Self.floats(60, 11, &g)], "floats")
        try Self.expectSamePairs([Column(bool: [true, false, true])], [Column(bool: [true, true])], "bools")
    }

    @Test func joinPlanMatchesMissingKeysWithEachOther() throws {
        var g = Generator(state: 2)
        try Self.expectSamePairs([Self.floats(200, 6, nanEvery: 7, &g)], [Self.floats(50, 6, nanEvery: 5, &g)], "NaN floats")
        try Self.expectSamePairs([Self.floats(200, 6, nanEvery: 7, &g)], [Self.floats(50, 6, &g)], "NaN only on the left")
        try Self.expectSamePairs([Self.ints(200, 9, missingEvery: 6, &g)], [Self.ints(40, 9, missingEvery: 4, &g)], "missing ints")
        try Self.expectSamePairs(
            [Self.strings(200, 12, missingEvery: 5, &g)], [Self.strings(40, 14, missingEvery: 9, &g)], "missing strings")
        // -0.0 and 0.0 are one key.
        try Self.expectSamePairs([Column(float64: [0, -0.0, 1, .nan])], [Column(float64: [-0.0, .nan, 0])], "signed zeros")
    }

    @Test func joinPlanMatchesOnStringsMixedTypesAndSeveralKeys() throws {
        var g = Generator(state: 3)
        try Self.expectSamePairs([Self.strings(300, 20, &g)], [Self.strings(70, 25, &g)], "strings of mixed lengths")
        // An int key against a float key compares as floats.
        try Self.expectSamePairs([Self.ints(100, 6, &g)], [Self.floats(30, 30, &g)], "int against float")
        try Self.expectSamePairs(
            [Self.ints(400, 5, &g), Self.strings(400, 4, &g), Self.floats(400, 3, nanEvery: 11, &g)],
            [Self.ints(120, 5, &g), Self.strings(120, 4, &g), Self.floats(120, 3, nanEvery: 13, &g)], "three keys")
        // Several keys whose folded codes exceed the dense table (hashed renumbering).
        try Self.expectSamePairs(
            [Self.ints(600, 1500, offset: 1 << 50, &g), Self.ints(600, 1500, &g)],
            [Self.ints(700, 1500, offset: 1 << 50, &g), Self.ints(700, 1500, &g)], "wide folded keys")
    }

    @Test func joinPlanOfEmptySides() throws {
        let empty = Column(int64: [])
        try Self.expectSamePairs([empty], [Column(int64: [1, 2])], "empty left")
        try Self.expectSamePairs([Column(int64: [1, 2])], [empty], "empty right")
        try Self.expectSamePairs([empty], [empty], "both empty")
        try Self.expectSamePairs([Column(string: [])], [Column(string: ["a"])], "empty strings")
    }

    @Test func lookupMergeKeepsLeftColumnsAndFillsRight() throws {
        let left = DataFrame(names: ["k", "v"], columns: [Column(int64: [3, 1, 2, 9]), Column(string: ["a", "b", "c", "d"])])
        let right = DataFrame(names: ["k", "w"], columns: [Column(int64: [1, 2, 3]), Column(int64: [10, 20, 30])])
        let joined = try left.merged(with: right, how: .left, leftOn: ["k"], rightOn: ["k"])
        #expect(joined.names == ["k", "v", "w"])
        #expect(try joined.column("k").column.ints == [3, 1, 2, 9])
        let w = try #require(try joined.column("w").column.floats)
        #expect(Array(w.prefix(3)) == [30, 10, 20] && w[3].isNaN)
        let inner = try left.merged(with: right, how: .inner, leftOn: ["k"], rightOn: ["k"])
        #expect(try inner.column("w").column.ints == [30, 10, 20])
        #expect(try inner.column("v").column.strings == ["a", "b", "c"])
    }


    @Test func duplicatedMatchesASetOfRows() throws {
        var g = Generator(state: 4)
        let n = 3000
        let frames = [
            DataFrame(names: ["a", "b", "c"], columns: [Self.ints(n, 4, &g), Self.ints(n, 8, offset: 1, &g), Column(bool: (0..<n).map { _ in Bool.random(using: &g) })]),
            DataFrame(names: ["a", "b"], columns: [Self.floats(n, 5, nanEvery: 9, &g), Self.strings(n, 6, missingEvery: 7, &g)]),
            // Wide columns: the folded codes pass the dense table's size and are hashed.
            DataFrame(names: ["a", "b", "c"], columns: [Self.ints(n, 2000, offset: 1 << 40, &g), Self.ints(n, 2000, &g), Self.ints(n, 3, missingEvery: 5, &g)]),
            DataFrame(names: ["a"], columns: [Self.ints(0, 1, &g)]),
        ]
        for df in frames {
            let keys = (0..<df.rowCount).map { i in df.columns.map { $0[i] } }
            var counts: [[Scalar]: Int] = [:]
            for k in keys { counts[k, default: 0] += 1 }
            var seen = Set<[Scalar]>()
            let first = keys.map { !seen.insert($0).inserted }
            seen = []
            let last = Array(keys.reversed().map { !seen.insert($0).inserted }.reversed())
            #expect(try df.duplicated(keep: .first).column.bools == first)
            #expect(try df.duplicated(keep: .last).column.bools == last)
            #expect(try df.duplicated(keep: .none).column.bools == keys.map { counts[$0]! > 1 })
            // The codes are dense and numbered in order of first appearance.
            let codes = try df.rowKeys(df.names)
            var next = 0
            for c in codes {
                #expect(c <= next)
                if c == next { next += 1 }
            }
            #expect(next == counts.count)
        }
    }


    /// nlargest as a full stable sort gives it: largest first, ties in row order (`.first`),
    /// in reverse row order (`.last`), or all rows tied with the n-th (`.all`).
    static func naiveExtremes(_ df: DataFrame, _ n: Int, _ keys: [String], largest: Bool, keep: KeepTies) throws -> [Int] {
        let columns = try keys.map { try df.column($0).column }
        var rows = (0..<df.rowCount).filter { r in columns.allSatisfy { !$0.isMissing(r) } }
        if keep == .last { rows.reverse() }
        func before(_ a: Int, _ b: Int) -> Bool {
            for c in columns where c[a] != c[b] { return largest ? c[b] < c[a] : c[a] < c[b] }
            return false
        }
        let sorted = stableSort(rows, by: before)
        guard n < sorted.count else { return sorted }
        var end = n
        if keep == .all { while end < sorted.count && !before(sorted[n - 1], sorted[end]) { end += 1 } }
        return Array(sorted[..<end])
    }

    @Test func nlargestMatchesAFullSort() throws {
        var g = Generator(state: 5)
        let n = 20000
        let df = DataFrame(
            names: ["i", "f", "m", "t"],
            columns: [Self.ints(n, 300, &g), Self.floats(n, 4000, nanEvery: 13, &g), Self.ints(n, 50, missingEvery: 3, &g), Self.ints(n, 7, &g)])
        for keys in [["i"], ["f"], ["m"], ["i", "t"], ["f", "i"]] {
            for count in [1, 10, 1500, n / 9] {
                for largest in [true, false] {
                    for keep in KeepTies.allCases {
                        let got = try df.extremes(count, columns: keys, largest: largest, keep: keep)
                        let want = try Self.naiveExtremes(df, count, keys, largest: largest, keep: keep)
                        #expect(got.index.labels.ints == want.map(Int64.init), "\(keys) n=\(count) largest=\(largest) keep=\(keep)")
                    }
                }
            }
        }
    }

    @Test func boundedHeapKeepsTheMostExtremeWithRepeats() {
        var g = Generator(state: 6)
        let values = (0..<5000).map { _ in Int.random(in: 0..<100, using: &g) }
        for capacity in [1, 3, 64, 700] {
            var largest = BoundedHeap<Int>(capacity: capacity, largest: true)
            var smallest = BoundedHeap<Int>(capacity: capacity, largest: false)
            for v in values {
                largest.offer(v)
                smallest.offer(v)
            }
            #expect(largest.top == values.sorted(by: >)[capacity - 1])
            #expect(smallest.top == values.sorted()[capacity - 1])
        }
        var short = BoundedHeap<Double>(capacity: 5, largest: true)
        short.offer(1)
        #expect(short.top == nil)
    }


    @Test func completePearsonEqualsPairByPairBitForBit() throws {
        var g = Generator(state: 7)
        for (n, k) in [(1, 1), (2, 3), (1000, 5), (1537, 9), (3000, 21)] {
            var columns: [Column] = []
            for j in 0..<k {
                switch j % 4 {
                case 0: columns.append(Self.ints(n, 1_000_000, offset: -300_000, &g))
                case 1: columns.append(Column(float64: (0..<n).map { _ in Double.random(in: -1e6...1e9, using: &g) }))
                case 2: columns.append(Column(bool: (0..<n).map { _ in Bool.random(using: &g) }))
                default: columns.append(Column(int64: [Int64](repeating: 4, count: n)))  // constant: NaN
                }
            }
            let df = DataFrame(names: (0..<k).map { "c\($0)" }, columns: columns)
            let got = try df.correlation()
            let values = columns.map { $0.doubles! }
            for i in 0..<k {
                for j in 0..<k {
                    // Welford's sums are not symmetric in x and y: the matrix holds (x = the
                    // later column, y = the earlier) in both cells, as the pairwise loop does.
                    let want = Correlation.pearson(values[max(i, j)], values[min(i, j)], minPeriods: 1)
                    let have = got.columns[j].floats![i]
                    #expect(have.bitPattern == want.bitPattern || (have.isNaN && want.isNaN), "n=\(n) (\(i), \(j))")
                }
            }
        }
    }

    @Test func completePearsonLeavesMissingValuesAndMinPeriodsToThePairwisePath() throws {
        var g = Generator(state: 8)
        let df = DataFrame(names: ["a", "b", "c"], columns: [Self.floats(500, 40, nanEvery: 6, &g), Self.ints(500, 90, &g), Self.ints(500, 9, missingEvery: 4, &g)])
        let got = try df.correlation()
        let values = df.columns.map { $0.doubles! }
        for i in 0..<3 {
            for j in 0..<3 {
                let want = Correlation.pearson(values[max(i, j)], values[min(i, j)], minPeriods: 1)
                #expect(got.columns[j].floats![i].bitPattern == want.bitPattern)
            }
        }
        let few = DataFrame(names: ["a", "b"], columns: [Column(int64: [1, 2, 3]), Column(int64: [3, 1, 2])])
        #expect(try few.correlation(minPeriods: 4).columns.allSatisfy { $0.floats!.allSatisfy(\.isNaN) })
        let text = DataFrame(names: ["a", "s"], columns: [Column(int64: [1, 2]), Column(string: ["x", "y"])])
        #expect(throws: DataError.wrongType(column: "s", type: .string, operation: "corr")) { try text.correlation() }
        #expect(try text.correlation(numericOnly: true).names == ["a"])
    }


    @Test func countingSortOfTwoKeysIsTheStableSort() throws {
        var g = Generator(state: 9)
        let n = 5000
        // Ints with missing values and floats (ranked by hashing), then ints of a small range
        // without missing values (ranked through a table indexed by value).
        let frames = [
            DataFrame(names: ["a", "b"], columns: [Self.ints(n, 5, missingEvery: 17, &g), Self.floats(n, 300, nanEvery: 23, &g)]),
            DataFrame(names: ["a", "b"], columns: [Self.ints(n, 4, offset: -2, &g), Self.ints(n, 3000, offset: 256, &g)]),
        ]
        for df in frames {
            let a = df.columns[0], b = df.columns[1]
            for up in [(true, true), (true, false), (false, true), (false, false)] {
                func key(_ c: Column, _ r: Int, _ ascending: Bool) -> (Int, Scalar) { c.isMissing(r) ? (1, .missing) : (0, c[r]) }
                let want = stableSort(Array(0..<n)) { x, y in
                    for (c, asc) in [(a, up.0), (b, up.1)] {
                        let p = key(c, x, asc), q = key(c, y, asc)
                        if p.0 != q.0 { return p.0 < q.0 }
                        if p.1 != q.1 { return asc ? p.1 < q.1 : q.1 < p.1 }
                    }
                    return false
                }
                #expect(try df.sortOrder(by: ["a", "b"], ascending: [up.0, up.1]) == want)
            }
        }
        #expect(DataFrame.countingSort([], width: 3) == [])
        #expect(DataFrame.countingSort([2, 0, 2, 1, 0], width: 3) == [1, 4, 3, 0, 2])
    }
}

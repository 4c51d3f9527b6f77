import Testing

@testable import QuireData

/// The boolean filter (`df[mask]`, `s[mask]`) gathers rows run by run or position by position
/// through one `RowSelection`; each case is compared with the straightforward reference: the
/// kept positions found one by one and taken with `Column.taking` and `RowIndex.taking`.
@Suite struct RowSelectionTests {
    typealias Generator = FastPathTests.Generator

    /// The positions where the mask is true and not missing, one row at a time.
    static func referenceRows(_ mask: Column) -> [Int] {
        (0..<mask.count).filter { mask[$0] == .bool(true) }
    }

    /// True when two columns hold the same type, values (NaN equal to NaN, bit for bit),
    /// missing cells and time stamp flag.
    static func same(_ a: Column, _ b: Column) -> Bool {
        guard a.count == b.count, a.type == b.type, a.isDatetime == b.isDatetime, a.validity == b.validity else { return false }
        switch (a.storage, b.storage) {
        case (.int64(let x), .int64(let y)): return x == y
        case (.float64(let x), .float64(let y)): return x.map(\.bitPattern) == y.map(\.bitPattern)
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        default: return false
        }
    }

    static func same(_ a: RowIndex, _ b: RowIndex) -> Bool {
        guard a.name == b.name, a.fromRange == b.fromRange, a.count == b.count else { return false }
        switch (a.kind, b.kind) {
        case (.range(let m), .range(let n)): guard m == n else { return false }
        case (.labels(let x), .labels(let y)): guard same(x, y) else { return false }
        default: return false
        }
        switch (a.multi, b.multi) {
        case (nil, nil): return true
        case (let x?, let y?): return x.names == y.names && zip(x.levels, y.levels).allSatisfy { same($0, $1) }
        default: return false
        }
    }

    /// Checks `frame.filtered(by: mask)` and each column's `Series.filtered(by: mask)` against the
    /// reference.
    static func check(_ frame: DataFrame, _ bits: [Bool], maskValidity: Bitmap? = nil, _ comment: Comment? = nil) throws {
        let maskColumn = Column(.bool(bits), validity: maskValidity)
        let mask = Series(name: "m", column: maskColumn, index: frame.index)
        let rows = referenceRows(maskColumn)
        let kept = try frame.filtered(by: mask)
        #expect(kept.names == frame.names, comment)
        #expect(kept.rowCount == rows.count, comment)
        let sameIndex = same(kept.index, frame.index.taking(rows))
        #expect(sameIndex, comment)
        for (j, column) in frame.columns.enumerated() {
            let sameColumn = same(kept.columns[j], column.taking(rows))
            #expect(sameColumn, "column \(frame.names[j]): \(comment?.description ?? "")")
            var series = frame.series(at: j)
            series.dtypeName = "object"
            let filtered = try series.filtered(by: mask)
            #expect(filtered.name == series.name && filtered.dtypeName == "object", comment)
            let sameSeries = same(filtered.column, column.taking(rows))
            #expect(sameSeries, "series \(frame.names[j]): \(comment?.description ?? "")")
            let sameSeriesIndex = same(filtered.index, frame.index.taking(rows))
            #expect(sameSeriesIndex, comment)
        }
    }

    /// A frame of `n` rows with int, float, bool, string and time stamp columns, the second of
    /// each kind with missing values.
    static func frame(_ n: Int, index: RowIndex? = nil, _ g: inout Generator) -> DataFrame {
        var stamps = FastPathTests.ints(n, 1_000_000, offset: 1_600_000_000_000_000_000, &g)
        stamps.isDatetime = true
        let flags = (0..<n).map { _ in Bool.random(using: &g) }
        return DataFrame(
            names: ["i", "i_na", "f", "f_nan", "b", "b_na", "s", "s_na", "t"],
            columns: [
                FastPathTests.ints(n, 100, &g), FastPathTests.ints(n, 100, missingEvery: 3, &g),
                FastPathTests.floats(n, 50, &g), FastPathTests.floats(n, 50, nanEvery: 4, &g),
                Column(bool: flags), Column(.bool(flags), validity: Bitmap((0..<n).map { $0 % 5 != 0 })),
                FastPathTests.strings(n, 9, &g), FastPathTests.strings(n, 9, missingEvery: 4, &g), stamps,
            ],
            index: index)
    }

    /// Masks of every shape the gather distinguishes, at sizes around the 8-row word steps.
    static func masks(_ n: Int, _ g: inout Generator) -> [(String, [Bool])] {
        [
            ("all kept", [Bool](repeating: true, count: n)),
            ("none kept", [Bool](repeating: false, count: n)),
            ("alternating", (0..<n).map { $0 % 2 == 0 }),
            ("alternating from the second", (0..<n).map { $0 % 2 == 1 }),
            ("runs of 13 and gaps of 3", (0..<n).map { $0 % 16 < 13 }),
            ("long runs", (0..<n).map { ($0 / 37) % 3 != 1 }),
            ("leading run", (0..<n).map { $0 < n / 2 }),
            ("trailing run", (0..<n).map { $0 >= n / 3 }),
            ("only the last row", (0..<n).map { $0 == n - 1 }),
            ("only the first row", (0..<n).map { $0 == 0 }),
            ("random, 90% kept", (0..<n).map { _ in Int.random(in: 0..<10, using: &g) != 0 }),
            ("random, 50% kept", (0..<n).map { _ in Bool.random(using: &g) }),
        ]
    }

    @Test func masksOfEveryShapeOnARangeIndex() throws {
        var g = Generator(state: 19)
        for n in [0, 1, 7, 8, 9, 64, 65, 1000] {
            let df = Self.frame(n, &g)
            for (name, bits) in Self.masks(n, &g) { try Self.check(df, bits, "\(name), \(n) rows") }
        }
    }

    @Test func aMaskWithMissingValuesKeepsNeitherMissingRow() throws {
        var g = Generator(state: 7)
        let n = 300
        let df = Self.frame(n, &g)
        let validity = Bitmap((0..<n).map { $0 % 7 != 0 })
        for (name, bits) in Self.masks(n, &g) { try Self.check(df, bits, maskValidity: validity, "\(name), missing mask values") }
    }

    @Test func labelledIndexesKeepTheirLabelsAndName() throws {
        var g = Generator(state: 3)
        let n = 200
        var byText = RowIndex(labels: FastPathTests.strings(n, 50, &g), name: "key")
        byText.fromRange = false
        var fromRange = RowIndex(labels: Column(int64: (0..<n).map { Int64($0 * 3) }), name: nil)
        fromRange.fromRange = true
        var named = RowIndex(range: n)
        named.name = "row"
        var multi = RowIndex(labels: Column(string: (0..<n).map { "(\($0 % 4), \($0))" }), name: nil)
        multi.multi = MultiIndex(levels: [FastPathTests.ints(n, 4, &g), FastPathTests.ints(n, 1000, &g)], names: ["a", "b"])
        for index in [byText, fromRange, named, multi] {
            let df = Self.frame(n, index: index, &g)
            for (name, bits) in Self.masks(n, &g) { try Self.check(df, bits, "\(name), index \(index.name ?? "-")") }
        }
    }

    /// The selection's own shape: runs, kept count, and positions only when runs are short.
    @Test func runsAndPositions() {
        let mixed = RowSelection(bits: [
            true, true, false, true, false, false, true, true, true, true, true, true, true, true, true, true, true,
        ])
        #expect(mixed.count == 14 && mixed.sourceCount == 17)
        #expect(mixed.runs == [0, 2, 3, 4, 6, 17])
        #expect(mixed.positions == nil)
        #expect(mixed.allPositions == [0, 1, 3] + Array(6..<17))
        let alternating = RowSelection(bits: (0..<20).map { $0 % 2 == 1 })
        #expect(alternating.positions == Array(stride(from: 1, to: 20, by: 2)))
        #expect(alternating.runs.count == 20)
        let none = RowSelection(bits: [Bool](repeating: false, count: 40))
        #expect(none.count == 0 && none.runs.isEmpty && none.isLeadingRun)
        let all = RowSelection(bits: [Bool](repeating: true, count: 40))
        #expect(all.count == 40 && all.runs == [0, 40] && all.isLeadingRun)
        #expect(!RowSelection(bits: [false, true]).isLeadingRun)
        #expect(RowSelection(bits: []).count == 0)
    }

    /// The whole gather path at a size where columns are gathered in parallel and buffers are
    /// prefaulted (over a megabyte each).
    @Test func aLargeFrameMatchesTheReference() throws {
        var g = Generator(state: 11)
        let n = 300_000
        let df = DataFrame(
            names: ["i", "f", "s"],
            columns: [
                FastPathTests.ints(n, 1000, &g), FastPathTests.floats(n, 100, nanEvery: 9, &g),
                FastPathTests.strings(n, 5, missingEvery: 6, &g),
            ])
        try Self.check(df, (0..<n).map { _ in Int.random(in: 0..<11, using: &g) != 0 }, "90% kept")
        try Self.check(df, (0..<n).map { $0 % 3 == 0 }, "every third row")
    }

    @Test func errorsAreUnchanged() throws {
        let df = DataFrame(names: ["a"], columns: [Column(int64: [1, 2, 3])])
        #expect(throws: DataError.self) { try df.filtered(by: Series(name: "a", column: Column(int64: [1, 0, 1]))) }
        #expect(throws: DataError.self) { try df.filtered(by: Series(name: "m", column: Column(bool: [true, false]))) }
        let shuffled = Series(name: "m", column: Column(bool: [true, false, false]), index: RowIndex(labels: Column(int64: [2, 0, 1])))
        let kept = try df.filtered(by: shuffled)
        #expect(kept.rowCount == 1 && kept.columns[0][0] == .int(3))
        let foreign = Series(name: "m", column: Column(bool: [true, true, true]), index: RowIndex(labels: Column(int64: [5, 6, 7])))
        #expect(throws: DataError.self) { try df.filtered(by: foreign) }
    }
}

/// The comparison that builds a mask, on every operator, both orders and NaN.
@Suite struct MaskComparisonTests {
    @Test func everyOperatorMatchesTheElementwiseReference() throws {
        let ints = Series(name: "x", column: Column(int64: [-3, 0, 0, 5, 7, Int64.max, Int64.min]))
        let floats = Series(name: "y", column: Column(float64: [-3, 0, .nan, 5, 7.5, .infinity, -0.0]))
        let ops: [(ComparisonOperator, (Double, Double) -> Bool)] = [
            (.equal, { $0 == $1 }), (.notEqual, { $0 != $1 }), (.less, { $0 < $1 }),
            (.lessEqual, { $0 <= $1 }), (.greater, { $0 > $1 }), (.greaterEqual, { $0 >= $1 }),
        ]
        for (op, holds) in ops {
            for (s, values) in [(ints, [-3.0, 0, 0, 5, 7, 9.3e18, -9.3e18]), (floats, [-3.0, 0, .nan, 5, 7.5, .infinity, -0.0])] {
                let x = 0.0
                let straight = try s.compare(op, .scalar(s.type == .int64 ? .int(0) : .float(x)))
                let reflected = try s.compare(op, .scalar(s.type == .int64 ? .int(0) : .float(x)), reflected: true)
                guard case .bool(let a) = straight.column.storage, case .bool(let b) = reflected.column.storage else {
                    Issue.record("not a bool result")
                    continue
                }
                #expect(a == values.map { holds($0, x) }, "\(op.rawValue) on \(s.name ?? "")")
                #expect(b == values.map { holds(x, $0) }, "reflected \(op.rawValue) on \(s.name ?? "")")
            }
        }
    }
}

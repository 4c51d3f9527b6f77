import Testing
@testable import QuireData

/// The alignment of row labels, as pandas' outer join of two indexes (expected values are
/// pandas 3.1.1's `Index.join(other, how="outer", return_indexers=True)` and Series sums).
@Suite struct AlignmentTests {
    func ints(_ v: [Int64]) -> RowIndex { RowIndex(labels: Column(int64: v)) }
    func texts(_ v: [String]) -> RowIndex { RowIndex(labels: Column(string: v)) }

    @Test func sameLabelsTakeThePositionalPath() {
        #expect(RowIndex(range: 4).aligned(with: RowIndex(range: 4)) == nil)
        #expect(ints([0, 1, 2]).aligned(with: RowIndex(range: 3)) == nil)
        // Repeated labels in the same order are the same labels too.
        #expect(ints([1, 1, 0]).aligned(with: ints([1, 1, 0])) == nil)
        // Ints and floats of equal value are equal labels, as pandas' Index.equals says.
        #expect(RowIndex(labels: Column(float64: [0, 1])).hasSameLabels(as: RowIndex(range: 2)))
        #expect(!RowIndex(range: 3).hasSameLabels(as: RowIndex(range: 4)))
        #expect(!ints([2, 1, 0]).hasSameLabels(as: RowIndex(range: 3)))
    }

    @Test func reorderedLabelsLineUpInSortedOrder() throws {
        let a = try #require(ints([3, 2, 1, 0]).aligned(with: RowIndex(range: 4)))
        #expect(a.index.labels.ints == [0, 1, 2, 3])
        #expect(a.left == [3, 2, 1, 0])
        #expect(a.right == [0, 1, 2, 3])
    }

    @Test func filteredLabelsGiveMinusOneWhereMissing() throws {
        let a = try #require(ints([0, 2]).aligned(with: RowIndex(range: 4)))
        #expect(a.index.labels.ints == [0, 1, 2, 3])
        #expect(a.left == [0, -1, 1, -1])
        #expect(a.right == [0, 1, 2, 3])
    }

    @Test func disjointAndShiftedLabels() throws {
        let d = try #require(ints([5, 6]).aligned(with: ints([1, 0])))
        #expect(d.index.labels.ints == [0, 1, 5, 6])
        #expect(d.left == [-1, -1, 0, 1])
        #expect(d.right == [1, 0, -1, -1])
        let s = try #require(ints([0, 1, 2]).aligned(with: ints([1, 2, 3])))
        #expect(s.index.labels.ints == [0, 1, 2, 3])
        #expect(s.left == [0, 1, 2, -1])
        #expect(s.right == [-1, 0, 1, 2])
    }

    @Test func repeatedLabelsPairEveryRowLeftFirst() throws {
        // pandas: Index([3, 1, 1]).join(Index([1, 1, 0]), how="outer") -> [0, 1, 1, 1, 1, 3]
        let a = try #require(ints([3, 1, 1]).aligned(with: ints([1, 1, 0])))
        #expect(a.index.labels.ints == [0, 1, 1, 1, 1, 3])
        #expect(a.left == [-1, 1, 1, 2, 2, 0])
        #expect(a.right == [2, 0, 1, 0, 1, -1])
    }

    @Test func textLabelsSortByCodePoint() throws {
        let a = try #require(texts(["c", "a", "B"]).aligned(with: texts(["b", "z"])))
        #expect(a.index.labels.strings == ["B", "a", "b", "c", "z"])
        #expect(a.left == [2, 1, -1, 0, -1])
        #expect(a.right == [-1, -1, 0, -1, 1])
    }

    @Test func intAndFloatLabelsMeetAsFloats() throws {
        let a = try #require(RowIndex(labels: Column(float64: [1, 2.5])).aligned(with: ints([1, 2])))
        #expect(a.index.labels.floats == [1, 2, 2.5])
        #expect(a.left == [0, -1, 1])
        #expect(a.right == [0, 1, -1])
    }

    @Test func emptySideKeepsTheOtherSorted() throws {
        let a = try #require(ints([2, 0]).aligned(with: ints([])))
        #expect(a.index.labels.ints == [0, 2])
        #expect(a.left == [1, 0])
        #expect(a.right == [-1, -1])
    }

    @Test func reindexRowsForColumnAssignment() {
        #expect(ints([1, 5, 0]).rows(matching: RowIndex(range: 2)) == [2, 0])
        #expect(ints([1, 1]).rows(matching: RowIndex(range: 2)) == nil)
        #expect(RowIndex(range: 3).rows(matching: RowIndex(range: 3)) == [0, 1, 2])
    }

    @Test func seriesArithmeticAlignsAndPromotesToFloat() throws {
        // pandas: s = Series([10, 20, 30, 40]); s[[0, 2]] + s -> 20.0, NaN, 60.0, NaN
        let s = Series(name: "b", column: Column(int64: [10, 20, 30, 40]))
        let kept = s.taking([0, 2])
        let sum = try kept.arithmetic(.add, .series(s))
        #expect(sum.name == "b")
        #expect(sum.column.type == .float64)
        let v = try #require(sum.column.floats)
        #expect(v[0] == 20 && v[1].isNaN && v[2] == 60 && v[3].isNaN)
        // Sorted descending, then subtracted: label by label, all zeros, still ints.
        let diff = try s.sortValues(ascending: false).arithmetic(.subtract, .series(s))
        #expect(diff.column.ints == [0, 0, 0, 0])
        // fill_value: one side missing takes the fill; pandas gives floats.
        let filled = try kept.arithmetic(.add, .series(s), fill: .int(0))
        #expect(filled.column.floats == [20, 20, 60, 40])
    }

    @Test func comparisonOfDifferentLabelsIsAnError() {
        let s = Series(name: "b", column: Column(int64: [10, 20, 30]))
        #expect(throws: DataError.differentLabels) { try s.sortValues(ascending: false).compare(.equal, .series(s)) }
        #expect(throws: DataError.differentLabels) { try s.taking([0]).compare(.less, .series(s)) }
    }

    @Test func logicalOperatorsAlignAsPandas() throws {
        // pandas: Series([T, F, T]) | Series([T, T], index=[3, 2]) -> T, F, T, F
        let a = Series(name: nil, column: Column(bool: [true, false, true]))
        let b = Series(name: nil, column: Column(bool: [true, true]), index: ints([3, 2]))
        let or = try a.logical(and: false, .series(b))
        #expect(or.column.bools == [true, false, true, false])
        #expect(or.index.labels.ints == [0, 1, 2, 3])
    }

    @Test func frameWithFrameAlignsRowsAndColumns() throws {
        let d1 = DataFrame(names: ["a", "c"], columns: [Column(int64: [1, 2]), Column(int64: [5, 6])])
        let d2 = DataFrame(names: ["b", "a"], columns: [Column(int64: [1, 2]), Column(int64: [10, 20])], index: ints([1, 2]))
        let sum = try d1.arithmetic(.add, .frame(d2), fill: .int(0))
        // pandas: d1.add(d2, fill_value=0) -> columns a, b, c; a = 1.0, 12.0, 20.0
        #expect(sum.names == ["a", "b", "c"])
        #expect(sum.columns[0].floats == [1, 12, 20])
        let b = try #require(sum.columns[1].floats)
        #expect(b[0].isNaN && b[1] == 1 && b[2] == 2)
    }

    @Test func frameWithSeriesByColumnNameOrRow() throws {
        let d = DataFrame(names: ["a", "c"], columns: [Column(int64: [1, 2]), Column(int64: [5, 6])])
        let byName = Series(name: nil, column: Column(int64: [1, 2]), index: texts(["c", "a"]))
        let r = try d.arithmetic(.add, .series(byName))
        #expect(r.names == ["a", "c"])
        #expect(r.columns[0].ints == [3, 4])
        #expect(r.columns[1].ints == [6, 7])
        #expect(throws: DataError.labelsNotColumnNames) { try d.arithmetic(.add, .series(Series(name: nil, column: Column(int64: [1, 2])))) }
        let byRow = Series(name: nil, column: Column(int64: [1, 2]), index: ints([1, 5]))
        let s = try d.arithmetic(.subtract, .series(byRow), axis: .index)
        #expect(s.index.labels.ints == [0, 1, 5])
        #expect(s.columns[1].floats.map { $0.map { $0.isNaN ? -1 : $0 } } == [-1, 5, -1])
    }

    @Test func settingAndResettingTheIndex() throws {
        let d = DataFrame(names: ["k", "v"], columns: [Column(string: ["x", "y"]), Column(int64: [1, 2])])
        let keyed = try d.settingIndex("k")
        #expect(keyed.names == ["v"])
        #expect(keyed.index.name == "k")
        let back = try keyed.resettingIndex(drop: false)
        #expect(back.names == ["k", "v"])
        #expect(back.index.isRange)
        #expect(throws: DataError.noSuchColumn(name: "z", columns: ["k", "v"])) { try d.settingIndex("z") }
        #expect(throws: DataError.columnExists(name: "k")) {
            try DataFrame(names: ["k"], columns: [Column(int64: [1])], index: RowIndex(labels: Column(int64: [0]), name: "k")).resettingIndex(drop: false)
        }
    }
}

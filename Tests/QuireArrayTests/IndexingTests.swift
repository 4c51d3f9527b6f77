import Testing
@testable import QuireArray

@Suite struct IndexingTests {
    /// [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]
    let m = i64(Array(0..<12), [3, 4])

    @Test func rowsColumnsAndBlocks() throws {
        #expect(try m.subscripted([.index(0)]).i == [0, 1, 2, 3])
        #expect(try m.subscripted([.index(-1)]).i == [8, 9, 10, 11])
        let column = try m.subscripted([.all, .index(2)])
        #expect(column.shape == [3])
        #expect(column.i == [2, 6, 10])
        let block = try m.subscripted([.slice(start: 1, stop: 3, step: nil), .all])
        #expect(block.shape == [2, 4])
        #expect(block.i == [4, 5, 6, 7, 8, 9, 10, 11])
        #expect(try m.subscripted([.index(1), .index(2)]).shape == [])
        #expect(try m.subscripted([.index(1), .index(2)]).i == [6])
    }

    @Test func stepsAndNegativeBounds() throws {
        #expect(try m.subscripted([.all, .slice(start: nil, stop: nil, step: 2)]).i == [0, 2, 4, 6, 8, 10])
        #expect(try m.subscripted([.index(0), .slice(start: nil, stop: nil, step: -1)]).i == [3, 2, 1, 0])
        #expect(try m.subscripted([.slice(start: -2, stop: nil, step: nil), .slice(start: 1, stop: -1, step: nil)]).i == [5, 6, 9, 10])
        #expect(try m.subscripted([.slice(start: 5, stop: 9, step: nil)]).shape == [0, 4])
    }

    @Test func indexErrors() {
        #expect(throws: ArrayError.indexOutOfRange(index: 3, axis: 0, size: 3)) { try m.subscripted([.index(3)]) }
        #expect(throws: ArrayError.indexOutOfRange(index: -5, axis: 1, size: 4)) { try m.subscripted([.all, .index(-5)]) }
        #expect(throws: ArrayError.tooManyIndices(given: 3, ndim: 2)) { try m.subscripted([.index(0), .index(0), .index(0)]) }
        #expect(throws: ArrayError.zeroStep) { try m.subscripted([.slice(start: nil, stop: nil, step: 0)]) }
    }

    @Test func slicesAreCopies() throws {
        var row = try m.subscripted([.index(0)])
        try row.assign([.index(0)], .scalar(99))
        #expect(m.i[0] == 0)
    }

    @Test func assignBroadcastsAndConverts() throws {
        var a = m
        try a.assign([.slice(start: 0, stop: 2, step: nil), .index(0)], .scalar(-1))
        #expect(a.i == [-1, 1, 2, 3, -1, 5, 6, 7, 8, 9, 10, 11])
        try a.assign([.index(2)], .array(i64([1, 2, 3, 4])))
        #expect(Array(a.i.suffix(4)) == [1, 2, 3, 4])
        try a.assign([.index(0), .index(1)], .scalar(2.9))
        #expect(a.i[1] == 2)
        #expect(throws: ArrayError.shapeMismatch([3], [4])) { try a.assign([.index(0)], .array(i64([1, 2, 3]))) }
        var img = u8([0, 0])
        #expect(throws: ArrayError.scalarOutOfRange(value: 300, dtype: .uint8)) { try img.assign([.index(0)], .scalar(300)) }
    }

    @Test func assigningIntoACopyLeavesTheOriginal() throws {
        var b = m
        try b.assign([.index(0), .index(0)], .scalar(42))
        try b.assign(mask: NDArray.compare(.equal, .array(b), .scalar(11)), .scalar(-11))
        #expect(m.i == Array(0..<12))
        #expect(b.i[0] == 42 && b.i[11] == -11)
    }

    @Test func rowsSplitTheFirstAxis() throws {
        let rows = try m.rows()
        #expect(rows.count == 3)
        #expect(rows[1].shape == [4] && rows[1].i == [4, 5, 6, 7])
        #expect(throws: ArrayError.wrongDimensions(operation: "rows", expected: "at least 1", got: 0)) { try i64([1], []).rows() }
    }

    @Test func booleanMaskSelects() throws {
        let mask = try NDArray.compare(.greater, .array(m), .scalar(6))
        let r = try m.masked(mask)
        #expect(r.shape == [5])
        #expect(r.i == [7, 8, 9, 10, 11])
        let rows = try m.masked(bools([true, false, true]))
        #expect(rows.shape == [2, 4])
        #expect(rows.i == [0, 1, 2, 3, 8, 9, 10, 11])
        #expect(throws: ArrayError.maskShapeMismatch(mask: [2], array: [3, 4])) { try m.masked(bools([true, false])) }
        #expect(throws: ArrayError.maskShapeMismatch(mask: [3, 4], array: [3, 4])) { try m.masked(m) }
    }

    @Test func maskAssignment() throws {
        var a = f64([1, -2, 3, -4])
        try a.assign(mask: NDArray.compare(.less, .array(a), .scalar(0)), .scalar(0))
        #expect(a.d == [1, 0, 3, 0])
    }

    @Test func takeRows() throws {
        #expect(try m.take([2, 0]).i == [8, 9, 10, 11, 0, 1, 2, 3])
        #expect(try m.take([-1]).shape == [1, 4])
        #expect(throws: ArrayError.indexOutOfRange(index: 3, axis: 0, size: 3)) { try m.take([3]) }
    }
}

import Testing
@testable import QuireArray

@Suite struct ShapeTests {
    @Test func reshapeInfersOneDimension() throws {
        let a = i64(Array(0..<12))
        #expect(try a.reshape([3, -1]).shape == [3, 4])
        #expect(try a.reshape([-1]).shape == [12])
        #expect(throws: ArrayError.badReshape(from: [12], to: [5, -1])) { try a.reshape([5, -1]) }
        #expect(throws: ArrayError.badReshape(from: [12], to: [-1, -1])) { try a.reshape([-1, -1]) }
        #expect(throws: ArrayError.badReshape(from: [12], to: [4, 4])) { try a.reshape([4, 4]) }
        #expect(try a.reshape([3, 4]).flatten() == a)
    }

    @Test func transposeTwoAndThreeDimensions() throws {
        let m = i64(Array(0..<6), [2, 3])
        let t = try m.transpose()
        #expect(t.shape == [3, 2])
        #expect(t.i == [0, 3, 1, 4, 2, 5])
        let c = i64(Array(0..<24), [2, 3, 4])
        let p = try c.transpose([1, 0, 2])
        #expect(p.shape == [3, 2, 4])
        #expect(Array(p.i.prefix(8)) == [0, 1, 2, 3, 12, 13, 14, 15])
        #expect(try c.transpose([2, 0, 1]).shape == [4, 2, 3])
        #expect(try c.transpose().shape == [4, 3, 2])
        #expect(throws: ArrayError.badPermutation(axes: [0, 0, 1], ndim: 3)) { try c.transpose([0, 0, 1]) }
        #expect(throws: ArrayError.badAxis(axis: 3, ndim: 3)) { try c.transpose([0, 1, 3]) }
    }

    @Test func concatenateAndStack() throws {
        let a = i64([1, 2, 3, 4], [2, 2]), b = i64([5, 6], [1, 2])
        let rows = try NDArray.concatenate([a, b])
        #expect(rows.shape == [3, 2])
        #expect(rows.i == [1, 2, 3, 4, 5, 6])
        let columns = try NDArray.concatenate([a, i64([9, 9], [2, 1])], axis: 1)
        #expect(columns.i == [1, 2, 9, 3, 4, 9])
        #expect(try NDArray.concatenate([i64([1]), f64([2.5])]).dtype == .float64)
        #expect(throws: ArrayError.joinShapeMismatch(operation: "concatenate", shapes: [[2, 2], [1, 3]])) {
            try NDArray.concatenate([a, i64([1, 2, 3], [1, 3])])
        }
        let s = try NDArray.stack([i64([1, 2]), i64([3, 4])])
        #expect(s.shape == [2, 2] && s.i == [1, 2, 3, 4])
        let s1 = try NDArray.stack([i64([1, 2]), i64([3, 4])], axis: 1)
        #expect(s1.i == [1, 3, 2, 4])
        #expect(throws: ArrayError.nothingToJoin(operation: "stack")) { try NDArray.stack([]) }
        #expect(throws: ArrayError.joinShapeMismatch(operation: "stack", shapes: [[2], [3]])) { try NDArray.stack([i64([1, 2]), i64([1, 2, 3])]) }
    }
}

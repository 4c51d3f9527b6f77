import Testing
@testable import QuireArray

@Suite struct BroadcastTests {
    @Test func sameShapeAdds() throws {
        let r = try f64([1, 2, 3]) + f64([10, 20, 30])
        #expect(r.d == [11, 22, 33])
        #expect(r.shape == [3])
    }

    @Test func scalarOnEitherSide() throws {
        #expect(try (i64([1, 2, 3]) * 2).i == [2, 4, 6])
        let reflected = try NDArray.arithmetic(.subtract, .scalar(10), .array(i64([1, 2, 3])))
        #expect(reflected.i == [9, 8, 7])
    }

    @Test func rowAgainstMatrix() throws {
        let m = i64([1, 2, 3, 4, 5, 6], [2, 3])
        let r = try m + i64([10, 20, 30])
        #expect(r.shape == [2, 3])
        #expect(r.i == [11, 22, 33, 14, 25, 36])
    }

    @Test func columnAgainstRowMakesATable() throws {
        let r = try i64([1, 2], [2, 1]) * i64([1, 10, 100], [1, 3])
        #expect(r.shape == [2, 3])
        #expect(r.i == [1, 10, 100, 2, 20, 200])
    }

    @Test func channelsOfAnImage() throws {
        let image = u8(Array(0..<12), [2, 2, 3])
        let r = try NDArray.arithmetic(.multiply, .array(image), .array(u8([1, 0, 2])))
        #expect(r.dtype == .uint8)
        #expect(r.i == [0, 0, 4, 3, 0, 10, 6, 0, 16, 9, 0, 22])
    }

    @Test func shapeMismatchNamesBothShapes() {
        #expect(throws: ArrayError.shapeMismatch([2, 3], [2])) { try i64([1, 2, 3, 4, 5, 6], [2, 3]) + i64([1, 2]) }
        #expect(throws: ArrayError.shapeMismatch([3], [4])) { try f64([1, 2, 3]) + f64([1, 2, 3, 4]) }
    }

    @Test func broadcastShapeRules() throws {
        #expect(try broadcastShape([8, 1, 6, 1], [7, 1, 5]) == [8, 7, 6, 5])
        #expect(try broadcastShape([], [3]) == [3])
        #expect(try broadcastShape([0], [1]) == [0])
        #expect(throws: ArrayError.self) { try broadcastShape([2, 1], [8, 4, 3]) }
    }

    @Test func broadcastToMaterializes() throws {
        let r = try i64([1, 2]).broadcast(to: [3, 2])
        #expect(r.i == [1, 2, 1, 2, 1, 2])
        #expect(throws: ArrayError.shapeMismatch([2], [3, 3])) { try i64([1, 2]).broadcast(to: [3, 3]) }
    }

    @Test func comparisonsGiveBools() throws {
        let a = i64([1, 5, 3])
        #expect(try NDArray.compare(.greater, .array(a), .scalar(2)).b == [false, true, true])
        #expect(try NDArray.compare(.equal, .array(a), .array(i64([1, 2, 3]))).b == [true, false, true])
        #expect(try NDArray.compare(.lessEqual, .scalar(3), .array(a)).b == [false, true, true])
        let nan = try NDArray.compare(.notEqual, .array(f64([.nan, 1])), .array(f64([.nan, 1])))
        #expect(nan.b == [true, false])
    }

    @Test func uint8ComparedWithAnOutOfRangeIntIsExact() throws {
        let a = u8([0, 200, 255])
        #expect(try NDArray.compare(.less, .array(a), .scalar(300)).b == [true, true, true])
        #expect(try NDArray.compare(.greater, .array(a), .scalar(-1)).b == [true, true, true])
    }

    @Test func boolsCompareAsZeroAndOne() throws {
        let r = try NDArray.compare(.less, .array(bools([false, true])), .array(bools([true, true])))
        #expect(r.b == [true, false])
    }

    @Test func logicalAndOrNot() throws {
        let p = bools([true, true, false, false]), q = bools([true, false, true, false])
        #expect(try NDArray.logical(.and, .array(p), .array(q)).b == [true, false, false, false])
        #expect(try NDArray.logical(.or, .array(p), .array(q)).b == [true, true, true, false])
        #expect(p.logicalNot().b == [false, false, true, true])
        #expect(try NDArray.logical(.and, .array(p), .scalar(true)).b == [true, true, false, false])
        #expect(try NDArray.bitwise(.and, .array(i64([6, 3])), .array(i64([3, 3]))).i == [2, 3])
        #expect(throws: ArrayError.unsupported(operation: "&", dtype: .float64)) {
            try NDArray.bitwise(.and, .array(f64([1])), .array(f64([1])))
        }
    }

    @Test func anyAndAll() {
        #expect(bools([false, true]).any())
        #expect(!bools([false, true]).all())
        #expect(f64([]).all())
        #expect(!f64([]).any())
    }
}

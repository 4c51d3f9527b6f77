import Testing

@testable import QuireArray

/// `NDArray.matmul` against numpy 2.4's `np.matmul` (values worked out by hand and checked in numpy).
@Suite struct MatmulTests {
    @Test func matrixTimesMatrixInEachFloatType() throws {
        let a = NDArray(shape: [2, 3], float64: [1, 2, 3, 4, 5, 6])
        let b = NDArray(shape: [3, 2], float64: [7, 8, 9, 10, 11, 12])
        #expect(try NDArray.matmul(a, b) == NDArray(shape: [2, 2], float64: [58, 64, 139, 154]))
        let c = try NDArray.matmul(a.astype(.float32), b.astype(.float32))
        #expect(c == NDArray(shape: [2, 2], float32: [58, 64, 139, 154]))
    }

    @Test func integersStayIntegersAndWrap() throws {
        let a = NDArray(shape: [1, 2], int64: [Int64.max, 1])
        let b = NDArray(shape: [2, 1], int64: [2, 3])
        // numpy: (2**63 - 1) * 2 + 3 wraps to 1.
        #expect(try NDArray.matmul(a, b) == NDArray(shape: [1, 1], int64: [1]))
        let u = NDArray(shape: [1, 2], uint8: [200, 100])
        #expect(try NDArray.matmul(u, NDArray(shape: [2], uint8: [1, 1])) == NDArray(shape: [1], uint8: [44]))
        let p = NDArray(shape: [2, 2], bool: [true, false, false, false])
        #expect(try NDArray.matmul(p, p) == NDArray(shape: [2, 2], bool: [true, false, false, false]))
    }

    @Test func mixedTypesPromote() throws {
        let a = NDArray(shape: [1, 2], int64: [1, 2])
        let b = NDArray(shape: [2, 1], float32: [0.5, 0.25])
        #expect(try NDArray.matmul(a, b) == NDArray(shape: [1, 1], float64: [1]))
    }

    @Test func vectorsLoseTheirAddedAxis() throws {
        let m = NDArray(shape: [3, 2], int64: [1, 2, 3, 4, 5, 6])
        #expect(try NDArray.matmul(NDArray(shape: [3], int64: [1, 2, 3]), m) == NDArray(shape: [2], int64: [22, 28]))
        #expect(try NDArray.matmul(m, NDArray(shape: [2], int64: [1, 1])) == NDArray(shape: [3], int64: [3, 7, 11]))
        let dot = try NDArray.matmul(NDArray(shape: [2], float64: [1, 2]), NDArray(shape: [2], float64: [3, 4]))
        #expect(dot.shape == [] && dot.doubles == [11])
    }

    @Test func stacksBroadcastAndEmptyInnerDimensionsGiveZeros() throws {
        let s = NDArray(shape: [2, 1, 1, 2], float64: [1, 2, 3, 4])
        let t = NDArray(shape: [3, 2, 1], float64: [1, 1, 2, 2, 3, 3])
        let r = try NDArray.matmul(s, t)
        #expect(r.shape == [2, 3, 1, 1])
        #expect(r.doubles == [3, 6, 9, 7, 14, 21])
        let z = try NDArray.matmul(NDArray(shape: [2, 0], float64: []), NDArray(shape: [0, 3], float64: []))
        #expect(z == NDArray(shape: [2, 3], float64: [0, 0, 0, 0, 0, 0]))
    }

    @Test func mismatchesAndScalarsAreRefused() {
        let a = NDArray(shape: [3, 2], float64: [1, 2, 3, 4, 5, 6])
        #expect(throws: ArrayError.matmulMismatch([3, 2], [3, 3])) { try NDArray.matmul(a, NDArray(shape: [3, 3], float64: Array(repeating: 1, count: 9))) }
        #expect(throws: ArrayError.matmulMismatch([3, 2], [3])) { try NDArray.matmul(a, NDArray(shape: [3], float64: [1, 1, 1])) }
        #expect(throws: ArrayError.wrongDimensions(operation: "matmul", expected: "1 or more", got: 0)) {
            try NDArray.matmul(NDArray(shape: [], float64: [2]), a)
        }
        #expect(throws: ArrayError.shapeMismatch([2, 2, 3], [4, 3, 1])) {
            try NDArray.matmul(NDArray(shape: [2, 2, 3], float64: Array(repeating: 1, count: 12)), NDArray(shape: [4, 3, 1], float64: Array(repeating: 1, count: 12)))
        }
    }
}

import Testing
@testable import QuireArray

/// Expected values are numpy 2.4's results for the same inputs.
@Suite struct ReductionTests {
    @Test func float64SumIsPairwiseLikeNumpy() throws {
        let x = sevenths(10000)
        // numpy: 7143142.857142857; a naive left-to-right loop gives 7143142.8571429625.
        #expect(try x.sum().scalar == 7143142.857142857)
        #expect(try x.mean().scalar == 714.3142857142857)
        #expect(try x.standardDeviation().scalar == 412.3930473591959)
        #expect(try x.variance(ddof: 1).scalar == 170085.0340136054)
    }

    @Test func float32ReductionsStayFloat32() throws {
        let x = f32((0..<10000).map { Float($0) / 7 + Float(0.1) })
        let s = try x.sum()
        #expect(s.dtype == .float32)
        #expect(s.scalar == 7143143.0)
        #expect(try x.mean().scalar == 714.3142700195312)
        #expect(try x.standardDeviation().scalar == 412.3930358886719)
    }

    @Test func axisSumsMatchNumpy() throws {
        let m = try sevenths(10000).reshape([100, 100])
        let columns = try m.sum(axis: 0)
        #expect(columns.shape == [100])
        #expect(Array(columns.d.prefix(3)) == [70724.28571428571, 70738.57142857142, 70752.85714285713])
        #expect(Array(try m.sum(axis: 1).d.prefix(3)) == [717.1428571428571, 2145.714285714286, 3574.285714285714])
        #expect(Array(try m.standardDeviation(axis: 0).d.prefix(2)) == [412.37242925317315, 412.3724292531731])
        #expect(Array(try m.mean(axis: -1).d.prefix(2)) == [7.171428571428571, 21.45714285714286])
    }

    @Test func threeDimensionalAxisSums() throws {
        let x = try sevenths(10000).reshape([10, 100, 10])
        let a1 = try x.sum(axis: 1)
        #expect(a1.shape == [10, 10])
        #expect(Array(a1.d.prefix(2)) == [7081.428571428571, 7095.714285714285])
        #expect(Array(try x.sum(axis: 2).d.prefix(2)) == [7.428571428571429, 21.71428571428571])
        #expect(Array(try x.sum(axis: 0).d.prefix(2)) == [6429.571428571428, 6430.999999999999])
    }

    @Test func uint8SumIsInt64AndMeanFloat64() throws {
        let u = u8((0..<300).map { UInt8($0 % 256) })
        let s = try u.sum()
        #expect(s.dtype == .int64)
        #expect(s.i == [33586])
        #expect(try u.mean().scalar == 111.95333333333333)
        #expect(try u.standardDeviation().scalar == 78.03950594980012)
        #expect(try bools([true, true, false]).sum().i == [2])
    }

    @Test func minMaxKeepTheDtypeAndPropagateNaN() throws {
        let m = i64([3, 9, 1, 4], [2, 2])
        #expect(try m.max().i == [9])
        #expect(try m.min(axis: 0).i == [1, 4])
        #expect(try m.max(axis: 1).i == [9, 4])
        #expect(try u8([3, 200]).max().dtype == .uint8)
        #expect(try f64([1, .nan, 3]).max().scalar.isNaN)
    }

    @Test func argmaxTakesTheFirstOnTies() throws {
        #expect(try f64([1, 5, 5, 2]).argmax().i == [1])
        #expect(try f64([1, 5, .nan, 2]).argmax().i == [2])
        #expect(try i64([4, 1, 1]).argmin().i == [1])
        let m = i64([1, 9, 7, 3], [2, 2])
        #expect(try m.argmax(axis: 0).i == [1, 0])
        #expect(try m.argmax(axis: 1).i == [1, 0])
        #expect(try m.argmax().i == [1])
    }

    @Test func emptyReductions() throws {
        #expect(throws: ArrayError.emptyReduction(operation: "maximum")) { try f64([]).max() }
        #expect(throws: ArrayError.emptyReduction(operation: "argmin")) { try f64([]).argmin() }
        #expect(try f64([]).sum().scalar == 0)
        #expect(try f64([]).mean().scalar.isNaN)
    }

    @Test func badAxis() {
        #expect(throws: ArrayError.badAxis(axis: 2, ndim: 2)) { try i64([1, 2, 3, 4], [2, 2]).sum(axis: 2) }
        #expect(throws: ArrayError.badAxis(axis: -3, ndim: 2)) { try i64([1, 2, 3, 4], [2, 2]).mean(axis: -3) }
    }

    @Test func ddofBeyondTheCountGivesInfinity() throws {
        #expect(try f64([1, 2]).variance(ddof: 2).scalar.isNaN == false)
        #expect(try f64([1, 2]).variance(ddof: 2).scalar == .infinity)
    }
}

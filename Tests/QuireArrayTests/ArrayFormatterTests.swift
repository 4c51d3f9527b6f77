import Testing
@testable import QuireArray

/// Expected texts are numpy 2.4's `repr` of the same arrays (bools written true/false).
@Suite struct ArrayFormatterTests {
    @Test func integersAlignRight() {
        #expect(ArrayFormatter.repr(i64([1, 2, 3, 4], [2, 2])) == "array([[1, 2],\n       [3, 4]])")
        let big = try! NDArray.arithmetic(.multiply, .array(i64(Array(0..<12), [3, 4])), .scalar(1_000_000))
        #expect(ArrayFormatter.repr(big) == """
            array([[       0,  1000000,  2000000,  3000000],
                   [ 4000000,  5000000,  6000000,  7000000],
                   [ 8000000,  9000000, 10000000, 11000000]])
            """)
    }

    @Test func floatsAlignOnThePoint() {
        #expect(ArrayFormatter.repr(f64([1.5, 2.25])) == "array([1.5 , 2.25])")
        #expect(ArrayFormatter.repr(f64([1, 2])) == "array([1., 2.])")
        #expect(ArrayFormatter.repr(f64([0, 0.1, 0.2, 0.30000000000000004])) == "array([0. , 0.1, 0.2, 0.3])")
        #expect(ArrayFormatter.repr(f64([.nan, 1.5, -.infinity])) == "array([ nan,  1.5, -inf])")
    }

    @Test func floatsSwitchToScientific() {
        #expect(ArrayFormatter.repr(f64([0.1, 1000.5])) == "array([1.0000e-01, 1.0005e+03])")
        #expect(ArrayFormatter.repr(f64([1e-5, 1])) == "array([1.e-05, 1.e+00])")
        #expect(ArrayFormatter.repr(f64([1e10, -1, .nan])) == "array([ 1.e+10, -1.e+00,     nan])")
        #expect(ArrayFormatter.repr(f64([1.5, -2.25, 1e-3, 100], [2, 2])) == "array([[ 1.50e+00, -2.25e+00],\n       [ 1.00e-03,  1.00e+02]])")
    }

    @Test func longRowsWrapAt75Columns() {
        let x = f64((0..<30).map { Double($0) / 7 })
        #expect(ArrayFormatter.repr(x) == """
            array([0.        , 0.14285714, 0.28571429, 0.42857143, 0.57142857,
                   0.71428571, 0.85714286, 1.        , 1.14285714, 1.28571429,
                   1.42857143, 1.57142857, 1.71428571, 1.85714286, 2.        ,
                   2.14285714, 2.28571429, 2.42857143, 2.57142857, 2.71428571,
                   2.85714286, 3.        , 3.14285714, 3.28571429, 3.42857143,
                   3.57142857, 3.71428571, 3.85714286, 4.        , 4.14285714])
            """)
    }

    @Test func largeArraysAreElided() {
        let u = u8((0..<2000).map { UInt8($0 % 256) }, [40, 50])
        #expect(ArrayFormatter.repr(u) == """
            array([[  0,   1,   2, ...,  47,  48,  49],
                   [ 50,  51,  52, ...,  97,  98,  99],
                   [100, 101, 102, ..., 147, 148, 149],
                   ...,
                   [ 58,  59,  60, ..., 105, 106, 107],
                   [108, 109, 110, ..., 155, 156, 157],
                   [158, 159, 160, ..., 205, 206, 207]], shape=(40, 50), dtype=uint8)
            """)
        let f = f64((0..<2000).map(Double.init), [2, 1000])
        #expect(ArrayFormatter.repr(f) == """
            array([[0.000e+00, 1.000e+00, 2.000e+00, ..., 9.970e+02, 9.980e+02,
                    9.990e+02],
                   [1.000e+03, 1.001e+03, 1.002e+03, ..., 1.997e+03, 1.998e+03,
                    1.999e+03]], shape=(2, 1000))
            """)
    }

    @Test func threeDimensionsLeaveABlankLine() {
        #expect(ArrayFormatter.repr(i64(Array(1...8), [2, 2, 2])) == "array([[[1, 2],\n        [3, 4]],\n\n       [[5, 6],\n        [7, 8]]])")
    }

    @Test func dtypesAndSpecialShapes() {
        #expect(ArrayFormatter.repr(f32([0.1, 0.2].map { $0 * 3 })) == "array([0.3, 0.6], dtype=float32)")
        #expect(ArrayFormatter.repr(bools([false, true])) == "array([false,  true])")
        #expect(ArrayFormatter.repr(u8([])) == "array([], dtype=uint8)")
        #expect(ArrayFormatter.repr(f64([], [0, 3])) == "array([], shape=(0, 3), dtype=float64)")
        #expect(ArrayFormatter.repr(i64([5], [])) == "array(5)")
        #expect(ArrayFormatter.repr(f64([2.5], [])) == "array(2.5)")
    }
}

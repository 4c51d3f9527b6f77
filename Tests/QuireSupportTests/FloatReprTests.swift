import Testing

@testable import QuireSupport

/// Expected text is Python's `repr(float)` (and numpy's float32 repr for the shortest digits).
@Suite struct FloatReprTests {
    @Test func pythonRepr() {
        #expect(FloatRepr.python(0.1) == "0.1")
        #expect(FloatRepr.python(1e-05) == "1e-05")
        #expect(FloatRepr.python(0.0001) == "0.0001")
        #expect(FloatRepr.python(2.0) == "2.0")
        #expect(FloatRepr.python(1e16) == "1e+16")
        #expect(FloatRepr.python(1.5e16) == "1.5e+16")
        #expect(FloatRepr.python(9999999999999998.0) == "9999999999999998.0")
        #expect(FloatRepr.python(123456789.123) == "123456789.123")
        #expect(FloatRepr.python(-2.5e-300) == "-2.5e-300")
        #expect(FloatRepr.python(-0.0) == "-0.0")
        #expect(FloatRepr.python(.nan) == "nan")
        #expect(FloatRepr.python(-.infinity) == "-inf")
    }

    @Test func shortestDigits() {
        #expect(FloatRepr.shortestDigits(0.000123).digits == "123")
        #expect(FloatRepr.shortestDigits(0.000123).exponent == -4)
        #expect(FloatRepr.shortestDigits(-1200.0) == (true, "12", 3))
        // 0.1 as float32 is 0.100000001490116...; its shortest float32 digits are "1".
        #expect(FloatRepr.shortestDigits(Double(Float(0.1)), float32: true).digits == "1")
        #expect(FloatRepr.shortestDigits(Double(Float(0.1))).digits == "10000000149011612")
    }
}

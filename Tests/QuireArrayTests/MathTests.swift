import Testing
@testable import QuireArray

/// Expected values are numpy 2.4's results for the same inputs.
@Suite struct MathTests {
    @Test func sqrtOfIntegersIsFloat64() {
        let r = i64([1, 4, 2]).math(.sqrt)
        #expect(r.dtype == .float64)
        #expect(r.d == [1, 2, 2.0.squareRoot()])
        #expect(u8([4]).math(.sqrt).dtype == .float32)
        #expect(f32([4]).math(.sqrt).dtype == .float32)
    }

    @Test func expLogDegreesRadians() {
        #expect(f64([1, 2]).math(.exp).d == [2.718281828459045, 7.38905609893065])
        #expect(f64([10, 2]).math(.log).d == [2.302585092994046, 0.6931471805599453])
        #expect(f64([1]).math(.degrees).d == [57.29577951308232])
        #expect(f64([45]).math(.radians).d == [0.7853981633974483])
        #expect(f64([-1]).math(.log).d[0].isNaN)
    }

    @Test func hypotAndAtan2Broadcast() throws {
        #expect(try NDArray.hypot(.array(f64([3, 5])), .scalar(4)).d == [5, 6.4031242374328485])
        #expect(try NDArray.atan2(.array(f64([1, -1])), .array(f64([-1, -1]))).d == [2.356194490192345, -2.356194490192345])
        #expect(try NDArray.hypot(.scalar(3), .scalar(4)).d == [5])
        #expect(throws: ArrayError.shapeMismatch([2], [3])) { try NDArray.hypot(.array(f64([1, 2])), .array(f64([1, 2, 3]))) }
    }

    @Test func absKeepsTheDtype() {
        #expect(i64([-3, 4, Int64.min]).absolute().i == [3, 4, Int64.min])
        #expect(f32([-1.5]).absolute().dtype == .float32)
    }

    @Test func roundHalfToEven() {
        // numpy: round([0.5, 1.5, 2.5, -0.5, 2.675]) == [0, 2, 2, -0, 3]
        let r = f64([0.5, 1.5, 2.5, -0.5, 2.675]).rounded()
        #expect(r.d == [0, 2, 2, -0.0, 3])
        #expect(r.d[3].sign == .minus)
        // numpy: round([2.675, 1.005], 2) == [2.68, 1.0] (scaled by 100 first)
        #expect(f64([2.675, 1.005]).rounded(decimals: 2).d == [2.68, 1.0])
        #expect(i64([1234, 1250, 1350]).rounded(decimals: -2).i == [1200, 1200, 1400])
        #expect(i64([7]).rounded(decimals: 1).i == [7])
        #expect(f32([2.5]).rounded().dtype == .float32)
    }

    @Test func clipKeepsUint8WithIntBounds() throws {
        let r = try NDArray.clip(.array(u8([1, 200])), .scalar(10), .scalar(100))
        #expect(r.dtype == .uint8)
        #expect(r.i == [10, 100])
        #expect(try NDArray.clip(.array(u8([1])), .scalar(10.5), .scalar(100)).dtype == .float64)
        #expect(try NDArray.clip(.array(f64([-1, 5])), nil, .scalar(2)).d == [-1, 2])
    }

    @Test func whereSelects() throws {
        let r = try NDArray.select(.array(bools([true, false, true])), .array(i64([1, 2, 3])), .scalar(0))
        #expect(r.i == [1, 0, 3])
        #expect(r.dtype == .int64)
        let f = try NDArray.select(.array(bools([true, false])), .scalar(1.5), .array(i64([7, 8])))
        #expect(f.d == [1.5, 8])
    }

    @Test func arangeAndLinspace() throws {
        #expect(try NDArray.arange(0, 5, 1).i == [0, 1, 2, 3, 4])
        #expect(try NDArray.arange(0, 5, 1).dtype == .int64)
        #expect(try NDArray.arange(5, 0, -2).i == [5, 3, 1])
        #expect(try NDArray.arange(0.1, 1, 0.1).d == [0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6, 0.7000000000000001, 0.8, 0.9])
        #expect(try NDArray.arange(3, 1, 1).count == 0)
        #expect(throws: ArrayError.badRange(start: 0, stop: 1, step: 0)) { try NDArray.arange(0, 1, 0) }
        #expect(try NDArray.linspace(0, 1, num: 7).d == [0.0, 0.16666666666666666, 0.3333333333333333, 0.5, 0.6666666666666666, 0.8333333333333333, 1.0])
        #expect(try NDArray.linspace(2, 3, num: 5, endpoint: false).d == [2.0, 2.2, 2.4, 2.6, 2.8])
        #expect(try NDArray.linspace(2, 3, num: 1).d == [2])
    }

    @Test func zerosOnesFull() throws {
        let z = try NDArray.zeros([2, 3])
        #expect(z.shape == [2, 3] && z.dtype == .float64 && z.d.allSatisfy { $0 == 0 })
        #expect(try NDArray.ones([2], dtype: .uint8).i == [1, 1])
        #expect(try NDArray.full([2], 7, dtype: .int64).i == [7, 7])
        #expect(throws: ArrayError.negativeDimension([-1, 2])) { try NDArray.zeros([-1, 2]) }
        #expect(throws: ArrayError.scalarOutOfRange(value: 256, dtype: .uint8)) { try NDArray.full([1], 256, dtype: .uint8) }
    }
}

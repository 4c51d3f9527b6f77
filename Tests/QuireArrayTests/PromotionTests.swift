import Testing
@testable import QuireArray

@Suite struct PromotionTests {
    @Test func uint8WrapsAroundLikeNumpy() throws {
        // np.array([200, 100], uint8) + np.array([100, 200], uint8) == [44, 44]
        let r = try u8([200, 100]) + u8([100, 200])
        #expect(r.dtype == .uint8)
        #expect(r.i == [44, 44])
        #expect(try (u8([3]) - 5).i == [254])
        #expect(try (u8([16]) * 17).i == [16])
        #expect(try u8([1]).negated().i == [255])
    }

    @Test func uint8WithPythonIntStaysUint8() throws {
        let r = try u8([250]) + 10
        #expect(r.dtype == .uint8)
        #expect(r.i == [4])
    }

    @Test func pythonIntOutOfRangeForUint8IsAnError() {
        #expect(throws: ArrayError.scalarOutOfRange(value: 300, dtype: .uint8)) { try u8([1]) + 300 }
        #expect(throws: ArrayError.scalarOutOfRange(value: -1, dtype: .uint8)) { try u8([1]) * -1 }
    }

    @Test func uint8WithFloatScalarIsFloat64() throws {
        let r = try u8([3]) * 0.5
        #expect(r.dtype == .float64)
        #expect(r.d == [1.5])
    }

    @Test func integerTrueDivisionIsFloat64() throws {
        #expect(try (i64([1, 3]) / i64([2, 2])).dtype == .float64)
        #expect(try (u8([1]) / u8([4])).d == [0.25])
        #expect(try (i64([7]) / 2).d == [3.5])
    }

    @Test func float32StaysFloat32WithPythonFloats() throws {
        let r = try f32([0.1, 0.2]) * 3.0
        #expect(r.dtype == .float32)
        #expect(r.values(Float.self) == [Float(0.1) * 3, Float(0.2) * 3])
        #expect(try (f32([1]) + 1).dtype == .float32)
    }

    @Test func float64WinsOverEverything() throws {
        #expect(try (f32([1]) + f64([1])).dtype == .float64)
        #expect(try (u8([1]) + f64([1])).dtype == .float64)
        #expect(try (i64([1]) + f32([1])).dtype == .float64)
        #expect(try (u8([1]) + f32([1])).dtype == .float32)
        #expect(try (u8([1]) + i64([1])).dtype == .int64)
    }

    @Test func promotionTable() {
        #expect(DType.promote(.bool, .uint8) == .uint8)
        #expect(DType.promote(.int64, .float32) == .float64)
        #expect(DType.promote(.bool, weak: .int(1)) == .int64)
        #expect(DType.promote(.uint8, weak: .double(1)) == .float64)
        #expect(DType.promote(.float32, weak: .double(1)) == .float32)
        #expect(DType.promote(.uint8, weak: .bool(true)) == .uint8)
    }

    @Test func boolArithmeticFollowsNumpy() throws {
        let p = bools([true, false]), q = bools([true, true])
        #expect(try (p + q).b == [true, true])
        #expect(try (p * q).b == [true, false])
        #expect(throws: ArrayError.unsupported(operation: "-", dtype: .bool)) { try p - q }
        #expect(throws: ArrayError.unsupported(operation: "-", dtype: .bool)) { try p.negated() }
        #expect(try (p + 1).i == [2, 1])
    }

    @Test func floorDivisionAndRemainderFollowPython() throws {
        // numpy: [7, -7] // [2, 2] == [3, -4]; [7, -7] % [-2, 2] == [-1, 1]
        #expect(try NDArray.arithmetic(.floorDivide, .array(i64([7, -7])), .array(i64([2, 2]))).i == [3, -4])
        #expect(try NDArray.arithmetic(.remainder, .array(i64([7, -7])), .array(i64([-2, 2]))).i == [-1, 1])
        #expect(try NDArray.arithmetic(.floorDivide, .array(f64([7.5, -7.5])), .scalar(2)).d == [3, -4])
        #expect(try NDArray.arithmetic(.remainder, .array(f64([7.5, -7.5])), .scalar(-2)).d == [-0.5, -1.5])
    }

    @Test func integerDivisionByZeroGivesZero() throws {
        #expect(try NDArray.arithmetic(.floorDivide, .array(i64([5, Int64.min])), .array(i64([0, -1]))).i == [0, Int64.min])
        #expect(try NDArray.arithmetic(.remainder, .array(u8([5])), .scalar(0)).i == [0])
        let f = try f64([1, -1, 0]) / 0
        #expect(f.d[0] == .infinity && f.d[1] == -.infinity && f.d[2].isNaN)
    }

    @Test func powers() throws {
        #expect(try NDArray.arithmetic(.power, .array(i64([2, 3])), .scalar(3)).i == [8, 27])
        #expect(try NDArray.arithmetic(.power, .array(u8([2])), .scalar(9)).i == [0])
        #expect(try NDArray.arithmetic(.power, .array(f64([4])), .scalar(0.5)).d == [2])
        #expect(throws: ArrayError.negativeIntegerPower) { try NDArray.arithmetic(.power, .array(i64([2])), .scalar(-1)) }
        #expect(try NDArray.arithmetic(.power, .array(i64([2])), .scalar(-1.0)).d == [0.5])
    }

    @Test func int64WrapsOnOverflow() throws {
        #expect(try (i64([Int64.max]) + 1).i == [Int64.min])
    }

    @Test func astypeTruncatesTowardZero() {
        #expect(f64([2.7, -2.7, 0.5]).astype(.int64).i == [2, -2, 0])
        #expect(f64([255.9, 300, -1, .nan]).astype(.uint8).i == [255, 44, 255, 0])
        #expect(f64([.nan, 1e30]).astype(.int64).i == [Int64.min, Int64.min])
        #expect(i64([256, 257, -1]).astype(.uint8).i == [0, 1, 255])
        #expect(f64([0, 0.1, .nan]).astype(.bool).b == [false, true, true])
        #expect(bools([true, false]).astype(.float32).d == [1, 0])
        #expect(f64([0.1]).astype(.float32).values(Float.self) == [Float(0.1)])
    }

    @Test func dtypeNames() {
        #expect(DType(name: "float") == .float64)
        #expect(DType(name: "int") == .int64)
        #expect(DType(name: "uint8") == .uint8)
        #expect(DType(name: "complex") == nil)
    }
}

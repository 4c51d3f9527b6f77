@testable import QuireArray

/// Shorthands for building arrays in tests.
func f64(_ values: [Double], _ shape: [Int]? = nil) -> NDArray { NDArray(shape: shape ?? [values.count], float64: values) }
func f32(_ values: [Float], _ shape: [Int]? = nil) -> NDArray { NDArray(shape: shape ?? [values.count], float32: values) }
func i64(_ values: [Int64], _ shape: [Int]? = nil) -> NDArray { NDArray(shape: shape ?? [values.count], int64: values) }
func u8(_ values: [UInt8], _ shape: [Int]? = nil) -> NDArray { NDArray(shape: shape ?? [values.count], uint8: values) }
func bools(_ values: [Bool], _ shape: [Int]? = nil) -> NDArray { NDArray(shape: shape ?? [values.count], bool: values) }

/// `np.arange(n) / 7.0 + 0.1`: values whose float sums depend on the order of additions.
func sevenths(_ n: Int) -> NDArray { f64((0..<n).map { Double($0) / 7.0 + 0.1 }) }

extension NDArray {
    var d: [Double] { doubles }
    var i: [Int64] { astype(.int64).values(Int64.self) }
    var b: [Bool] { values(Bool.self) }
    /// The single value of a 0-d result.
    var scalar: Double { doubles[0] }
}

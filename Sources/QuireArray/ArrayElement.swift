/// A Swift type that can be an array's element, and how it sits in `ArrayStorage`.
protocol ArrayElement: Sendable {
    static var dtype: DType { get }
    static func wrap(_ values: [Self]) -> ArrayStorage
    static func unwrap(_ storage: ArrayStorage) -> [Self]?
}

extension Bool: ArrayElement {
    static var dtype: DType { .bool }
    static func wrap(_ values: [Bool]) -> ArrayStorage { .bool(values) }
    static func unwrap(_ storage: ArrayStorage) -> [Bool]? { if case .bool(let v) = storage { v } else { nil } }
}

extension UInt8: ArrayElement {
    static var dtype: DType { .uint8 }
    static func wrap(_ values: [UInt8]) -> ArrayStorage { .uint8(values) }
    static func unwrap(_ storage: ArrayStorage) -> [UInt8]? { if case .uint8(let v) = storage { v } else { nil } }
}

extension Int64: ArrayElement {
    static var dtype: DType { .int64 }
    static func wrap(_ values: [Int64]) -> ArrayStorage { .int64(values) }
    static func unwrap(_ storage: ArrayStorage) -> [Int64]? { if case .int64(let v) = storage { v } else { nil } }
}

extension Float: ArrayElement {
    static var dtype: DType { .float32 }
    static func wrap(_ values: [Float]) -> ArrayStorage { .float32(values) }
    static func unwrap(_ storage: ArrayStorage) -> [Float]? { if case .float32(let v) = storage { v } else { nil } }
}

extension Double: ArrayElement {
    static var dtype: DType { .float64 }
    static func wrap(_ values: [Double]) -> ArrayStorage { .float64(values) }
    static func unwrap(_ storage: ArrayStorage) -> [Double]? { if case .float64(let v) = storage { v } else { nil } }
}

extension NDArray {
    /// The buffer as `[T]`; the caller has already converted the array to T's dtype.
    func values<T: ArrayElement>(_ type: T.Type) -> [T] {
        guard let v = T.unwrap(storage) else { preconditionFailure("expected \(T.dtype), have \(dtype)") }
        return v
    }

    init<T: ArrayElement>(shape: [Int], values: [T]) {
        self.init(shape: shape, storage: T.wrap(values))
    }
}

/// Makes an array of `count` elements by filling an uninitialized buffer: the element-wise loops'
/// way to avoid zero-filling 16-million-element results before overwriting them.
@inline(__always)
func makeBuffer<T>(_ count: Int, _ fill: (UnsafeMutableBufferPointer<T>) -> Void) -> [T] {
    [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        fill(buffer)
        initialized = count
    }
}

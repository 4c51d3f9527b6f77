import QuireSupport

/// The element type of an array, with numpy's names.
public enum DType: String, Sendable, CaseIterable {
    case bool, uint8, int64, float32, float64
}

/// The one contiguous buffer behind an array, typed by its dtype.
public enum ArrayStorage: Sendable, Equatable {
    case bool([Bool])
    case uint8([UInt8])
    case int64([Int64])
    case float32([Float])
    case float64([Double])

    public var dtype: DType {
        switch self {
        case .bool: .bool
        case .uint8: .uint8
        case .int64: .int64
        case .float32: .float32
        case .float64: .float64
        }
    }

    public var count: Int {
        switch self {
        case .bool(let v): v.count
        case .uint8(let v): v.count
        case .int64(let v): v.count
        case .float32(let v): v.count
        case .float64(let v): v.count
        }
    }
}

/// A dense n-dimensional array: a shape and one row-major contiguous buffer.
///
/// Images are arrays too: height x width (gray) or height x width x channels, uint8 or float32.
public struct NDArray: Sendable, Equatable {
    public private(set) var shape: [Int]
    public var storage: ArrayStorage

    /// Makes an array; the buffer's count must equal the product of the shape.
    public init(shape: [Int], storage: ArrayStorage) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension")
        precondition(Memory.elementCount(shape) == storage.count, "shape does not match buffer")
        self.shape = shape
        self.storage = storage
    }

    public init(shape: [Int], float64 values: [Double]) { self.init(shape: shape, storage: .float64(values)) }
    public init(shape: [Int], float32 values: [Float]) { self.init(shape: shape, storage: .float32(values)) }
    public init(shape: [Int], int64 values: [Int64]) { self.init(shape: shape, storage: .int64(values)) }
    public init(shape: [Int], uint8 values: [UInt8]) { self.init(shape: shape, storage: .uint8(values)) }
    public init(shape: [Int], bool values: [Bool]) { self.init(shape: shape, storage: .bool(values)) }

    public var dtype: DType { storage.dtype }
    public var count: Int { storage.count }
    public var ndim: Int { shape.count }

    /// Row-major strides in elements.
    public var strides: [Int] {
        var result = [Int](repeating: 1, count: shape.count)
        var step = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            result[axis] = step
            step &*= shape[axis]  // wraps only past an empty axis, where no stride is used
        }
        return result
    }

    /// Gives the same elements under another shape with the same element count.
    public func reshaped(_ newShape: [Int]) -> NDArray? {
        guard newShape.allSatisfy({ $0 >= 0 }), Memory.elementCount(newShape) == count else { return nil }
        return NDArray(shape: newShape, storage: storage)
    }

    /// Every element as a Double (bool as 0 or 1), in row-major order.
    public var doubles: [Double] {
        switch storage {
        case .bool(let v): v.map { $0 ? 1 : 0 }
        case .uint8(let v): v.map { Double($0) }
        case .int64(let v): v.map { Double($0) }
        case .float32(let v): v.map { Double($0) }
        case .float64(let v): v
        }
    }
}

extension NDArray {
    /// A 0-dimensional array holding one Python scalar, with numpy's dtype for it.
    public init(scalar: Scalar) {
        switch scalar {
        case .bool(let b): self.init(shape: [], bool: [b])
        case .int(let i): self.init(shape: [], int64: [i])
        case .double(let d): self.init(shape: [], float64: [d])
        }
    }

    /// The element at a row-major position, as a Python scalar (uint8 as int, float32 widened).
    public func element(at position: Int) -> Scalar {
        switch storage {
        case .bool(let v): .bool(v[position])
        case .uint8(let v): .int(Int64(v[position]))
        case .int64(let v): .int(v[position])
        case .float32(let v): .double(Double(v[position]))
        case .float64(let v): .double(v[position])
        }
    }

    /// The elements in row-major order as Python scalars.
    public var scalars: [Scalar] { (0..<count).map(element(at:)) }
}

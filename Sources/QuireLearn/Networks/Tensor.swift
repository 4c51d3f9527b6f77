/// A batch of rows for a network: `count` rows, each of `shape` (images are height, width,
/// channels: NHWC), float32 values, contiguous row after row.
public struct Tensor: Sendable, Equatable {
    public var count: Int
    public var shape: [Int]
    public var values: [Float]

    public init(count: Int, shape: [Int], values: [Float]) {
        precondition(values.count == count * shape.reduce(1, *), "Tensor: values do not match the shape")
        self.count = count
        self.shape = shape
        self.values = values
    }

    /// Values per row.
    public var rowSize: Int { shape.reduce(1, *) }

    /// The rows at these positions, in that order.
    public func rows(_ indices: some Collection<Int>) -> Tensor {
        let size = rowSize
        var out = [Float](repeating: 0, count: indices.count * size)
        out.withUnsafeMutableBufferPointer { o in
            values.withUnsafeBufferPointer { v in
                for (j, i) in indices.enumerated() {
                    for t in 0..<size { o[j * size + t] = v[i * size + t] }
                }
            }
        }
        return Tensor(count: indices.count, shape: shape, values: out)
    }

    /// The first row that holds a NaN or an infinity.
    public var firstNonFiniteRow: Int? {
        let size = max(rowSize, 1)
        return values.firstIndex(where: { !$0.isFinite }).map { $0 / size }
    }

    /// Images stored channels first (NCHW) as channels last (NHWC), the layout the layers use.
    public static func fromChannelsFirst(_ values: [Float], count: Int, channels c: Int, height h: Int, width w: Int) -> Tensor {
        var out = [Float](repeating: 0, count: values.count)
        for n in 0..<count {
            for ch in 0..<c {
                for y in 0..<h {
                    for x in 0..<w { out[((n * h + y) * w + x) * c + ch] = values[((n * c + ch) * h + y) * w + x] }
                }
            }
        }
        return Tensor(count: count, shape: [h, w, c], values: out)
    }
}

/// Trainable values and their gradient (filled by the last backward pass).
public final class Weights: @unchecked Sendable {
    public var value: [Float]
    public var grad: [Float]
    public init(_ value: [Float]) {
        self.value = value
        self.grad = [Float](repeating: 0, count: value.count)
    }
}

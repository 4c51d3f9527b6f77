/// A 2-D correlation kernel: rows x columns weights and the anchor OpenCV uses (the centre,
/// `columns / 2`, `rows / 2`, also for even sizes).
public struct Kernel: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    /// Row-major weights.
    public let weights: [Double]

    /// Makes a kernel from rows of weights; they must form a non-empty rectangle.
    public init(_ rowsOfWeights: [[Double]]) throws {
        guard let first = rowsOfWeights.first, !first.isEmpty else { throw VisionError.badKernel(reason: "empty") }
        guard rowsOfWeights.allSatisfy({ $0.count == first.count }) else { throw VisionError.badKernel(reason: "ragged") }
        try self.init(rows: rowsOfWeights.count, columns: first.count, weights: rowsOfWeights.flatMap { $0 })
    }

    public init(rows: Int, columns: Int, weights: [Double]) throws {
        guard rows > 0, columns > 0, weights.count == rows * columns else { throw VisionError.badKernel(reason: "empty") }
        guard rows <= ImageLimits.maxKernelSide, columns <= ImageLimits.maxKernelSide else {
            throw VisionError.badKernel(reason: "too large")
        }
        guard weights.allSatisfy({ $0.isFinite }) else { throw VisionError.badKernel(reason: "not finite") }
        self.rows = rows
        self.columns = columns
        self.weights = weights
    }

    public var anchorRow: Int { rows / 2 }
    public var anchorColumn: Int { columns / 2 }

    /// The non-zero weights in raster order, the order in which OpenCV sums them, with the
    /// weights rounded to float32 as OpenCV stores them.
    var taps: [(row: Int, column: Int, weight: Float)] {
        var result: [(Int, Int, Float)] = []
        for r in 0..<rows {
            for c in 0..<columns where weights[r * columns + c] != 0 {
                result.append((r, c, Float(weights[r * columns + c])))
            }
        }
        return result
    }

    /// Whether every weight is an integer.
    var isIntegral: Bool { weights.allSatisfy { $0 == $0.rounded() && abs($0) < 65536 } }

    /// The largest absolute sum a uint8 image can produce with this kernel.
    var uint8Reach: Double { weights.reduce(0) { $0 + abs($1) } * 255 }
}

extension Kernel {
    /// The image-gradient tutorial's kernels; the y kernels have their positive row on top, as
    /// the tutorial writes them (the opposite sign of OpenCV's `Sobel(dy=1)`).
    public static let robertsX = try! Kernel([[1, 0], [0, -1]])
    public static let robertsY = try! Kernel([[0, 1], [-1, 0]])
    public static let prewittX = try! Kernel([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]])
    public static let prewittY = try! Kernel([[1, 1, 1], [0, 0, 0], [-1, -1, -1]])
    public static let sobelX = try! Kernel([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
    public static let sobelY = try! Kernel([[1, 2, 1], [0, 0, 0], [-1, -2, -1]])
    public static let scharrX = try! Kernel([[-3, 0, 3], [-10, 0, 10], [-3, 0, 3]])
    public static let scharrY = try! Kernel([[3, 10, 3], [0, 0, 0], [-3, -10, -3]])
}

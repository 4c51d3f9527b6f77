/// A transformer learnt from data: scikit-learn's fit / transform / fit_transform.
public protocol Scaler: Estimator {
    mutating func fit(_ x: Matrix) throws
    func transform(_ x: Matrix) throws -> Matrix
}

extension Scaler {
    public mutating func fitTransform(_ x: Matrix) throws -> Matrix {
        try fit(x)
        return try transform(x)
    }
}

/// Centres each feature on its mean and divides by its (population) standard deviation;
/// a constant feature is only centred.
public struct StandardScaler: Scaler, Savable {
    public private(set) var mean: [Double]?
    public private(set) var scale: [Double]?

    public init() {}
    public var estimatorName: String { "StandardScaler" }
    public static let declaredSettings: [Setting] = []
    public var settings = Settings(Self.declaredSettings)

    public mutating func fit(_ x: Matrix) throws {
        var mean = [Double](repeating: 0, count: x.cols)
        var scale = [Double](repeating: 0, count: x.cols)
        for j in 0..<x.cols {
            var s = 0.0
            for i in 0..<x.rows { s += x[i, j] }
            let m = s / Double(x.rows)
            var v = 0.0
            for i in 0..<x.rows { v += (x[i, j] - m) * (x[i, j] - m) }
            let sd = (v / Double(x.rows)).squareRoot()
            mean[j] = m
            scale[j] = sd < 10 * Double.ulpOfOne * max(1, abs(m)) ? 1 : sd
        }
        self.mean = mean
        self.scale = scale
    }

    public func transform(_ x: Matrix) throws -> Matrix {
        guard let mean, let scale else { throw LearnError.notFitted(model: estimatorName) }
        try x.checkColumns(mean.count)
        var out = x
        for i in 0..<x.rows { for j in 0..<x.cols { out.values[i * x.cols + j] = (x[i, j] - mean[j]) / scale[j] } }
        return out
    }
}

/// Maps each feature's training range onto [0, 1]; a constant feature maps to 0.
public struct MinMaxScaler: Scaler, Savable {
    public private(set) var minimum: [Double]?
    public private(set) var range: [Double]?

    public init() {}
    public var estimatorName: String { "MinMaxScaler" }
    public static let declaredSettings: [Setting] = []
    public var settings = Settings(Self.declaredSettings)

    public mutating func fit(_ x: Matrix) throws {
        var lo = [Double](repeating: .infinity, count: x.cols), hi = [Double](repeating: -.infinity, count: x.cols)
        for i in 0..<x.rows {
            for j in 0..<x.cols {
                lo[j] = min(lo[j], x[i, j])
                hi[j] = max(hi[j], x[i, j])
            }
        }
        minimum = lo
        range = zip(hi, lo).map { $0 - $1 == 0 ? 1 : $0 - $1 }
    }

    public func transform(_ x: Matrix) throws -> Matrix {
        guard let minimum, let range else { throw LearnError.notFitted(model: estimatorName) }
        try x.checkColumns(minimum.count)
        var out = x
        // scikit-learn's form: x * scale + offset, with scale = 1 / range, offset = -min * scale.
        let scale = range.map { 1 / $0 }
        let offset = zip(minimum, scale).map { -$0 * $1 }
        for i in 0..<x.rows { for j in 0..<x.cols { out.values[i * x.cols + j] = x[i, j] * scale[j] + offset[j] } }
        return out
    }
}

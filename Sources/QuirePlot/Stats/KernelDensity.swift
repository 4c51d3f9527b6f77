import Foundation

/// A Gaussian kernel density estimate with Scott's bandwidth, as scipy's `gaussian_kde`.
public struct KernelDensity: Sendable {
    public let values: [Double]
    /// The kernel's standard deviation: Scott's factor n^(-1/5) times the sample's standard
    /// deviation (n - 1 in the denominator).
    public let bandwidth: Double

    public init(values: [Double]) throws(PlotError) {
        let data = values.filter(\.isFinite)
        guard data.count >= 2 else { throw .tooFewValues(needed: 2, got: data.count) }
        let n = Double(data.count)
        let mean = data.reduce(0, +) / n
        let variance = data.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        guard variance > 0 else { throw .constantData }
        self.values = data
        self.bandwidth = pow(n, -0.2) * variance.squareRoot()
    }

    /// The estimated density at `x`.
    public func density(at x: Double) -> Double {
        let norm = 1 / (Double(values.count) * bandwidth * (2 * Double.pi).squareRoot())
        var sum = 0.0
        for v in values {
            let z = (x - v) / bandwidth
            sum += exp(-0.5 * z * z)
        }
        return sum * norm
    }

    /// Number of points on the curve, as seaborn's `gridsize`.
    public static let gridSize = 200

    /// The curve over the data's range (seaborn's histplot cuts the curve at the data).
    public func curve(points: Int = KernelDensity.gridSize) -> (xs: [Double], ys: [Double]) {
        let lo = values.min()!
        let hi = values.max()!
        let xs = (0..<points).map { lo + (hi - lo) * Double($0) / Double(points - 1) }
        return (xs, xs.map(density))
    }
}

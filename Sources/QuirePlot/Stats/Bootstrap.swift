/// Seeded bootstrap confidence intervals, as seaborn's `errorbar=("ci", 95)` with
/// `n_boot=1000`. The generator differs from numpy's, so the ends of an interval may differ from
/// seaborn's by bootstrap noise; with the same seed they are the same on every run.
public struct Bootstrap: Sendable {
    /// seaborn's `n_boot`.
    public static let resamples = 1000
    /// seaborn's `errorbar=("ci", 95)`.
    public static let level = 95.0

    private var state: UInt64

    public init(seed: UInt64 = 0) { state = seed }

    /// SplitMix64: small, fast and the same on every platform.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform index below `n` (n > 0).
    mutating func index(below n: Int) -> Int { Int(next() % UInt64(n)) }

    /// The central `level`% interval of the means of `resamples` resamples of the finite values;
    /// nil with fewer than two values (seaborn draws no interval for one observation).
    public mutating func meanInterval(_ values: [Double], resamples: Int = Bootstrap.resamples) -> (low: Double, high: Double)? {
        let data = values.filter(\.isFinite)
        guard data.count >= 2 else { return nil }
        var means: [Double] = []
        means.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var sum = 0.0
            for _ in 0..<data.count { sum += data[index(below: data.count)] }
            means.append(sum / Double(data.count))
        }
        return Bootstrap.interval(means)
    }

    /// The central `level`% of a sample, by numpy's linear percentiles.
    static func interval(_ sample: [Double]) -> (low: Double, high: Double) {
        let sorted = sample.sorted()
        let tail = (100 - level) / 2
        return (Quantiles.percentile(sorted, tail), Quantiles.percentile(sorted, 100 - tail))
    }
}

/// A least-squares line y = intercept + slope * x.
public struct LinearFit: Sendable, Equatable {
    public var slope: Double
    public var intercept: Double

    /// Fits the pairs where both values are finite; nil with fewer than two distinct x.
    public init?(xs: [Double], ys: [Double]) {
        let pairs = zip(xs, ys).filter { $0.isFinite && $1.isFinite }
        guard pairs.count >= 2 else { return nil }
        let n = Double(pairs.count)
        let mx = pairs.reduce(0) { $0 + $1.0 } / n
        let my = pairs.reduce(0) { $0 + $1.1 } / n
        var sxx = 0.0
        var sxy = 0.0
        for (x, y) in pairs {
            sxx += (x - mx) * (x - mx)
            sxy += (x - mx) * (y - my)
        }
        guard sxx > 0 else { return nil }
        slope = sxy / sxx
        intercept = my - slope * mx
    }

    public func predict(_ x: Double) -> Double { intercept + slope * x }
}

import Foundation

/// Bin edges and counts of values, as numpy's `histogram` computes them.
public struct Histogram: Sendable, Equatable {
    public var edges: [Double]
    public var counts: [Double]

    /// How the number of bins is chosen.
    public enum Binning: Sendable, Equatable {
        case count(Int)
        /// numpy's "auto": the smaller width of the Freedman-Diaconis and Sturges rules, which is
        /// what seaborn's displot uses.
        case auto
    }

    /// The most bins "auto" may choose, so a huge spread of values cannot exhaust memory.
    public static let maxAutoBins = 10_000
    /// The most bins that may be asked for: more could not be told apart on any page.
    public static let maxBins = 100_000

    /// Counts finite `values` (NaN and infinities are skipped) into equal-width bins spanning
    /// their range; every bin is closed on the left, the last also on the right.
    public init(values: [Double], binning: Binning) throws(PlotError) {
        let data = values.filter(\.isFinite)
        guard let lo = data.min(), let hi = data.max() else { throw .emptyData }
        var first = lo
        var last = hi
        if first == last {
            // numpy widens a constant sample by 0.5 each side.
            first -= 0.5
            last += 0.5
        }
        let bins: Int
        switch binning {
        case .count(let n):
            guard n >= 1, n <= Histogram.maxBins else { throw .invalidBins(n) }
            bins = n
        case .auto:
            bins = Histogram.autoBinCount(data, span: last - first)
        }
        // Halves keep every step finite even when the values span more than a double holds.
        let halfSpan = last / 2 - first / 2
        edges = (0...bins).map { i in
            let t = Double(i) / Double(bins)
            return first * (1 - t) + last * t
        }
        edges[bins] = last
        var counts = [Double](repeating: 0, count: bins)
        for v in data {
            let fraction = (v / 2 - first / 2) / halfSpan * Double(bins)
            var i = fraction.isFinite ? Int(min(max(fraction, 0), Double(bins - 1)).rounded(.down)) : 0
            // Floating-point rounding can put a value one bin off; the edges decide.
            if i > 0 && v < edges[i] { i -= 1 } else if i < bins - 1 && v >= edges[i + 1] { i += 1 }
            counts[i] += 1
        }
        self.counts = counts
    }

    static func autoBinCount(_ data: [Double], span: Double) -> Int {
        let n = Double(data.count)
        let sturges = span / (log2(n) + 1)
        let sorted = data.sorted()
        let iqr = Quantiles.percentile(sorted, 75) - Quantiles.percentile(sorted, 25)
        let fd = 2 * iqr / pow(n, 1.0 / 3)
        let width = fd > 0 ? min(fd, sturges) : sturges
        let bins = (span / width).rounded(.up)
        guard width > 0, bins.isFinite else { return 1 }
        return Int(min(max(1, bins), Double(maxAutoBins)))
    }

    /// The width of each bin.
    public var widths: [Double] { zip(edges.dropFirst(), edges).map { $0 - $1 } }
    /// The centre of each bin.
    public var centers: [Double] { zip(edges.dropFirst(), edges).map { ($0 + $1) / 2 } }
}

/// Percentiles with linear interpolation, as numpy's default.
public enum Quantiles {
    /// The `p`-th percentile (0 to 100) of sorted values.
    public static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = (Double(sorted.count - 1) * p / 100)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }
}

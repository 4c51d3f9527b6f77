/// The five numbers of a box plot and its outliers, with whiskers at 1.5 IQR as matplotlib.
public struct BoxSummary: Sendable, Equatable {
    public var q1: Double
    public var median: Double
    public var q3: Double
    /// The most extreme data values within 1.5 IQR of the box.
    public var lowWhisker: Double
    public var highWhisker: Double
    public var outliers: [Double]

    /// How far whiskers reach, in interquartile ranges (matplotlib's `whis`).
    public static let whiskerReach = 1.5

    /// Summarises finite values (NaN skipped); throws when none are left.
    public init(values: [Double]) throws(PlotError) {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { throw .emptyData }
        let lower = Quantiles.percentile(sorted, 25)
        let upper = Quantiles.percentile(sorted, 75)
        let reach = BoxSummary.whiskerReach * (upper - lower)
        let inside = sorted.filter { $0 >= lower - reach && $0 <= upper + reach }
        q1 = lower
        q3 = upper
        median = Quantiles.percentile(sorted, 50)
        lowWhisker = inside.first ?? lower
        highWhisker = inside.last ?? upper
        outliers = sorted.filter { $0 < lower - reach || $0 > upper + reach }
    }

    /// The smallest and largest value drawn.
    var extent: (Double, Double) {
        (min(lowWhisker, outliers.min() ?? lowWhisker), max(highWhisker, outliers.max() ?? highWhisker))
    }
}

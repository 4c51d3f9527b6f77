/// pandas' running statistics that are not sums (the sums live in QuireSupport's `PairwiseSum`).
enum Summation {
    /// pandas' group-by variance: Welford's running mean and sum of squared deviations.
    struct Welford {
        var count = 0
        var mean = 0.0
        var m2 = 0.0
        mutating func add(_ x: Double) {
            count += 1
            let old = mean
            mean += (x - old) / Double(count)
            m2 += (x - mean) * (x - old)
        }
        func variance(ddof: Int) -> Double { count - ddof <= 0 ? .nan : m2 / Double(count - ddof) }
    }
}

/// numpy's linear interpolation between two order statistics (`_lerp`), used by quantiles.
func lerp(_ a: Double, _ b: Double, _ t: Double) -> Double {
    let diff = b - a
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t
}

/// The `q` quantile of sorted values, with numpy's default "linear" method.
func quantile(sorted: [Double], _ q: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let position = Double(sorted.count - 1) * q
    let lower = Int(position.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    return lerp(sorted[lower], sorted[upper], position - Double(lower))
}

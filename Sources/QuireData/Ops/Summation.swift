/// Sums as numpy and pandas compute them, so results agree to the last bit.
enum Summation {
    /// numpy's pairwise summation block: below it, eight running sums.
    static let blockSize = 128

    /// numpy's pairwise sum (what `Series.sum` and `mean` use on float64 data).
    static func pairwise(_ v: UnsafeBufferPointer<Double>) -> Double {
        let n = v.count
        if n < 8 {
            var s = 0.0
            for x in v { s += x }
            return s
        }
        if n <= blockSize {
            var r = [Double](repeating: 0, count: 8)
            for k in 0..<8 { r[k] = v[k] }
            var i = 8
            while i < n - (n % 8) {
                for k in 0..<8 { r[k] += v[i + k] }
                i += 8
            }
            var s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < n {
                s += v[i]
                i += 1
            }
            return s
        }
        var half = n / 2
        half -= half % 8
        return pairwise(UnsafeBufferPointer(rebasing: v[0..<half])) + pairwise(UnsafeBufferPointer(rebasing: v[half...]))
    }

    static func pairwise(_ v: [Double]) -> Double { v.withUnsafeBufferPointer { pairwise($0) } }

    /// pandas' group-by running sum: Kahan-compensated.
    struct Kahan {
        var sum = 0.0
        var compensation = 0.0
        mutating func add(_ x: Double) {
            let y = x - compensation
            let t = sum + y
            compensation = t - sum - y
            if compensation.isNaN { compensation = 0 }
            sum = t
        }
    }

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

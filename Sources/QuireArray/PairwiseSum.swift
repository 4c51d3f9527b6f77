/// numpy's pairwise summation block: below it, eight accumulators; above it, halve and recurse.
/// Matching it makes float sums agree with numpy to the last digit.
let pairwiseBlockSize = 128

/// Sums `count` consecutive elements starting at `start` exactly as numpy's `pairwise_sum`
/// orders the additions (so rounding matches).
@inline(__always)
func pairwiseSum<T: FloatArithmetic>(_ p: UnsafeBufferPointer<T>, _ start: Int, _ count: Int) -> T {
    if count < 8 {
        var sum: T = -0.0
        for i in start..<start + count { sum += p[i] }
        return sum
    }
    if count <= pairwiseBlockSize {
        var r = (p[start], p[start + 1], p[start + 2], p[start + 3], p[start + 4], p[start + 5], p[start + 6], p[start + 7])
        var i = start + 8
        let end = start + count
        let whole = start + count - count % 8
        while i < whole {
            r.0 += p[i]
            r.1 += p[i + 1]
            r.2 += p[i + 2]
            r.3 += p[i + 3]
            r.4 += p[i + 4]
            r.5 += p[i + 5]
            r.6 += p[i + 6]
            r.7 += p[i + 7]
            i += 8
        }
        var sum = ((r.0 + r.1) + (r.2 + r.3)) + ((r.4 + r.5) + (r.6 + r.7))
        while i < end {
            sum += p[i]
            i += 1
        }
        return sum
    }
    var half = count / 2
    half -= half % 8
    return pairwiseSum(p, start, half) + pairwiseSum(p, start + half, count - half)
}

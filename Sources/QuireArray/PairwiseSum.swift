/// numpy's pairwise summation block: below it, eight accumulators; above it, halve and recurse.
/// Matching it makes float sums agree with numpy to the last digit.
let pairwiseBlockSize = 128

/// Sums `count` elements starting at `start`, `stride` apart, exactly as numpy's
/// `pairwise_sum` orders the additions (so rounding matches).
@inline(__always)
func pairwiseSum<T: FloatArithmetic>(_ p: UnsafeBufferPointer<T>, _ start: Int, _ count: Int, _ stride: Int) -> T {
    if count < 8 {
        var sum: T = -0.0
        for i in 0..<count { sum += p[start + i * stride] }
        return sum
    }
    if count <= pairwiseBlockSize {
        var r0 = p[start], r1 = p[start + stride], r2 = p[start + 2 * stride], r3 = p[start + 3 * stride]
        var r4 = p[start + 4 * stride], r5 = p[start + 5 * stride], r6 = p[start + 6 * stride], r7 = p[start + 7 * stride]
        var i = 8
        let whole = count - count % 8
        while i < whole {
            let o = start + i * stride
            r0 += p[o]
            r1 += p[o + stride]
            r2 += p[o + 2 * stride]
            r3 += p[o + 3 * stride]
            r4 += p[o + 4 * stride]
            r5 += p[o + 5 * stride]
            r6 += p[o + 6 * stride]
            r7 += p[o + 7 * stride]
            i += 8
        }
        var sum = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        while i < count {
            sum += p[start + i * stride]
            i += 1
        }
        return sum
    }
    var half = count / 2
    half -= half % 8
    return pairwiseSum(p, start, half, stride) + pairwiseSum(p, start + half * stride, count - half, stride)
}

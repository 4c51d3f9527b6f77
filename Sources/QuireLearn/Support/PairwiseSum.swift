/// numpy's pairwise summation of a contiguous run, so sums along a row round as numpy's do.
///
/// Below `pairwiseBlock` elements numpy sums with eight interleaved accumulators; above, it
/// splits in two halves (a multiple of eight first).
func numpySum(_ values: ArraySlice<Double>) -> Double {
    0.0 + pairwise(values)
}

/// numpy's PW_BLOCKSIZE: the run length below which it stops splitting.
private let pairwiseBlock = 128

private func pairwise(_ a: ArraySlice<Double>) -> Double {
    let n = a.count
    let s = a.startIndex
    if n < 8 {
        var res = 0.0
        for i in a.indices { res += a[i] }
        return res
    }
    if n <= pairwiseBlock {
        var r = (0..<8).map { a[s + $0] }
        var i = 8
        while i < n - (n % 8) {
            for j in 0..<8 { r[j] += a[s + i + j] }
            i += 8
        }
        var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        while i < n {
            res += a[s + i]
            i += 1
        }
        return res
    }
    var half = n / 2
    half -= half % 8
    return pairwise(a[s..<(s + half)]) + pairwise(a[(s + half)...])
}

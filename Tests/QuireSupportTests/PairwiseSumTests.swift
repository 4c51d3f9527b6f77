import Testing

@testable import QuireSupport

@Suite struct PairwiseSumTests {
    @Test func matchesNumpyDigits() {
        // numpy: np.sum(np.arange(1001) * (1/3)) == 166833.3333333333, where a left-to-right
        // loop gives 166833.33333333334.
        let values = (0..<1001).map { Double($0) * (1.0 / 3.0) }
        #expect(PairwiseSum.numpyTotal(values) == 166833.3333333333)
        #expect(PairwiseSum.pandas(values) == 166833.3333333333)
        #expect(values.reduce(0, +) == 166833.33333333334)
    }

    @Test func slicesSumTheirOwnElements() {
        let values = (0..<300).map { Double($0) * 0.1 }
        let slice = values[100..<250]
        #expect(PairwiseSum.numpyTotal(slice) == PairwiseSum.numpyTotal(Array(slice)))
        values.withUnsafeBufferPointer { p in
            #expect(PairwiseSum.numpyTotal(p, 100, 150) == PairwiseSum.numpyTotal(Array(slice)))
        }
    }

    /// The variants differ only in the sign of a zero sum, on purpose.
    @Test func zeroSignsOfTheVariants() {
        let negativeZeros = [-0.0, -0.0]
        negativeZeros.withUnsafeBufferPointer { p in
            #expect(PairwiseSum.numpy(p).sign == .minus)  // numpy's pairwise_sum starts at -0.0
            #expect(PairwiseSum.numpyTotal(p, 0, 2).sign == .plus)  // np.sum adds it to 0
        }
        #expect(PairwiseSum.pandas(negativeZeros).sign == .plus)
        #expect(PairwiseSum.pandas([Double]()) == 0)
    }

    @Test func kahanCompensates() {
        var kahan = PairwiseSum.Kahan()
        for _ in 0..<10 { kahan.add(0.1) }
        #expect(kahan.sum == 1.0)
        #expect((0..<10).reduce(0.0) { s, _ in s + 0.1 } != 1.0)
    }
}

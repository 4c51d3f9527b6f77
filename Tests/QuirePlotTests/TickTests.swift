import QuirePlot
import Testing

/// Tick values and labels, against what matplotlib 3's MaxNLocator(nbins=9, steps=[1, 2, 2.5, 5,
/// 10]) (its AutoLocator) returned for the same ranges.
@Suite struct TickTests {
    @Test(arguments: [
        (0.0, 183.3, [0.0, 25, 50, 75, 100, 125, 150, 175, 200]),
        (425, 2075, [400.0, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000, 2200]),
        (-0.05, 1.05, [-0.2, 0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2]),
        (0, 525, [0.0, 100, 200, 300, 400, 500, 600]),
        (-1.3, 7.9, [-2.0, 0, 2, 4, 6, 8]),
        (0.001, 0.0042, [0.001, 0.0015, 0.002, 0.0025, 0.003, 0.0035, 0.004, 0.0045]),
        (1e6, 1.0004e6, [1e6, 1_000_050, 1_000_100, 1_000_150, 1_000_200, 1_000_250, 1_000_300, 1_000_350, 1_000_400]),
        (-0.5, 3.5, [-0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5]),
        (0, 92, [0.0, 20, 40, 60, 80, 100]),
    ])
    func matchesMatplotlib(low: Double, high: Double, expected: [Double]) {
        let ticks = TickLocator(maxBins: 9).ticks(low: low, high: high)
        #expect(ticks.count == expected.count)
        for (t, e) in zip(ticks, expected) { #expect(abs(t - e) <= 1e-9 * max(1, abs(e)), "\(ticks) vs \(expected)") }
    }

    @Test func fewerBinsGiveCoarserSteps() {
        // matplotlib with nbins=5 on 0...92: the same 20-step (a 2 x 10 step fits in five bins).
        #expect(TickLocator(maxBins: 5).ticks(low: 0, high: 92) == [0, 20, 40, 60, 80, 100])
        #expect(TickLocator(maxBins: 2).ticks(low: 0, high: 92) == [0, 50, 100])
    }

    @Test func autoBinsFollowAxisLengthAndFont() {
        // matplotlib: x labels need 3 font sizes, y labels 2; at most 9 bins.
        #expect(TickLocator.autoBins(axisLength: 357, fontSize: 11, horizontal: true) == 9)
        #expect(TickLocator.autoBins(axisLength: 100, fontSize: 11, horizontal: true) == 3)
        #expect(TickLocator.autoBins(axisLength: 100, fontSize: 11, horizontal: false) == 4)
        #expect(TickLocator.autoBins(axisLength: 5, fontSize: 11, horizontal: false) == 1)
    }

    @Test func degenerateRangeStillHasTicks() {
        #expect(!TickLocator().ticks(low: 3, high: 3).isEmpty)
        #expect(!TickLocator().ticks(low: 0, high: 0).isEmpty)
    }

    @Test func labelsShareDecimalsAndUseTrueMinus() {
        #expect(TickFormatter.labels([0, 0.5, 1, 1.5]) == ["0.0", "0.5", "1.0", "1.5"])
        #expect(TickFormatter.labels([0, 25, 50]) == ["0", "25", "50"])
        #expect(TickFormatter.labels([-2, 0, 2]) == ["\u{2212}2", "0", "2"])
        #expect(TickFormatter.labels([0.001, 0.0015]) == ["0.0010", "0.0015"])
        #expect(TickFormatter.labels([0, 2e6, 4e6]) == ["0", "2×10⁶", "4×10⁶"])
    }

    @Test func logTicksArePowersOfTen() {
        #expect(TickLocator.logTicks(low: 0.5, high: 2000) == [0.1, 1, 10, 100, 1000, 10000])
        #expect(TickFormatter.logLabels([0.01, 1, 1000]) == ["10⁻²", "10⁰", "10³"])
    }
}

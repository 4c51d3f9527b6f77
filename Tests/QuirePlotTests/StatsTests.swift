import QuirePlot
import Testing

/// Histograms, densities and box summaries, against numpy and scipy on the tutorial's data.
@Suite struct StatsTests {
    @Test func histogramMatchesNumpy() throws {
        let values = try TestSupport.csvColumn("mobile_price_train.csv", "battery_power")
        let h = try Histogram(values: values, binning: .count(10))
        // np.histogram(df.battery_power, bins=10)
        #expect(h.counts == [223, 199, 210, 199, 190, 185, 193, 201, 197, 203])
        #expect(h.edges.first == 501 && h.edges.last == 1998)
    }

    @Test func autoBinsMatchSeaborn() throws {
        // seaborn's displot (numpy's "auto" on floats) chose 13, 12 and 12 bins.
        let expected = ["battery_power": 13, "blue": 12, "m_dep": 12]
        for (column, bins) in expected {
            let values = try TestSupport.csvColumn("mobile_price_train.csv", column)
            #expect(try Histogram(values: values, binning: .auto).counts.count == bins, "\(column)")
        }
    }

    @Test func histogramSkipsNaNAndRejectsNothing() throws {
        let h = try Histogram(values: [1, .nan, 2, 3, .infinity], binning: .count(2))
        #expect(h.counts == [1, 2])
        #expect(throws: PlotError.emptyData) { try Histogram(values: [.nan], binning: .count(3)) }
        #expect(throws: PlotError.emptyData) { try Histogram(values: [], binning: .auto) }
        #expect(throws: PlotError.invalidBins(0)) { try Histogram(values: [1], binning: .count(0)) }
        // A constant sample is widened by 0.5 each side, as numpy does.
        #expect(try Histogram(values: [4, 4], binning: .count(2)).edges == [3.5, 4, 4.5])
    }

    @Test func kernelDensityMatchesScipy() throws {
        let values = try TestSupport.csvColumn("mobile_price_train.csv", "battery_power")
        let kde = try KernelDensity(values: values)
        // gaussian_kde(x): factor * std(ddof=1), and the density at 1000.
        #expect(abs(kde.bandwidth - 96.08864022638487) < 1e-9)
        #expect(abs(kde.density(at: 1000) - 0.0006596975683162999) < 1e-12)
        #expect(throws: PlotError.constantData) { try KernelDensity(values: [2, 2, 2]) }
        #expect(throws: PlotError.tooFewValues(needed: 2, got: 1)) { try KernelDensity(values: [2, .nan]) }
    }

    @Test func boxSummaryUsesNumpyPercentiles() throws {
        let values = try TestSupport.csvColumn("mobile_price_train.csv", "battery_power")
        let box = try BoxSummary(values: values)
        #expect(box.q1 == 851.75 && box.median == 1226 && box.q3 == 1615.25)
        let withOutlier = try BoxSummary(values: [1, 2, 3, 4, 100])
        #expect(withOutlier.outliers == [100])
        #expect(withOutlier.highWhisker == 4)
        #expect(throws: PlotError.emptyData) { try BoxSummary(values: [.nan]) }
    }

    @Test func numberFormatsFollowPython() {
        #expect(NumberFormat("d")?.format(92) == "92")
        #expect(NumberFormat(".2g")?.format(0.123) == "0.12")
        #expect(NumberFormat(".2g")?.format(123) == "1.2e+02")
        #expect(NumberFormat(".1f")?.format(0.25) == "0.2")
        #expect(NumberFormat(".0%")?.format(0.5) == "50%")
        #expect(NumberFormat(",d")?.format(1_234_567) == "1,234,567")
        #expect(NumberFormat("x") == nil)
        #expect(NumberFormat(".2d") == nil)
        #expect(NumberFormat("d")?.rejects(0.5) == true)
    }
}

/// Extreme but finite values give pictures, not crashes.
@Suite struct ExtremeValueTests {
    @Test func valuesSpanningEveryDouble() throws {
        let h = try Histogram(values: [1e308, -1e308, 0], binning: .count(3))
        #expect(h.counts == [1, 1, 1])
        #expect(
            try Histogram(values: [Double.leastNonzeroMagnitude, 2 * Double.leastNonzeroMagnitude], binning: .auto).counts.reduce(0, +) == 2
        )
        #expect(throws: PlotError.invalidBins(Histogram.maxBins + 1)) { try Histogram(values: [1], binning: .count(Histogram.maxBins + 1)) }
        let folder = try TestSupport.temporaryFolder()
        let figures = [
            try Figure.histogram(values: [1e308, -1e308, 0], binning: .count(3)),
            try Figure.line(xs: [1, 2], ys: [-1e308, 1e308]),
            try Figure.heatmap(rows: 1, columns: 2, values: [-1e308, 1e308], colormap: .magma, format: NumberFormat(".2g")),
            try Figure.image(.init(shape: [1, 2], float64: [Double.leastNonzeroMagnitude, 2 * Double.leastNonzeroMagnitude])),
        ]
        for (i, figure) in figures.enumerated() {
            let path = folder.appendingPathComponent("extreme\(i).png").path
            try figure.write(to: path)
            #expect(try DecodedPNG(path: path).width == Int(figure.width * 100))
        }
        #expect(TickLocator().ticks(low: -1e308, high: 1e308).allSatisfy { $0.isFinite })
        #expect(TickLocator.logTicks(low: 1, high: .infinity).allSatisfy { $0.isFinite })
    }
}

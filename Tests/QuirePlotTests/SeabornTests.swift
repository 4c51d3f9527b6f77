import Foundation
import QuirePlot
import Testing

/// seaborn's charts on the model, and layout geometry: no text (tick labels, axis labels,
/// titles, legends) meets another or leaves the page.
@Suite struct SeabornTests {
    /// Every text box of the figure: titles, labels, ticks, colour bars and legends.
    static func boxes(_ layout: FigureLayout) -> [(String, Rect)] {
        var all: [(String, Rect)] = layout.title.map { [($0.text, $0.bounds)] } ?? []
        for a in layout.axes {
            all += a.texts.map { ($0.text, $0.bounds) }
            if let legend = a.legend {
                all.append(("legend of \(legend.entries.count)", legend.box))
            }
        }
        return all
    }

    /// Checks the geometry: each box inside the page, no two boxes intersecting (a legend's own
    /// texts lie inside its box, which is counted once), tick labels outside their plot.
    static func expectTidy(_ layout: FigureLayout, sourceLocation: SourceLocation = #_sourceLocation) {
        let page = Rect(x: 0, y: 0, width: layout.width, height: layout.height)
        let all = boxes(layout)
        for (i, a) in all.enumerated() {
            #expect(page.contains(a.1), "\(a.0) leaves the page", sourceLocation: sourceLocation)
            for b in all[(i + 1)...] {
                #expect(!a.1.intersects(b.1), "\(a.0) overlaps \(b.0)", sourceLocation: sourceLocation)
            }
        }
        for a in layout.axes {
            for t in a.texts { #expect(!a.plot.intersects(t.bounds), "\(t.text) covers its plot", sourceLocation: sourceLocation) }
            if let legend = a.legend {
                #expect(a.plot.contains(legend.box), "the legend stays in its plot", sourceLocation: sourceLocation)
                for e in legend.entries { #expect(legend.box.contains(e.label.bounds, tolerance: 0.5), sourceLocation: sourceLocation) }
                if let t = legend.title { #expect(legend.box.contains(t.bounds, tolerance: 0.5), sourceLocation: sourceLocation) }
            }
        }
    }

    /// The 14 columns of the wine data (scikit-learn's names), long ones among them.
    static let wineColumns = [
        "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
        "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280/od315_of_diluted_wines", "proline", "target",
    ]

    /// A symmetric matrix with ones on the diagonal, like a correlation matrix.
    static func correlationLike(_ n: Int) -> [Double] {
        var values: [Double] = []
        for r in 0..<n {
            for c in 0..<n {
                let angle = Double(r * 7 + c * 7 + r * c)
                values.append(r == c ? 1 : sin(angle) * 0.9)
            }
        }
        return values
    }

    @Test func correlationHeatmapWithFourteenLongLabelsFits() throws {
        let n = Self.wineColumns.count
        for size in [(6.4, 4.8), (12.0, 10.0)] {
            var figure = try Figure.heatmap(
                rows: n, columns: n, values: Self.correlationLike(n), colormap: .coolwarm, format: NumberFormat(".2f"),
                xTickLabels: Self.wineColumns, yTickLabels: Self.wineColumns, text: ChartText(title: "Correlation"))
            try figure.resize(width: size.0, height: size.1)
            let layout = figure.layout()
            Self.expectTidy(layout)
            let a = layout.axes[0]
            #expect(a.xTicks.count == n && a.yTicks.count == n)
            #expect(a.xTicks.allSatisfy { $0.label.degrees == 90 }, "long column names stand upright")
            #expect(a.plot.width > 50 && a.plot.height > 50, "the matrix keeps room")
        }
    }

    @Test func seabornChartsAreTidy() throws {
        let days = ["Thursday evening", "Friday", "Saturday", "Sunday lunch"]
        let categories = (0..<40).map { days[$0 % 4] }
        let values = (0..<40).map { Double($0 % 7) + Double($0) / 10 }
        let hue = (0..<40).map { $0 % 3 == 0 ? "smoker" : "non-smoker" }
        let figures = [
            try Figure.barplot(categories: categories, values: values, hue: hue, hueTitle: "smoker", text: ChartText(xLabel: "day", yLabel: "tip")),
            try Figure.countplot(categories: categories, hue: hue, hueTitle: "smoker", text: ChartText(xLabel: "day")),
            try Figure.grouped(categories: categories, values: values, hue: hue, hueTitle: "smoker", violin: true, text: ChartText(xLabel: "day")),
            try Figure.grouped(categories: categories, values: values, violin: false, text: ChartText(title: "Tips by day")),
            try Figure.lineplot(xs: values.map { ($0 / 2).rounded() }, ys: values, hue: hue, hueTitle: "smoker"),
            try Figure.regplot(xs: values, ys: values.map { $0 * 2 + 1 }, text: ChartText(xLabel: "x", yLabel: "y")),
        ]
        for f in figures { Self.expectTidy(f.layout()) }
    }

    @Test func pairplotGridIsTidy() throws {
        let columns = (0..<4).map { c in (name: "a long column name \(c)", values: (0..<30).map { Double(($0 * (c + 3)) % 17) * 100 }) }
        let hue = (0..<30).map { $0 % 2 == 0 ? "even" : "odd" }
        let figure = try Figure.pairplot(columns: columns, hue: hue, hueTitle: "parity")
        #expect(figure.axes.count == 16 && figure.width == 10 && figure.height == 10)
        let layout = figure.layout()
        Self.expectTidy(layout)
        // Labels on the outer plots only, the legend once, in the top-right plot.
        #expect(layout.axes.filter { $0.xLabel != nil }.count == 4)
        #expect(layout.axes.filter { $0.yLabel != nil }.count == 4)
        #expect(layout.axes.enumerated().filter { $0.element.legend != nil }.map(\.offset) == [3])
    }

    @Test func barplotIsTheMeanWithABootstrapInterval() throws {
        let figure = try Figure.barplot(categories: ["a", "a", "a", "b", "b"], values: [1, 2, 6, 4, .nan])
        let marks = figure.axes[0].marks
        guard case .bars(let bars) = marks[0], case .line(let errors) = marks[1] else {
            Issue.record("expected bars then error bars")
            return
        }
        #expect(bars.heights == [3, 4])
        // One error bar (b has one value left after NaN): low and high around the mean, within the data.
        #expect(errors.xs.count == 3)
        let (low, high) = (errors.ys[0], errors.ys[1])
        #expect(low >= 1 && low < 3 && high > 3 && high <= 6)
        // Seeded: the same interval every time.
        guard case .line(let again) = try Figure.barplot(categories: ["a", "a", "a", "b", "b"], values: [1, 2, 6, 4, .nan]).axes[0].marks[1]
        else { return }
        #expect(again.ys[0] == low && again.ys[1] == high)
    }

    @Test func bootstrapIntervalCoversTheMeanAsSeabornsDoes() {
        // seaborn 0.13.2, barplot(x=["a"] * 100, y=np.arange(100.0), seed=0, 1, 2) gives (43.82, 54.95),
        // (43.62, 54.92), (43.40, 55.00); ours differs by bootstrap noise only.
        var boot = Bootstrap()
        let ci = boot.meanInterval((0..<100).map(Double.init))!
        #expect(abs(ci.low - 43.6) < 1 && abs(ci.high - 55.0) < 1)
        #expect(boot.meanInterval([3]) == nil)
    }

    @Test func lineplotAveragesRepeatedX() throws {
        let figure = try Figure.lineplot(xs: [1, 1, 2, 2, 3], ys: [1, 3, 2, 4, 5])
        let marks = figure.axes[0].marks
        guard case .area(let band) = marks[0], case .line(let line) = marks[1] else {
            Issue.record("expected a band and a line")
            return
        }
        #expect(line.xs == [1, 2, 3] && line.ys == [2, 3, 5])
        // The band spans the x values that repeat.
        #expect(Set(band.xs) == [1, 2])
    }

    @Test func regplotFitsLeastSquares() throws {
        let fit = try #require(LinearFit(xs: [0, 1, 2, 3], ys: [1, 3, 5, 7]))
        #expect(fit.slope == 2 && fit.intercept == 1)
        #expect(LinearFit(xs: [1, 1], ys: [2, 3]) == nil)
        let figure = try Figure.regplot(xs: [0, 1, 2, 3, 4], ys: [1, 3, 4, 7, 9])
        guard case .line(let line) = figure.axes[0].marks.last else {
            Issue.record("expected the fitted line last")
            return
        }
        #expect(line.xs.first == 0 && line.xs.last == 4 && line.xs.count == 100)
        #expect(throws: PlotError.tooFewValues(needed: 2, got: 1)) { try Figure.regplot(xs: [2, 2], ys: [1, 3]) }
    }

    @Test func countsAndLevelsFollowSeabornsOrder() throws {
        let figure = try Figure.countplot(categories: ["b", "a", "b", "nan", "c", "b"])
        guard case .bars(let bars) = figure.axes[0].marks[0] else { return }
        #expect(figure.axes[0].xScale == .categorical(["b", "a", "c"]))
        #expect(bars.heights == [3, 1, 1])
        #expect(try Figure.levels(["10", "9", "2.5"]) == ["2.5", "9", "10"])
        #expect(throws: PlotError.tooManyLevels(101, limit: 100)) { try Figure.levels((0...100).map { "g\($0)" }) }
    }

    @Test func violinsUseScottsBandwidthAndShareAScale() throws {
        let figure = try Figure.grouped(
            categories: ["a", "a", "a", "b", "b", "b"], values: [1, 2, 3, 10, 20, 40], violin: true)
        let areas = figure.axes[0].marks.compactMap { m -> Area? in if case .area(let a) = m { a } else { nil } }
        #expect(areas.count == 2)
        // The narrower spread has the higher peak: it reaches the full half width (0.4).
        let widthA = (areas[0].xs.max()! - areas[0].xs.min()!)
        let widthB = (areas[1].xs.max()! - areas[1].xs.min()!)
        #expect(abs(widthA - 0.8) < 1e-9 && widthB < widthA)
        // Cut at two bandwidths beyond the data, as seaborn's cut=2.
        let kde = try KernelDensity(values: [1, 2, 3])
        #expect(abs(areas[0].ys.min()! - (1 - 2 * kde.bandwidth)) < 1e-9)
    }

    @Test func hueDodgesOnlyWhenACategoryHoldsSeveralLevels() throws {
        // hue repeating x (countplot(x="c", hue="c")): full-width bars in place, as seaborn's dodge="auto".
        let same = try Figure.countplot(categories: ["a", "b", "a"], hue: ["a", "b", "a"])
        guard case .bars(let first) = same.axes[0].marks[0] else { return }
        #expect(first.widths.allSatisfy { $0 == 0.8 } && first.centers == [0, 1])
        // Two levels within a category: side by side, each 0.4 wide.
        let split = try Figure.countplot(categories: ["a", "a", "b"], hue: ["x", "y", "x"])
        guard case .bars(let x) = split.axes[0].marks[0], case .bars(let y) = split.axes[0].marks[1] else { return }
        #expect(x.widths.allSatisfy { abs($0 - 0.4) < 1e-12 } && abs(x.centers[0] + 0.2) < 1e-12 && abs(y.centers[0] - 0.2) < 1e-12)
        #expect(x.heights == [1, 1] && y.heights == [1, 0])
    }

    @Test func figureSizeIsChecked() throws {
        var figure = try Figure.bar(labels: ["a"], values: [1])
        try figure.resize(width: 10, height: 8)
        #expect(figure.pointSize.width == 720)
        for bad in [(0.0, 4.0), (-1, 4), (51, 4), (.nan, 4), (.infinity, 4)] {
            #expect(throws: PlotError.self) { try figure.resize(width: bad.0, height: bad.1) }
        }
    }

    @Test func themesTakeSeabornsStylesAndPalettes() throws {
        #expect(Palette.seaborn["deep"]![0].hexString == "#4c72b0")
        #expect(Palette.names.allSatisfy { Palette.seaborn[$0]?.count == 10 })
        var figure = try Figure.countplot(categories: ["a", "b"], hue: ["x", "y"])
        figure.apply(try #require(Theme(style: .whitegrid, palette: "deep")))
        guard case .bars(let second) = figure.axes[0].marks[1] else { return }
        #expect(second.color.hexString == "#dd8452")
        #expect(figure.style.axesBackground == .white && figure.style.showGrid)
        #expect(Theme(style: .white, palette: "deep")!.style.showGrid == false)
        #expect(Theme(style: .dark, palette: "nope") == nil)
    }

    @Test func hugeRastersAreRefusedBeforeDrawing() throws {
        var figure = try Figure.bar(labels: ["a"], values: [1])
        try figure.resize(width: 50, height: 50)
        #expect(throws: PlotError.tooManyPixels(width: 60000, height: 60000)) { try figure.data(svg: false, dpi: 1200) }
    }
}

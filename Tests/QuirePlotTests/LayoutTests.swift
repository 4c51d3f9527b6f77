import QuirePlot
import Testing

/// Layout facts on the figure model: positions, overlaps, legends.
@Suite struct LayoutTests {
    /// No two texts of an axes overlap, and all lie on the page.
    func expectTidy(_ layout: FigureLayout, sourceLocation: SourceLocation = #_sourceLocation) {
        let page = Rect(x: 0, y: 0, width: layout.width, height: layout.height)
        for axes in layout.axes {
            let texts = axes.texts
            for (i, a) in texts.enumerated() {
                #expect(page.contains(a.bounds), "\(a.text) leaves the page", sourceLocation: sourceLocation)
                #expect(!axes.plot.intersects(a.bounds) || a.bounds.width == 0, "\(a.text) covers the plot", sourceLocation: sourceLocation)
                for b in texts[(i + 1)...] {
                    #expect(!a.bounds.intersects(b.bounds), "\(a.text) overlaps \(b.text)", sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test func confusionHeatmapIsTidy() throws {
        let layout = try TestSupport.confusionHeatmap().layout()
        expectTidy(layout)
        let a = layout.axes[0]
        #expect(a.xTicks.map(\.label.text) == ["0", "1", "2", "3"])
        // Row 0 at the top, as seaborn draws matrices.
        #expect(a.yTicks[0].position < a.yTicks[3].position)
        #expect(a.colorBar?.ticks.map(\.value) == [0, 20, 40, 60, 80])
        #expect(a.colorBar!.bar.minX > a.plot.maxX)
        #expect(a.title!.bounds.maxY <= a.plot.minY)
        #expect(a.xLabel!.bounds.minY > a.xTicks[0].label.bounds.maxY)
        #expect(a.yLabel!.bounds.maxX < a.yTicks[0].label.bounds.minX)
    }

    @Test func longLabelsGetRoomAndTurnUpright() throws {
        let names = (1...8).map { "a rather long category name \($0)" }
        let figure = try Figure.bar(
            labels: names, values: names.indices.map(Double.init),
            text: ChartText(title: String(repeating: "Title ", count: 8), xLabel: "category", yLabel: "a long label for the values"))
        let layout = figure.layout()
        expectTidy(layout)
        let ticks = layout.axes[0].xTicks
        #expect(ticks.allSatisfy { $0.label.degrees == 90 }, "crowded labels are turned upright")
        #expect(layout.axes[0].plot.height > 50, "the plot keeps some height")
    }

    @Test func overlongTitlesAndLabelsShrinkToFitThePage() throws {
        let long = String(repeating: "A very long title that goes on ", count: 5)
        let figure = try Figure.heatmap(
            rows: 2, columns: 2, values: [1, 2, 3, 4], colormap: .viridis, format: nil,
            text: ChartText(title: long, xLabel: long, yLabel: long))
        let a = figure.layout().axes[0]
        expectTidy(figure.layout())
        #expect(a.title!.size < Style.seaborn.titleSize)
        #expect(a.yLabel!.bounds.height <= a.cell.height)
        let names = [String(repeating: "n", count: 300), "b"]
        let cut = try Figure.bar(labels: names, values: [1, 2]).layout().axes[0]
        #expect(cut.xTicks[0].label.text.count == 40 && cut.xTicks[0].label.text.hasSuffix("…"))
        #expect(cut.plot.height > 100)
    }

    @Test func shortLabelsStayHorizontal() throws {
        let layout = try Figure.bar(labels: ["a", "b", "c"], values: [1, 2, 3]).layout()
        #expect(layout.axes[0].xTicks.allSatisfy { $0.label.degrees == 0 })
        expectTidy(layout)
    }

    @Test func wideTickLabelsPushThePlotRight() throws {
        let narrow = try Figure.line(xs: [0, 1], ys: [0, 1]).layout().axes[0].plot
        let wide = try Figure.line(xs: [0, 1], ys: [0, 123_456]).layout().axes[0].plot
        #expect(wide.minX > narrow.minX)
    }

    @Test func barsStandOnZeroAndLeaveAMarginAbove() throws {
        let a = try Figure.bar(labels: ["x", "y"], values: [500, 250]).layout().axes[0]
        #expect(a.yRange.low == 0, "the baseline is sticky, as in matplotlib")
        #expect(abs(a.yRange.high - 525) < 1e-9, "5% margin above")
        #expect(a.xRange == AxisRange(-0.5, 1.5))
        #expect(a.yTicks.map(\.value) == [0, 100, 200, 300, 400, 500])
    }

    @Test func legendAppearsOnlyForNamedMarks() throws {
        let plain = try Figure.scatter(xs: [1, 2], ys: [1, 2]).layout().axes[0]
        #expect(plain.legend == nil)
        let grouped = try Figure.scatter(xs: [1, 2, 3, 4], ys: [1, 2, 3, 4], hue: ["b", "a", "b", "a"], hueTitle: "group").layout().axes[0]
        let legend = try #require(grouped.legend)
        #expect(legend.entries.map(\.label.text) == ["b", "a"])
        #expect(legend.title?.text == "group")
        #expect(grouped.plot.contains(legend.box))
        // Points run from bottom left to top right: the legend avoids both corners.
        let p = grouped.plot
        let corner = (legend.box.midX < p.midX, legend.box.midY < p.midY)
        #expect(corner == (true, true) || corner == (false, false))
    }

    @Test func imagesKeepTheirAspect() throws {
        let wide = try Figure.image(.init(shape: [10, 40], float64: Array(repeating: 0, count: 400))).layout().axes[0]
        #expect(abs(wide.plot.width / wide.plot.height - 4) < 1e-9)
        #expect(wide.y(0) < wide.y(9), "row 0 is at the top")
    }

    @Test func gridsPlaceAxesRowByRow() throws {
        let figures = try (0..<4).map { _ throws(PlotError) in try Figure.line(xs: [0, 1], ys: [1, 0]) }
        let layout = try Figure.grid(figures, rows: 2, columns: 2).layout()
        let plots = layout.axes.map(\.plot)
        #expect(plots[0].maxX < plots[1].minX && plots[0].maxY < plots[2].minY)
        for (i, a) in plots.enumerated() { for b in plots[(i + 1)...] { #expect(!a.intersects(b)) } }
        #expect(throws: PlotError.invalidGrid(rows: 1, columns: 3, figures: 4)) { try Figure.grid(figures, rows: 1, columns: 3) }
    }
}

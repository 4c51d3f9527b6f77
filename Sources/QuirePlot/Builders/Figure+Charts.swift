/// Ready-made charts with seaborn's look, built from plain Swift values.
extension Figure {
    /// seaborn's displot figure is five inches square.
    public static let distributionSize = (width: 5.0, height: 5.0)
    /// More than ten plots a side leaves each too small to read (and the page too large to draw).
    public static let maxGridSide = 10
    /// seaborn's bar width, in category units.
    public static let barWidth = 0.8

    /// A bar per label; NaN values leave their slot empty.
    public static func bar(labels: [String], values: [Double], color: RGBColor? = nil, text: ChartText = ChartText()) throws(PlotError)
        -> Figure
    {
        guard labels.count == values.count else { throw .lengthMismatch(first: labels.count, second: values.count) }
        guard values.contains(where: \.isFinite) else { throw .emptyData }
        var bars = Bars(
            centers: labels.indices.map(Double.init), widths: Array(repeating: barWidth, count: labels.count), heights: values,
            color: color ?? Palette.color(0))
        bars.edgeColor = nil
        var axes = Axes()
        axes.marks = [.bars(bars)]
        axes.xScale = .categorical(labels)
        text.apply(to: &axes)
        return Figure(axes: axes)
    }

    /// A histogram of the finite values (NaN skipped), optionally with a density curve scaled to
    /// the counts, as seaborn's `displot(kde=True)`.
    public static func histogram(
        values: [Double], binning: Histogram.Binning, kde: Bool = false, color: RGBColor? = nil, text: ChartText = ChartText()
    ) throws(PlotError) -> Figure {
        let histogram = try Histogram(values: values, binning: binning)
        let base = color ?? Palette.color(0)
        var bars = Bars(
            centers: histogram.centers, widths: histogram.widths, heights: histogram.counts,
            color: base.withAlpha(Style.seaborn.histogramAlpha))
        bars.edgeColor = .white
        var axes = Axes()
        axes.marks = [.bars(bars)]
        if kde {
            let estimate = try KernelDensity(values: values)
            let curve = estimate.curve()
            let scale = Double(estimate.values.count) * (histogram.widths.first ?? 1)
            axes.marks.append(.line(Line(xs: curve.xs, ys: curve.ys.map { $0 * scale }, color: base)))
        }
        var labels = text
        if labels.yLabel == nil { labels.yLabel = "Count" }
        labels.apply(to: &axes)
        return Figure(width: distributionSize.width, height: distributionSize.height, axes: axes)
    }

    /// A matrix of coloured cells with a colour bar, optionally with each value written in its
    /// cell (`format`), as seaborn's heatmap. NaN cells stay empty.
    public static func heatmap(
        rows: Int, columns: Int, values: [Double], colormap: Colormap, format: NumberFormat?, colorBar: Bool = true,
        xTickLabels: [String]? = nil, yTickLabels: [String]? = nil, text: ChartText = ChartText()
    ) throws(PlotError) -> Figure {
        guard rows > 0, columns > 0, values.count == rows * columns else { throw .emptyData }
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { throw .emptyData }
        let xNames = xTickLabels ?? (0..<columns).map(String.init)
        let yNames = yTickLabels ?? (0..<rows).map(String.init)
        guard xNames.count == columns else { throw .lengthMismatch(first: columns, second: xNames.count) }
        guard yNames.count == rows else { throw .lengthMismatch(first: rows, second: yNames.count) }
        let annotations = format.map { f in values.map { $0.isFinite ? f.format($0) : "" } }
        var axes = Axes()
        axes.marks = [
            .heatCells(
                HeatCells(rows: rows, columns: columns, values: values, colormap: colormap, low: low, high: high, annotations: annotations))
        ]
        axes.xScale = .categorical(xNames)
        axes.yScale = .categorical(yNames)
        axes.yInverted = true
        axes.frame = .plain
        if colorBar { axes.colorBar = ColorBar(colormap: colormap, low: low, high: high) }
        text.apply(to: &axes)
        return Figure(axes: axes)
    }

    /// A scatter plot; with `hue`, one colour and legend entry per distinct hue value.
    public static func scatter(xs: [Double], ys: [Double], hue: [String]? = nil, hueTitle: String? = nil, text: ChartText = ChartText())
        throws(PlotError) -> Figure
    {
        guard xs.count == ys.count else { throw .lengthMismatch(first: xs.count, second: ys.count) }
        guard zip(xs, ys).contains(where: { $0.isFinite && $1.isFinite }) else { throw .emptyData }
        var axes = Axes()
        if let hue {
            guard hue.count == xs.count else { throw .lengthMismatch(first: xs.count, second: hue.count) }
            for (i, group) in Figure.groups(hue).enumerated() {
                let members = hue.indices.filter { hue[$0] == group }
                axes.marks.append(
                    .points(Points(xs: members.map { xs[$0] }, ys: members.map { ys[$0] }, color: Palette.color(i), name: group)))
            }
            axes.legendTitle = hueTitle
        } else {
            axes.marks = [.points(Points(xs: xs, ys: ys, color: Palette.color(0)))]
        }
        text.apply(to: &axes)
        return Figure(axes: axes)
    }

    /// The distinct hue values: numbers in increasing order, other text in order of appearance
    /// (seaborn's `categorical_order`).
    static func groups(_ hue: [String]) -> [String] {
        var seen = Set<String>()
        var order: [String] = []
        for h in hue where seen.insert(h).inserted { order.append(h) }
        let numbers = order.compactMap(Double.init)
        if numbers.count == order.count { return order.sorted { Double($0)! < Double($1)! } }
        return order
    }

    /// A line through the points in order; NaN points break it.
    public static func line(xs: [Double], ys: [Double], color: RGBColor? = nil, name: String? = nil, text: ChartText = ChartText())
        throws(PlotError) -> Figure
    {
        guard xs.count == ys.count else { throw .lengthMismatch(first: xs.count, second: ys.count) }
        guard zip(xs, ys).contains(where: { $0.isFinite && $1.isFinite }) else { throw .emptyData }
        var axes = Axes()
        axes.marks = [.line(Line(xs: xs, ys: ys, color: color ?? Palette.color(0), name: name))]
        text.apply(to: &axes)
        return Figure(axes: axes)
    }

    /// One box per group, named by `names` along x.
    public static func boxplot(groups: [[Double]], names: [String], text: ChartText = ChartText()) throws(PlotError) -> Figure {
        guard !groups.isEmpty else { throw .emptyData }
        guard names.count == groups.count else { throw .lengthMismatch(first: groups.count, second: names.count) }
        var summaries: [BoxSummary] = []
        for g in groups { summaries.append(try BoxSummary(values: g)) }
        var axes = Axes()
        axes.marks = [.boxes(Boxes(summaries: summaries, colors: groups.indices.map { Palette.color($0) }))]
        axes.xScale = .categorical(names)
        text.apply(to: &axes)
        return Figure(axes: axes)
    }

    /// Puts the axes of several figures into one grid, filling rows first.
    public static func grid(_ figures: [Figure], rows: Int, columns: Int) throws(PlotError) -> Figure {
        let axes = figures.flatMap(\.axes)
        guard rows > 0, columns > 0, rows <= maxGridSide, columns <= maxGridSide, !axes.isEmpty, axes.count <= rows * columns else {
            throw .invalidGrid(rows: rows, columns: columns, figures: axes.count)
        }
        // Each cell keeps three quarters of the size its figure had alone, to a tenth of an inch.
        let cellScale = 0.75
        func tenths(_ inches: Double) -> Double { (inches * cellScale * 10).rounded() }
        let width = tenths(figures.map(\.width).max() ?? defaultSize.width) * Double(columns) / 10
        let height = tenths(figures.map(\.height).max() ?? defaultSize.height) * Double(rows) / 10
        return Figure(width: width, height: height, rows: rows, columns: columns, axes: axes)
    }

    /// Sets a log scale on x and/or y after checking the data is positive.
    public mutating func setLogScale(x: Bool, y: Bool) throws(PlotError) {
        for i in axes.indices {
            for mark in axes[i].marks {
                let (xs, ys): ([Double], [Double]) =
                    switch mark {
                    case .line(let l): (l.xs, l.ys)
                    case .points(let p): (p.xs, p.ys)
                    default: ([], [])
                    }
                if x && xs.contains(where: { $0.isFinite && $0 <= 0 }) { throw .nonPositiveOnLogScale }
                if y && ys.contains(where: { $0.isFinite && $0 <= 0 }) { throw .nonPositiveOnLogScale }
            }
            if x { axes[i].xScale = .log }
            if y { axes[i].yScale = .log }
        }
    }
}

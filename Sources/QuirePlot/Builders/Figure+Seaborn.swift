import Foundation

/// seaborn's figure-level names: charts of columns grouped by category and by `hue`, with
/// seaborn's statistics (mean and 95% bootstrap interval, Gaussian KDE, least squares).
extension Figure {
    /// The largest figure side accepted, in inches: 50 inches is 5000 pixels at 100 dpi.
    public static let maxInches = 50.0
    /// The most categories, hue levels or pairplot columns drawn: more could not be told apart.
    public static let maxLevels = 100
    /// The most columns in a pairplot (a 10 x 10 grid of 2.5-inch plots is 25 inches a side).
    public static let maxPairColumns = 10
    /// seaborn's pairplot draws each plot 2.5 inches a side.
    public static let pairCellInches = 2.5
    /// Opacity of confidence bands, as seaborn's.
    public static let bandAlpha = 0.2
    /// seaborn's error bar colour, `".26"`.
    public static let errorBarColor = RGBColor(gray: 0.26)

    /// Sets the page size in inches (matplotlib's `figsize`), checking it is drawable.
    public mutating func resize(width: Double, height: Double) throws(PlotError) {
        guard width.isFinite, height.isFinite, width > 0, height > 0, width <= Figure.maxInches, height <= Figure.maxInches else {
            throw .invalidFigureSize(width: width, height: height)
        }
        self.width = width
        self.height = height
    }

    /// The order of categories or hue levels: numbers increasing, other text in order of
    /// appearance (seaborn's `categorical_order`); "nan" and empty labels are left out.
    public static func levels(_ labels: [String]) throws(PlotError) -> [String] {
        let order = groups(labels.filter { !Figure.isMissing($0) })
        guard order.count <= maxLevels else { throw .tooManyLevels(order.count, limit: maxLevels) }
        return order
    }

    static func isMissing(_ label: String) -> Bool { label.isEmpty || label == "nan" || label == "NaN" || label == "None" }

    /// Where the `j`-th of `count` hue levels sits within a category slot of seaborn's width 0.8.
    static func dodge(_ j: Int, of count: Int) -> (offset: Double, width: Double) {
        let width = barWidth / Double(count)
        return (-barWidth / 2 + width * (Double(j) + 0.5), width)
    }

    /// seaborn's `dodge="auto"`: hue levels go side by side only when some category holds
    /// several of them (not when hue repeats x, as `countplot(x="c", hue="c")`).
    static func dodges(_ categories: [String], _ hue: [String]?) -> Bool {
        guard let hue else { return false }
        var first: [String: String] = [:]
        for (c, h) in zip(categories, hue) {
            if let seen = first[c], seen != h { return true }
            first[c] = h
        }
        return false
    }

    /// Checks that an optional hue has one label per value.
    static func checkHue(_ hue: [String]?, count: Int) throws(PlotError) {
        if let hue, hue.count != count { throw .lengthMismatch(first: count, second: hue.count) }
    }

    /// Lines through the points of each hue level, in order (matplotlib's plot per group).
    public static func lines(xs: [Double], ys: [Double], hue: [String], hueTitle: String? = nil, text: ChartText = ChartText())
        throws(PlotError) -> Figure
    {
        guard xs.count == ys.count else { throw .lengthMismatch(first: xs.count, second: ys.count) }
        try checkHue(hue, count: xs.count)
        guard zip(xs, ys).contains(where: { $0.isFinite && $1.isFinite }) else { throw .emptyData }
        var axes = Axes()
        for (i, level) in try levels(hue).enumerated() {
            let members = hue.indices.filter { hue[$0] == level }
            axes.marks.append(.line(Line(xs: members.map { xs[$0] }, ys: members.map { ys[$0] }, color: Palette.color(i), name: level)))
        }
        axes.legendTitle = hueTitle
        text.apply(to: &axes)
        return Figure(axes: axes)
    }

    // MARK: - lineplot

    /// seaborn's lineplot: the mean of y at each distinct x, joined in order of x, with a 95%
    /// bootstrap band where an x has several values; one line per hue level.
    public static func lineplot(
        xs: [Double], ys: [Double], hue: [String]? = nil, hueTitle: String? = nil, text: ChartText = ChartText()
    ) throws(PlotError) -> Figure {
        guard xs.count == ys.count else { throw .lengthMismatch(first: xs.count, second: ys.count) }
        try checkHue(hue, count: xs.count)
        guard zip(xs, ys).contains(where: { $0.isFinite && $1.isFinite }) else { throw .emptyData }
        var axes = Axes()
        var boot = Bootstrap()
        var groups: [(name: String?, rows: [Int])] = [(nil, Array(xs.indices))]
        if let hue {
            groups = try levels(hue).map { level in (name: Optional(level), rows: hue.indices.filter { hue[$0] == level }) }
        }
        for (i, group) in groups.enumerated() {
            var byX: [Double: [Double]] = [:]
            for r in group.rows where xs[r].isFinite && ys[r].isFinite { byX[xs[r], default: []].append(ys[r]) }
            let keys = byX.keys.sorted()
            guard !keys.isEmpty else { continue }
            let means = keys.map { k in byX[k]!.reduce(0, +) / Double(byX[k]!.count) }
            let color = Palette.color(i)
            var upper: [(Double, Double)] = []
            var lower: [(Double, Double)] = []
            for k in keys {
                if let ci = boot.meanInterval(byX[k]!) {
                    upper.append((k, ci.high))
                    lower.append((k, ci.low))
                }
            }
            if upper.count >= 2 {
                let band = upper + lower.reversed()
                axes.marks.append(.area(Area(xs: band.map { $0.0 }, ys: band.map { $0.1 }, color: color.withAlpha(bandAlpha))))
            }
            axes.marks.append(.line(Line(xs: keys, ys: means, color: color, name: group.name)))
        }
        axes.legendTitle = hue == nil ? nil : hueTitle
        text.apply(to: &axes)
        return Figure(axes: axes)
    }

    // MARK: - barplot and countplot

    /// seaborn's barplot: the mean of `values` per category with a 95% bootstrap error bar
    /// (seaborn 0.13's `errorbar=("ci", 95)`, `n_boot=1000`); with hue, bars side by side.
    public static func barplot(
        categories: [String], values: [Double], hue: [String]? = nil, hueTitle: String? = nil, text: ChartText = ChartText()
    ) throws(PlotError) -> Figure {
        guard categories.count == values.count else { throw .lengthMismatch(first: categories.count, second: values.count) }
        try checkHue(hue, count: values.count)
        guard values.contains(where: \.isFinite) else { throw .emptyData }
        let names = try levels(categories)
        var hueLevels: [String?] = [nil]
        if let hue { hueLevels = try levels(hue).map { Optional($0) } }
        let side = dodges(categories, hue)
        var axes = Axes()
        var boot = Bootstrap()
        var bars: [Mark] = []
        var errorXs: [Double] = []
        var errorYs: [Double] = []
        for (j, level) in hueLevels.enumerated() {
            let (offset, width) = side ? dodge(j, of: hueLevels.count) : (0, barWidth)
            var centers: [Double] = []
            var heights: [Double] = []
            for (c, name) in names.enumerated() {
                let members = values.indices.filter { categories[$0] == name && (level == nil || hue![$0] == level) }
                    .map { values[$0] }.filter(\.isFinite)
                guard !members.isEmpty else { continue }
                centers.append(Double(c) + offset)
                heights.append(members.reduce(0, +) / Double(members.count))
                if let ci = boot.meanInterval(members) {
                    errorXs += [Double(c) + offset, Double(c) + offset, .nan]
                    errorYs += [ci.low, ci.high, .nan]
                }
            }
            var b = Bars(
                centers: centers, widths: Array(repeating: width, count: centers.count), heights: heights,
                color: Palette.color(j), name: level)
            b.edgeColor = nil
            bars.append(.bars(b))
        }
        axes.marks = bars
        if !errorXs.isEmpty { axes.marks.append(.line(Line(xs: errorXs, ys: errorYs, color: errorBarColor, width: 1.5 * 1.8))) }
        axes.xScale = .categorical(names)
        axes.legendTitle = hue == nil ? nil : hueTitle
        text.apply(to: &axes)
        return Figure(axes: axes)
    }

    /// seaborn's countplot: how many rows fall in each category (and hue level, side by side).
    public static func countplot(categories: [String], hue: [String]? = nil, hueTitle: String? = nil, text: ChartText = ChartText())
        throws(PlotError) -> Figure
    {
        try checkHue(hue, count: categories.count)
        let names = try levels(categories)
        guard !names.isEmpty else { throw .emptyData }
        var hueLevels: [String?] = [nil]
        if let hue { hueLevels = try levels(hue).map { Optional($0) } }
        let side = dodges(categories, hue)
        var axes = Axes()
        for (j, level) in hueLevels.enumerated() {
            let (offset, width) = side ? dodge(j, of: hueLevels.count) : (0, barWidth)
            let counts = names.map { name in
                Double(categories.indices.filter { categories[$0] == name && (level == nil || hue![$0] == level) }.count)
            }
            var b = Bars(
                centers: names.indices.map { Double($0) + offset }, widths: Array(repeating: width, count: names.count),
                heights: counts, color: Palette.color(j), name: level)
            b.edgeColor = nil
            axes.marks.append(.bars(b))
        }
        axes.xScale = .categorical(names)
        axes.legendTitle = hue == nil ? nil : hueTitle
        var labels = text
        if labels.yLabel == nil { labels.yLabel = "count" }
        labels.apply(to: &axes)
        return Figure(axes: axes)
    }

    // MARK: - histogram by hue

    /// Histograms of each hue level over the same bins, layered (seaborn's histplot with hue).
    public static func histogram(
        values: [Double], binning: Histogram.Binning, hue: [String], hueTitle: String?, text: ChartText = ChartText()
    ) throws(PlotError) -> Figure {
        try checkHue(hue, count: values.count)
        let all = try Histogram(values: values, binning: binning)
        let edges = all.edges
        var axes = Axes()
        for (j, level) in try levels(hue).enumerated() {
            var counts = [Double](repeating: 0, count: edges.count - 1)
            for i in values.indices where hue[i] == level && values[i].isFinite {
                // The last edge closes the last bin, as numpy's.
                var k = edges.lastIndex(where: { $0 <= values[i] }) ?? 0
                k = min(k, counts.count - 1)
                counts[k] += 1
            }
            var bars = Bars(
                centers: all.centers, widths: all.widths, heights: counts,
                color: Palette.color(j).withAlpha(0.5), name: level)
            bars.edgeColor = nil
            axes.marks.append(.bars(bars))
        }
        axes.legendTitle = hueTitle
        var labels = text
        if labels.yLabel == nil { labels.yLabel = "Count" }
        labels.apply(to: &axes)
        return Figure(width: distributionSize.width, height: distributionSize.height, axes: axes)
    }

    // MARK: - boxplot and violinplot by category

    /// Box plots (or violins) of `values` per category, side by side per hue level.
    public static func grouped(
        categories: [String], values: [Double], hue: [String]? = nil, hueTitle: String? = nil, violin: Bool,
        text: ChartText = ChartText()
    ) throws(PlotError) -> Figure {
        guard categories.count == values.count else { throw .lengthMismatch(first: categories.count, second: values.count) }
        try checkHue(hue, count: values.count)
        guard values.contains(where: \.isFinite) else { throw .emptyData }
        let names = try levels(categories)
        var hueLevels: [String?] = [nil]
        if let hue { hueLevels = try levels(hue).map { Optional($0) } }
        let side = dodges(categories, hue)
        var axes = Axes()
        var shapes: [(position: Double, width: Double, values: [Double], color: RGBColor, level: String?)] = []
        for (j, level) in hueLevels.enumerated() {
            let (offset, width) = side ? dodge(j, of: hueLevels.count) : (0, barWidth)
            for (c, name) in names.enumerated() {
                let members = values.indices.filter { categories[$0] == name && (level == nil || hue![$0] == level) }
                    .map { values[$0] }.filter(\.isFinite)
                guard !members.isEmpty else { continue }
                shapes.append((Double(c) + offset, width, members, Palette.color(hue == nil ? c : j), level))
            }
        }
        if violin {
            axes.marks = try violins(shapes.map { (position: $0.position, width: $0.width, values: $0.values, color: $0.color) })
            // One legend entry per hue level, on its first violin.
            var named = Set<String>()
            for (k, shape) in shapes.enumerated() {
                guard let level = shape.level, named.insert(level).inserted, case .area(var a) = axes.marks[k] else { continue }
                a.name = level
                axes.marks[k] = .area(a)
            }
        } else {
            for level in hueLevels {
                let mine = shapes.filter { $0.level == level }
                guard !mine.isEmpty else { continue }
                var summaries: [BoxSummary] = []
                for s in mine { summaries.append(try BoxSummary(values: s.values)) }
                var boxes = Boxes(summaries: summaries, colors: mine.map { $0.color })
                boxes.positions = mine.map { $0.position }
                // Side by side, a little gap between the boxes of one category.
                boxes.width = side ? (mine.first?.width ?? barWidth) * 0.9 : barWidth
                boxes.name = level
                axes.marks.append(.boxes(boxes))
            }
        }
        axes.xScale = .categorical(names)
        axes.legendTitle = hue == nil ? nil : hueTitle
        text.apply(to: &axes)
        return Figure(axes: axes)
    }

    /// seaborn's violins: a Gaussian KDE (Scott's bandwidth) over the data widened by two
    /// bandwidths (`cut=2`), 100 points, every violin scaled by the largest density
    /// (`density_norm="area"`), with a small box plot inside.
    static func violins(_ shapes: [(position: Double, width: Double, values: [Double], color: RGBColor)]) throws(PlotError) -> [Mark] {
        let gridSize = 100
        var curves: [(xs: [Double], ys: [Double])?] = []
        for s in shapes {
            guard s.values.count >= 2, let kde = try? KernelDensity(values: s.values) else {
                curves.append(nil)
                continue
            }
            let lo = s.values.min()! - 2 * kde.bandwidth
            let hi = s.values.max()! + 2 * kde.bandwidth
            let ys = (0..<gridSize).map { lo + (hi - lo) * Double($0) / Double(gridSize - 1) }
            curves.append((ys, ys.map(kde.density)))
        }
        let peak = curves.compactMap { $0?.ys.max() }.max() ?? 1
        var outlines: [Mark] = []
        var inner: [Mark] = []
        for (s, curve) in zip(shapes, curves) {
            let half = s.width / 2
            if let curve {
                let right = zip(curve.xs, curve.ys).map { (s.position + $1 / peak * half, $0) }
                let left = zip(curve.xs, curve.ys).reversed().map { (s.position - $1 / peak * half, $0) }
                let outline = right + left
                outlines.append(.area(Area(xs: outline.map { $0.0 }, ys: outline.map { $0.1 }, color: s.color, edgeColor: Style.seaborn.boxLineColor)))
            } else {
                // One value (or all equal): a line across, as seaborn draws it.
                let v = s.values[0]
                outlines.append(.area(Area(xs: [s.position - half, s.position + half, s.position + half, s.position - half], ys: [v, v, v, v], color: s.color, edgeColor: Style.seaborn.boxLineColor)))
            }
            let box = try BoxSummary(values: s.values)
            inner.append(.line(Line(xs: [s.position, s.position], ys: [box.lowWhisker, box.highWhisker], color: Style.seaborn.boxLineColor, width: 1.5)))
            inner.append(.line(Line(xs: [s.position, s.position], ys: [box.q1, box.q3], color: Style.seaborn.boxLineColor, width: 4.5)))
            inner.append(.points(Points(xs: [s.position], ys: [box.median], color: .white, size: 4)))
        }
        return outlines + inner
    }

    // MARK: - regplot

    /// seaborn's regplot: the points, the least-squares line over the data's x range, and its
    /// 95% band from 1000 bootstrap refits evaluated on 100 points.
    public static func regplot(xs: [Double], ys: [Double], color: RGBColor? = nil, text: ChartText = ChartText()) throws(PlotError)
        -> Figure
    {
        guard xs.count == ys.count else { throw .lengthMismatch(first: xs.count, second: ys.count) }
        let pairs = zip(xs, ys).filter { $0.isFinite && $1.isFinite }
        guard !pairs.isEmpty else { throw .emptyData }
        let px = pairs.map { $0.0 }
        guard let fit = LinearFit(xs: px, ys: pairs.map { $0.1 }) else { throw .tooFewValues(needed: 2, got: Set(px).count) }
        let base = color ?? Palette.color(0)
        let lo = px.min()!
        let hi = px.max()!
        let gridSize = 100
        let grid = (0..<gridSize).map { lo + (hi - lo) * Double($0) / Double(gridSize - 1) }
        var boot = Bootstrap()
        var predictions = [[Double]](repeating: [], count: gridSize)
        for _ in 0..<Bootstrap.resamples {
            var rx: [Double] = []
            var ry: [Double] = []
            rx.reserveCapacity(pairs.count)
            ry.reserveCapacity(pairs.count)
            for _ in pairs.indices {
                let k = boot.index(below: pairs.count)
                rx.append(pairs[k].0)
                ry.append(pairs[k].1)
            }
            // A resample with one distinct x has no line; seaborn's would be NaN too, and is skipped.
            guard let f = LinearFit(xs: rx, ys: ry) else { continue }
            for (g, x) in grid.enumerated() { predictions[g].append(f.predict(x)) }
        }
        var axes = Axes()
        axes.marks = [.points(Points(xs: xs, ys: ys, color: base))]
        if predictions.allSatisfy({ !$0.isEmpty }) {
            let bands = predictions.map(Bootstrap.interval)
            let upper = zip(grid, bands.map { $0.high }).map { ($0, $1) }
            let lower = zip(grid, bands.map { $0.low }).reversed().map { ($0, $1) }
            let outline = upper + lower
            axes.marks.append(.area(Area(xs: outline.map { $0.0 }, ys: outline.map { $0.1 }, color: base.withAlpha(0.15))))
        }
        axes.marks.append(.line(Line(xs: grid, ys: grid.map(fit.predict), color: base)))
        text.apply(to: &axes)
        return Figure(axes: axes)
    }

    // MARK: - pairplot

    /// seaborn's pairplot: a grid with a scatter of every pair of columns off the diagonal and a
    /// histogram of each column on it, 2.5 inches per plot; labels on the outer plots only.
    public static func pairplot(columns: [(name: String, values: [Double])], hue: [String]? = nil, hueTitle: String? = nil)
        throws(PlotError) -> Figure
    {
        let n = columns.count
        guard n > 0, let rows = columns.first?.values.count, rows > 0 else { throw .emptyData }
        guard n <= maxPairColumns else { throw .tooManyLevels(n, limit: maxPairColumns) }
        for c in columns where c.values.count != rows { throw .lengthMismatch(first: rows, second: c.values.count) }
        try checkHue(hue, count: rows)
        var hueLevels: [String]?
        if let hue { hueLevels = try levels(hue) }
        var cells: [Axes] = []
        for r in 0..<n {
            for c in 0..<n {
                var axes: Axes
                if r == c {
                    if let hue {
                        axes = try histogram(values: columns[c].values, binning: .auto, hue: hue, hueTitle: nil).axes[0]
                        axes.marks = axes.marks.map { m in
                            guard case .bars(var b) = m else { return m }
                            b.name = nil
                            return .bars(b)
                        }
                    } else {
                        axes = try histogram(values: columns[c].values, binning: .auto).axes[0]
                    }
                    axes.yLabel = nil
                } else if let hue, let hueLevels {
                    axes = Axes()
                    for (j, level) in hueLevels.enumerated() {
                        let members = hue.indices.filter { hue[$0] == level }
                        axes.marks.append(
                            .points(
                                Points(
                                    xs: members.map { columns[c].values[$0] }, ys: members.map { columns[r].values[$0] },
                                    color: Palette.color(j), size: 4, name: level)))
                    }
                } else {
                    axes = Axes()
                    axes.marks = [.points(Points(xs: columns[c].values, ys: columns[r].values, color: Palette.color(0), size: 4))]
                }
                // The legend once, in the top-right plot; labels on the left column and bottom row.
                if !(r == 0 && c == n - 1) {
                    axes.marks = axes.marks.map { m in
                        guard case .points(var p) = m else { return m }
                        p.name = nil
                        return .points(p)
                    }
                } else {
                    axes.legendTitle = hueTitle
                }
                axes.xLabel = r == n - 1 ? columns[c].name : nil
                axes.yLabel = c == 0 ? columns[r].name : nil
                cells.append(axes)
            }
        }
        let side = pairCellInches * Double(n)
        return Figure(width: side, height: side, rows: n, columns: n, axes: cells)
    }
}

/// Puts the legend in the corner of the plot that hides the fewest data points, as matplotlib's
/// `loc="best"` tries to.
struct LegendPlacer {
    let axes: Axes
    let style: Style
    let measurer: TextMeasurer

    static let swatchWidth = 16.0
    static let swatchHeight = 8.0
    static let padding = 5.0
    static let inset = 6.0

    func place(in layout: AxesLayout) -> LegendLayout? {
        let entries = axes.legendEntries
        guard !entries.isEmpty else { return nil }
        let sizes = entries.map { measurer.measure($0.name, size: style.legendSize) }
        let titleSize = axes.legendTitle.map { measurer.measure($0, size: style.legendSize) }
        let rowHeight = (sizes.first?.height ?? style.legendSize) * 1.25
        let labelWidth = sizes.map(\.width).max() ?? 0
        let width =
            LegendPlacer.padding * 3 + LegendPlacer.swatchWidth
            + max(labelWidth, (titleSize?.width ?? 0) - LegendPlacer.swatchWidth - LegendPlacer.padding)
        let height = LegendPlacer.padding * 2 + rowHeight * Double(entries.count) + (titleSize.map { $0.height * 1.25 } ?? 0)
        let box = bestCorner(width: width, height: height, layout: layout)
        var y = box.minY + LegendPlacer.padding
        var title: PlacedText?
        if let text = axes.legendTitle, let m = titleSize {
            title = PlacedText(
                text, measured: m, at: Point(box.midX, y), size: style.legendSize, color: style.textColor,
                horizontal: .center, vertical: .top)
            y += m.height * 1.25
        }
        var placed: [(swatch: Rect, label: PlacedText, mark: Mark)] = []
        for (i, entry) in entries.enumerated() {
            let mid = y + rowHeight / 2
            let swatch = Rect(
                x: box.minX + LegendPlacer.padding, y: mid - LegendPlacer.swatchHeight / 2,
                width: LegendPlacer.swatchWidth, height: LegendPlacer.swatchHeight)
            let label = PlacedText(
                entry.name, measured: sizes[i], at: Point(swatch.maxX + LegendPlacer.padding, mid), size: style.legendSize,
                color: style.textColor, horizontal: .left, vertical: .center)
            placed.append((swatch, label, entry.mark))
            y += rowHeight
        }
        return LegendLayout(box: box, title: title, entries: placed)
    }

    private func bestCorner(width: Double, height: Double, layout: AxesLayout) -> Rect {
        let p = layout.plot
        let i = LegendPlacer.inset
        let corners = [
            Rect(x: p.maxX - i - width, y: p.minY + i, width: width, height: height),
            Rect(x: p.minX + i, y: p.minY + i, width: width, height: height),
            Rect(x: p.minX + i, y: p.maxY - i - height, width: width, height: height),
            Rect(x: p.maxX - i - width, y: p.maxY - i - height, width: width, height: height),
        ]
        let points = dataPoints(layout)
        var best = corners[0]
        var fewest = Int.max
        for corner in corners {
            let covered = points.filter { $0.x >= corner.minX && $0.x <= corner.maxX && $0.y >= corner.minY && $0.y <= corner.maxY }.count
            if covered < fewest {
                fewest = covered
                best = corner
            }
        }
        return best
    }

    /// The page positions of the points and line vertices the legend should avoid.
    private func dataPoints(_ layout: AxesLayout) -> [Point] {
        var result: [Point] = []
        for mark in axes.marks {
            switch mark {
            case .line(let l): result += zip(l.xs, l.ys).map { Point(layout.x($0), layout.y($1)) }
            case .points(let p): result += zip(p.xs, p.ys).map { Point(layout.x($0), layout.y($1)) }
            case .bars(let b): result += zip(b.centers, b.heights).map { Point(layout.x($0), layout.y($1)) }
            default: break
            }
        }
        return result
    }
}

/// Computes one axes' layout: ranges, ticks, then margins wide enough for every label.
struct AxesLayoutBuilder {
    let axes: Axes
    let cell: Rect
    let style: Style
    let measurer: TextMeasurer

    /// Gap between neighbouring x tick labels below which they are turned upright.
    static let minimumLabelGap = 3.0
    /// Titles and labels shrink to fit their space, but not below this size, which stays legible.
    static let minimumFontSize = 6.0
    /// Longer category names are cut with an ellipsis, so upright labels leave room for the plot.
    static let maxCategoryLabelLength = 40

    private struct Ticks {
        var values: [Double] = []
        var labels: [String] = []
        var sizes: [TextSize] = []
        var rotated = false
        /// The labels' font size: the style's, or smaller when categories are crowded.
        var fontSize: Double
    }

    func build() -> AxesLayout {
        let bounds = DataBounds(axes)
        let xRange = bounds.xRange(axes, margin: style.margin)
        let yRange = bounds.yRange(axes, margin: style.margin)
        // Ticks depend on the plot's size and margins on the ticks: two rounds settle both.
        // A first guess of the margins (points), only to choose tick counts; the rounds refine it.
        var plot = cell.inset(top: 30, left: 50, bottom: 40, right: 20)
        var result = layout(plot: plot, xRange: xRange, yRange: yRange)
        plot = result.plot
        result = layout(plot: plot, xRange: xRange, yRange: yRange)
        return result
    }

    private func layout(plot guess: Rect, xRange: AxisRange, yRange: AxisRange) -> AxesLayout {
        let xt = ticks(axes.xScale, xRange, length: guess.width, horizontal: true)
        let yt = ticks(axes.yScale, yRange, length: guess.height, horizontal: false)
        let font = measurer.measure("0", size: style.tickLabelSize)
        let yTickWidth = yt.sizes.map(\.width).max() ?? 0
        let xTickDepth = xt.rotated ? (xt.sizes.map(\.width).max() ?? 0) : font.height
        let labelHeight = measurer.measure("Ag", size: style.labelSize).height
        var left = style.outerPad + yTickWidth + style.tickLabelPad
        if axes.yLabel != nil { left += labelHeight + style.axisLabelPad }
        var bottom = style.outerPad + (xt.values.isEmpty ? 0 : xTickDepth + style.tickLabelPad)
        if axes.xLabel != nil { bottom += labelHeight + style.axisLabelPad }
        var top = style.outerPad + font.height / 2
        if let t = axes.title { top = style.outerPad + measurer.measure(t, size: style.titleSize).height + titleGap }
        var right = style.outerPad + (xt.rotated ? font.height / 2 : (xt.sizes.last?.width ?? 0) / 2)
        var colorBarTicks = Ticks(fontSize: style.tickLabelSize)
        if let bar = axes.colorBar {
            colorBarTicks = linearTicks(AxisRange(bar.low, bar.high), length: guess.height, horizontal: false)
            right =
                style.outerPad + style.colorBarGap + style.colorBarWidth + style.tickLabelPad
                + (colorBarTicks.sizes.map(\.width).max() ?? 0)
        }
        var plot = cell.inset(top: top, left: left, bottom: bottom, right: right)
        if axes.equalAspect { plot = fitAspect(plot, xRange: xRange, yRange: yRange) }
        var result = AxesLayout(
            axes: axes, cell: cell, plot: plot, xRange: xRange, yRange: yRange, xTicks: [], yTicks: [])
        result.xTicks = placeXTicks(xt, in: result)
        result.yTicks = placeYTicks(yt, in: result)
        placeLabels(&result, yTickWidth: yTickWidth, xTickDepth: xt.values.isEmpty ? 0 : xTickDepth)
        if let bar = axes.colorBar { result.colorBar = placeColorBar(bar, colorBarTicks, plot: plot) }
        result.legend = LegendPlacer(axes: axes, style: style, measurer: measurer).place(in: result)
        return result
    }

    /// Shrinks the plot so one data unit has the same length on both axes, centred in the space.
    private func fitAspect(_ plot: Rect, xRange: AxisRange, yRange: AxisRange) -> Rect {
        let scale = min(plot.width / xRange.span, plot.height / yRange.span)
        let w = xRange.span * scale
        let h = yRange.span * scale
        return Rect(x: plot.x + (plot.width - w) / 2, y: plot.y + (plot.height - h) / 2, width: w, height: h)
    }

    private func ticks(_ scale: ScaleKind, _ range: AxisRange, length: Double, horizontal: Bool) -> Ticks {
        var t = Ticks(fontSize: style.tickLabelSize)
        switch scale {
        case .categorical(let names):
            t.values = names.indices.map(Double.init)
            t.labels = names.map { name in
                name.count <= AxesLayoutBuilder.maxCategoryLabelLength
                    ? name : String(name.prefix(AxesLayoutBuilder.maxCategoryLabelLength - 1)) + "…"
            }
        case .log:
            let lo = scale.inverse(range.low)
            let hi = scale.inverse(range.high)
            t.values = TickLocator.logTicks(low: lo, high: hi).filter { $0 >= lo * (1 - 1e-9) && $0 <= hi * (1 + 1e-9) }
            t.labels = TickFormatter.logLabels(t.values)
        case .linear:
            return linearTicks(range, length: length, horizontal: horizontal)
        }
        t.sizes = t.labels.map { measurer.measure($0, size: style.tickLabelSize) }
        if horizontal { t.rotated = overlaps(t, range: range, length: length) }
        if case .categorical = scale, horizontal == false || t.rotated {
            fitAcross(&t, range: range, length: length)
            // Long names (a correlation matrix's columns) take at most this share of the cell.
            limitDepth(&t, room: AxesLayoutBuilder.maxLabelShare * (horizontal ? cell.height : cell.width))
        }
        return t
    }

    /// The most of a cell's height (upright x labels) or width (y labels) category labels take.
    static let maxLabelShare = 0.3

    /// Shrinks labels whose length across the axis (their width) exceeds `room`, down to
    /// `minimumFontSize`, so the plot keeps most of the cell.
    private func limitDepth(_ t: inout Ticks, room: Double) {
        let widest = t.sizes.map(\.width).max() ?? 0
        guard widest > room, widest > 0, t.fontSize > AxesLayoutBuilder.minimumFontSize else { return }
        let size = max(AxesLayoutBuilder.minimumFontSize, t.fontSize * room / widest)
        t.fontSize = size
        t.sizes = t.labels.map { measurer.measure($0, size: size) }
    }

    /// Labels stacked along the axis (y labels, upright x labels) that are taller than the
    /// space between categories shrink, down to `minimumFontSize`; if even then they would
    /// touch, only every k-th category keeps its label, as seaborn's heatmap does.
    private func fitAcross(_ t: inout Ticks, range: AxisRange, length: Double) {
        guard t.values.count > 1 else { return }
        let spacing = abs(range.fraction(t.values[1]) - range.fraction(t.values[0])) * length
        let gap = 1.0
        let height = t.sizes.map(\.height).max() ?? 0
        guard height + gap > spacing, height > 0 else { return }
        let size = max(AxesLayoutBuilder.minimumFontSize, t.fontSize * (spacing - gap) / height)
        t.fontSize = size
        t.sizes = t.labels.map { measurer.measure($0, size: size) }
        let shrunk = t.sizes.map(\.height).max() ?? 0
        guard shrunk + gap > spacing else { return }
        let step = Int(((shrunk + gap) / max(spacing, 1e-9)).rounded(.up))
        let keep = Array(stride(from: 0, to: t.values.count, by: max(step, 1)))
        t.values = keep.map { t.values[$0] }
        t.labels = keep.map { t.labels[$0] }
        t.sizes = keep.map { t.sizes[$0] }
    }

    private func linearTicks(_ range: AxisRange, length: Double, horizontal: Bool) -> Ticks {
        var t = Ticks(fontSize: style.tickLabelSize)
        let bins = TickLocator.autoBins(axisLength: length, fontSize: style.tickLabelSize, horizontal: horizontal)
        let lo = min(range.low, range.high)
        let hi = max(range.low, range.high)
        let tolerance = (hi - lo) * 1e-9
        t.values = TickLocator(maxBins: bins).ticks(low: lo, high: hi).filter { $0 >= lo - tolerance && $0 <= hi + tolerance }
        t.labels = TickFormatter.labels(t.values)
        t.sizes = t.labels.map { measurer.measure($0, size: style.tickLabelSize) }
        if horizontal { t.rotated = overlaps(t, range: range, length: length) }
        return t
    }

    /// True when neighbouring horizontal labels would touch at this axis length.
    private func overlaps(_ t: Ticks, range: AxisRange, length: Double) -> Bool {
        guard t.values.count > 1 else { return false }
        for i in 1..<t.values.count {
            let distance = abs(range.fraction(t.values[i]) - range.fraction(t.values[i - 1])) * length
            if (t.sizes[i].width + t.sizes[i - 1].width) / 2 + AxesLayoutBuilder.minimumLabelGap > distance { return true }
        }
        return false
    }

    private func placeXTicks(_ t: Ticks, in layout: AxesLayout) -> [PlacedTick] {
        t.values.indices.map { i in
            let x = layout.x(t.values[i])
            let anchor = Point(x, layout.plot.maxY + style.tickLabelPad)
            let label =
                t.rotated
                ? PlacedText(
                    t.labels[i], measured: t.sizes[i], at: anchor, size: t.fontSize, color: style.textColor,
                    horizontal: .right, vertical: .center, degrees: 90)
                : PlacedText(
                    t.labels[i], measured: t.sizes[i], at: anchor, size: t.fontSize, color: style.textColor,
                    horizontal: .center, vertical: .top)
            return PlacedTick(value: t.values[i], position: x, label: label)
        }
    }

    private func placeYTicks(_ t: Ticks, in layout: AxesLayout) -> [PlacedTick] {
        t.values.indices.map { i in
            let y = layout.y(t.values[i])
            let label = PlacedText(
                t.labels[i], measured: t.sizes[i], at: Point(layout.plot.minX - style.tickLabelPad, y),
                size: t.fontSize, color: style.textColor, horizontal: .right, vertical: .center)
            return PlacedTick(value: t.values[i], position: y, label: label)
        }
    }

    /// Space under the title: its pad, or more when tick labels at the plot's top edge reach up.
    private var titleGap: Double {
        max(style.titlePad, measurer.measure("0", size: style.tickLabelSize).height / 2 + 1)
    }

    /// Slides a horizontal text sideways so it stays inside the cell's padding.
    private func keepInCell(_ text: PlacedText?) -> PlacedText? {
        guard var t = text else { return nil }
        let low = cell.minX + style.outerPad
        let high = cell.maxX - style.outerPad
        var shift = 0.0
        if t.bounds.minX < low { shift = low - t.bounds.minX } else if t.bounds.maxX > high { shift = high - t.bounds.maxX }
        t.anchor.x += shift
        t.bounds.x += shift
        return t
    }

    private func placeLabels(_ result: inout AxesLayout, yTickWidth: Double, xTickDepth: Double) {
        let plot = result.plot
        let across = cell.width - 2 * style.outerPad
        if let text = axes.title {
            let fitted = fit(text, size: style.titleSize, room: across)
            result.title = PlacedText(
                fitted.text, measured: fitted.measured, at: Point(plot.midX, plot.minY - titleGap),
                size: fitted.size, color: style.textColor, horizontal: .center, vertical: .bottom)
        }
        if let text = axes.xLabel {
            let y = plot.maxY + (xTickDepth > 0 ? style.tickLabelPad + xTickDepth : 0) + style.axisLabelPad
            let fitted = fit(text, size: style.labelSize, room: across)
            result.xLabel = PlacedText(
                fitted.text, measured: fitted.measured, at: Point(plot.midX, y),
                size: fitted.size, color: style.textColor, horizontal: .center, vertical: .top)
        }
        result.title = keepInCell(result.title)
        result.xLabel = keepInCell(result.xLabel)
        if let text = axes.yLabel {
            let x = plot.minX - (yTickWidth > 0 ? style.tickLabelPad + yTickWidth : 0) - style.axisLabelPad
            // Within the plot's height, so it meets neither the title nor the x label.
            let fitted = fit(text, size: style.labelSize, room: plot.height)
            result.yLabel = PlacedText(
                fitted.text, measured: fitted.measured, at: Point(x, plot.midY),
                size: fitted.size, color: style.textColor, horizontal: .center, vertical: .bottom, degrees: 90)
        }
    }

    /// The text, font size and measure with which a text fits in `room` points: smaller than
    /// asked only if needed, and cut with an ellipsis if even the smallest size is too wide.
    private func fit(_ text: String, size: Double, room: Double) -> (text: String, size: Double, measured: TextSize) {
        let m = measurer.measure(text, size: size)
        guard m.width > room, m.width > 0 else { return (text, size, m) }
        let smaller = max(AxesLayoutBuilder.minimumFontSize, size * room / m.width)
        var cut = text
        var measured = measurer.measure(cut, size: smaller)
        while measured.width > room && cut.count > 1 {
            let keep = max(1, Int(Double(cut.count) * room / measured.width) - 1)
            cut = String(cut.prefix(keep)) + "…"
            measured = measurer.measure(cut, size: smaller)
            if keep == 1 { break }
        }
        return (cut, smaller, measured)
    }

    private func placeColorBar(_ bar: ColorBar, _ t: Ticks, plot: Rect) -> ColorBarLayout {
        let rect = Rect(x: plot.maxX + style.colorBarGap, y: plot.minY, width: style.colorBarWidth, height: plot.height)
        let range = AxisRange(bar.low, bar.high)
        let ticks = t.values.indices.map { i in
            let y = bar.high > bar.low ? rect.maxY - range.fraction(t.values[i]) * rect.height : rect.midY
            let label = PlacedText(
                t.labels[i], measured: t.sizes[i], at: Point(rect.maxX + style.tickLabelPad, y), size: style.tickLabelSize,
                color: style.textColor, horizontal: .left, vertical: .center)
            return PlacedTick(value: t.values[i], position: y, label: label)
        }
        return ColorBarLayout(bar: rect, ticks: ticks)
    }
}

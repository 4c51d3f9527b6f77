/// Draws a laid-out figure on a canvas; the same code serves PNG, SVG and PDF.
struct FigureRenderer {
    let layout: FigureLayout
    let canvas: CairoCanvas

    func draw() throws(PlotError) {
        let style = layout.style
        canvas.fill(Rect(x: 0, y: 0, width: layout.width, height: layout.height), style.figureBackground)
        if let title = layout.title { text(title) }
        for axes in layout.axes { try draw(axes) }
    }

    private func text(_ t: PlacedText) {
        canvas.text(
            t.text, at: t.anchor, size: t.size, color: t.color, horizontal: t.horizontal, vertical: t.vertical,
            degrees: t.degrees)
    }

    private func draw(_ a: AxesLayout) throws(PlotError) {
        let style = layout.style
        if a.axes.frame == .grid {
            canvas.fill(a.plot, style.axesBackground)
        }
        if a.axes.frame == .grid && style.showGrid {
            for tick in a.xTicks {
                canvas.polyline(
                    [Point(tick.position, a.plot.minY), Point(tick.position, a.plot.maxY)], style.gridColor, width: style.gridWidth,
                    roundCaps: false)
            }
            for tick in a.yTicks {
                canvas.polyline(
                    [Point(a.plot.minX, tick.position), Point(a.plot.maxX, tick.position)], style.gridColor, width: style.gridWidth,
                    roundCaps: false)
            }
        }
        canvas.clip(to: a.plot)
        for mark in a.axes.marks { try draw(mark, in: a) }
        canvas.endClip()
        if a.axes.frame == .grid { drawFrame(a) }
        for t in a.texts { text(t) }
        if let bar = a.colorBar, let spec = a.axes.colorBar { try drawColorBar(bar, spec) }
        if let legend = a.legend { drawLegend(legend) }
    }

    /// The frame and outward tick marks of the "white", "whitegrid" and "ticks" styles.
    private func drawFrame(_ a: AxesLayout) {
        let style = layout.style
        guard let edge = style.axesEdgeColor else { return }
        canvas.stroke(a.plot, edge, width: 1.25)
        guard style.tickLength > 0 else { return }
        for tick in a.xTicks {
            canvas.polyline(
                [Point(tick.position, a.plot.maxY), Point(tick.position, a.plot.maxY + style.tickLength)], edge, width: 1.25,
                roundCaps: false)
        }
        for tick in a.yTicks {
            canvas.polyline(
                [Point(a.plot.minX, tick.position), Point(a.plot.minX - style.tickLength, tick.position)], edge, width: 1.25,
                roundCaps: false)
        }
    }

    private func draw(_ mark: Mark, in a: AxesLayout) throws(PlotError) {
        switch mark {
        case .bars(let b): drawBars(b, in: a)
        case .line(let l):
            canvas.polyline(zip(l.xs, l.ys).map { Point(a.x($0), a.y($1)) }, l.color, width: l.width)
        case .points(let p):
            for (x, y) in zip(p.xs, p.ys) where x.isFinite && y.isFinite {
                canvas.circle(at: Point(a.x(x), a.y(y)), radius: p.size / 2, fill: p.color, edge: .white, edgeWidth: 0.75)
            }
        case .heatCells(let h): drawCells(h, in: a)
        case .image(let img):
            let rect = Rect(
                x: a.x(-0.5), y: a.y(-0.5), width: a.x(Double(img.width) - 0.5) - a.x(-0.5),
                height: a.y(Double(img.height) - 0.5) - a.y(-0.5))
            let shrinking = rect.width * 2 < Double(img.width)
            try canvas.image(rgb: img.rgb, width: img.width, height: img.height, in: rect, smooth: shrinking)
        case .boxes(let b): drawBoxes(b, in: a)
        case .tree(let t): drawTree(t, in: a)
        case .area(let area):
            let points = zip(area.xs, area.ys).map { Point(a.x($0), a.y($1)) }.filter { $0.x.isFinite && $0.y.isFinite }
            canvas.polygon(points, fill: area.color, edge: area.edgeColor, width: layout.style.lineWidth)
        }
    }

    private func drawBars(_ b: Bars, in a: AxesLayout) {
        for i in b.centers.indices where b.heights[i].isFinite {
            let x0 = a.x(b.centers[i] - b.widths[i] / 2)
            let x1 = a.x(b.centers[i] + b.widths[i] / 2)
            let y0 = a.y(b.baseline)
            let y1 = a.y(b.heights[i])
            let rect = Rect(x: min(x0, x1), y: min(y0, y1), width: abs(x1 - x0), height: abs(y1 - y0))
            canvas.fill(rect, b.color)
            if let edge = b.edgeColor {
                // Narrow bars get thinner edges, as seaborn's histplot does, so the colour shows.
                let width = min(b.edgeWidth, rect.width * 0.1)
                canvas.stroke(rect, edge, width: width)
            }
        }
    }

    private func drawCells(_ h: HeatCells, in a: AxesLayout) {
        let style = layout.style
        for row in 0..<h.rows {
            for column in 0..<h.columns where h.values[row * h.columns + column].isFinite {
                let x0 = a.x(Double(column) - 0.5)
                let x1 = a.x(Double(column) + 0.5)
                let y0 = a.y(Double(row) - 0.5)
                let y1 = a.y(Double(row) + 0.5)
                let rect = Rect(x: x0, y: min(y0, y1), width: x1 - x0, height: abs(y1 - y0))
                // Without antialiasing neighbouring cells meet without a faint seam.
                canvas.fill(rect, h.color(row: row, column: column), antialias: false)
            }
        }
        guard let texts = h.annotations else { return }
        let size = annotationSize(texts, cell: (abs(a.x(1) - a.x(0)), abs(a.y(1) - a.y(0))))
        for row in 0..<h.rows {
            for column in 0..<h.columns where h.values[row * h.columns + column].isFinite {
                canvas.text(
                    texts[row * h.columns + column], at: Point(a.x(Double(column)), a.y(Double(row))), size: size,
                    color: h.textColor(row: row, column: column, style: style), horizontal: .center, vertical: .center)
            }
        }
    }

    /// The annotation font size, made smaller when the widest text would not fit in a cell.
    private func annotationSize(_ texts: [String], cell: (width: Double, height: Double)) -> Double {
        let size = layout.style.annotationSize
        let widest = texts.map { canvas.measure($0, size: size).width }.max() ?? 0
        // Keep a tenth of the cell free on each side.
        let fill = 0.8
        var scale = 1.0
        if widest > cell.width * fill { scale = cell.width * fill / widest }
        let height = canvas.measure("0", size: size).height
        if height * scale > cell.height * fill { scale = cell.height * fill / height }
        return size * scale
    }

    /// Boxes of text joined by lines; the text shrinks until the widest box fits its leaf slot
    /// and the tallest its level.
    private func drawTree(_ t: TreeDiagram, in a: AxesLayout) {
        let style = layout.style
        let slot = (width: abs(a.x(1) - a.x(0)), height: abs(a.y(1) - a.y(0)))
        var size = style.annotationSize
        let pad = 4.0
        func box(_ node: TreeDiagram.Node, _ size: Double) -> (width: Double, height: Double) {
            let sizes = node.lines.map { canvas.measure($0, size: size) }
            let line = canvas.measure("Ag", size: size).height
            return ((sizes.map(\.width).max() ?? 0) + 2 * pad, line * Double(max(node.lines.count, 1)) + 2 * pad)
        }
        let widest = t.nodes.map { box($0, size).width }.max() ?? 1
        let tallest = t.nodes.map { box($0, size).height }.max() ?? 1
        size *= min(1, slot.width * 0.92 / widest, slot.height * 0.7 / tallest)
        size = max(size, 1)
        let boxes = t.nodes.map { box($0, size) }
        for (parent, child) in t.edges {
            let p = t.nodes[parent], c = t.nodes[child]
            canvas.polyline(
                [Point(a.x(p.x), a.y(p.y) + boxes[parent].height / 2), Point(a.x(c.x), a.y(c.y) - boxes[child].height / 2)],
                style.textColor, width: 0.8)
        }
        let line = canvas.measure("Ag", size: size).height
        for (i, node) in t.nodes.enumerated() {
            let b = boxes[i]
            let rect = Rect(x: a.x(node.x) - b.width / 2, y: a.y(node.y) - b.height / 2, width: b.width, height: b.height)
            canvas.fill(rect, node.fill)
            canvas.stroke(rect, style.textColor, width: 0.8)
            for (k, text) in node.lines.enumerated() {
                canvas.text(
                    text, at: Point(a.x(node.x), rect.y + pad + line * (Double(k) + 0.5)), size: size, color: style.textColor,
                    horizontal: .center, vertical: .center)
            }
        }
    }

    private func drawBoxes(_ b: Boxes, in a: AxesLayout) {
        let line = layout.style.boxLineColor
        let width = layout.style.lineWidth
        for (i, s) in b.summaries.enumerated() {
            let center = b.position(i)
            let x0 = a.x(center - b.width / 2)
            let x1 = a.x(center + b.width / 2)
            let top = a.y(s.q3)
            let bottom = a.y(s.q1)
            let rect = Rect(x: x0, y: min(top, bottom), width: x1 - x0, height: abs(bottom - top))
            let cx = a.x(center)
            canvas.polyline([Point(cx, a.y(s.q3)), Point(cx, a.y(s.highWhisker))], line, width: width)
            canvas.polyline([Point(cx, a.y(s.q1)), Point(cx, a.y(s.lowWhisker))], line, width: width)
            canvas.fill(rect, b.colors[i % b.colors.count])
            canvas.stroke(rect, line, width: width)
            canvas.polyline([Point(x0, a.y(s.median)), Point(x1, a.y(s.median))], line, width: width, roundCaps: false)
            let capHalf = (x1 - x0) / 4
            for w in [s.lowWhisker, s.highWhisker] {
                canvas.polyline([Point(cx - capHalf, a.y(w)), Point(cx + capHalf, a.y(w))], line, width: width)
            }
            for o in s.outliers {
                canvas.circle(at: Point(cx, a.y(o)), radius: 2.5, fill: RGBColor.white.withAlpha(0), edge: line, edgeWidth: 1)
            }
        }
    }

    private func drawColorBar(_ bar: ColorBarLayout, _ spec: ColorBar) throws(PlotError) {
        // One pixel per table entry, highest value on top.
        var rgb: [UInt8] = []
        rgb.reserveCapacity(Colormap.tableSize * 3)
        for c in spec.colormap.table.reversed() {
            let b = c.bytes
            rgb += [b.red, b.green, b.blue]
        }
        try canvas.image(rgb: rgb, width: 1, height: Colormap.tableSize, in: bar.bar, smooth: false)
    }

    private func drawLegend(_ legend: LegendLayout) {
        let style = layout.style
        canvas.fill(legend.box, RGBColor.white.withAlpha(0.8))
        canvas.stroke(legend.box, RGBColor(gray: 0.8), width: 0.8)
        if let title = legend.title { text(title) }
        for entry in legend.entries {
            let s = entry.swatch
            switch entry.mark {
            case .line(let l):
                canvas.polyline([Point(s.minX, s.midY), Point(s.maxX, s.midY)], l.color, width: l.width)
            case .points(let p):
                canvas.circle(at: Point(s.midX, s.midY), radius: p.size / 2, fill: p.color, edge: .white, edgeWidth: 0.75)
            default:
                canvas.fill(s, entry.mark.legendColor)
            }
            canvas.text(
                entry.label.text, at: entry.label.anchor, size: entry.label.size, color: style.textColor,
                horizontal: .left, vertical: .center)
        }
    }
}

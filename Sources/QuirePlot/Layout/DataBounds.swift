/// The extent of the marks of one axes, and the view range matplotlib would choose for it.
struct DataBounds {
    var xLow = Double.infinity
    var xHigh = -Double.infinity
    var yLow = Double.infinity
    var yHigh = -Double.infinity
    /// Values a limit may not be pushed past by the margin (a bar's baseline), as matplotlib's
    /// sticky edges.
    var stickyY: [Double] = []
    /// Limits that are exact already (cells and pixels): no margin is added.
    var exactX = false
    var exactY = false

    init(_ axes: Axes) {
        for mark in axes.marks { add(mark, axes: axes) }
        if case .categorical(let names) = axes.xScale {
            xLow = -0.5
            xHigh = Double(max(names.count, 1)) - 0.5
            exactX = true
        }
        if case .categorical(let names) = axes.yScale {
            yLow = -0.5
            yHigh = Double(max(names.count, 1)) - 0.5
            exactY = true
        }
    }

    private mutating func include(x: Double, y: Double, axes: Axes) {
        let tx = axes.xScale.transform(x)
        let ty = axes.yScale.transform(y)
        if tx.isFinite {
            xLow = min(xLow, tx)
            xHigh = max(xHigh, tx)
        }
        if ty.isFinite {
            yLow = min(yLow, ty)
            yHigh = max(yHigh, ty)
        }
    }

    private mutating func add(_ mark: Mark, axes: Axes) {
        switch mark {
        case .bars(let b):
            for i in b.centers.indices where b.heights[i].isFinite {
                include(x: b.centers[i] - b.widths[i] / 2, y: b.baseline, axes: axes)
                include(x: b.centers[i] + b.widths[i] / 2, y: b.heights[i], axes: axes)
            }
            stickyY.append(axes.yScale.transform(b.baseline))
        case .line(let l):
            for (x, y) in zip(l.xs, l.ys) where x.isFinite && y.isFinite { include(x: x, y: y, axes: axes) }
        case .points(let p):
            for (x, y) in zip(p.xs, p.ys) where x.isFinite && y.isFinite { include(x: x, y: y, axes: axes) }
        case .area(let a):
            for (x, y) in zip(a.xs, a.ys) where x.isFinite && y.isFinite { include(x: x, y: y, axes: axes) }
        case .heatCells(let h):
            xLow = -0.5
            xHigh = Double(h.columns) - 0.5
            yLow = -0.5
            yHigh = Double(h.rows) - 0.5
            exactX = true
            exactY = true
        case .image(let img):
            xLow = -0.5
            xHigh = Double(img.width) - 0.5
            yLow = -0.5
            yHigh = Double(img.height) - 0.5
            exactX = true
            exactY = true
        case .tree(let t):
            xLow = -0.5
            xHigh = t.width - 0.5
            yLow = -0.5
            yHigh = t.depth - 0.5
            exactX = true
            exactY = true
        case .boxes(let b):
            for (i, s) in b.summaries.enumerated() {
                let (lo, hi) = s.extent
                include(x: b.position(i) - b.width / 2, y: lo, axes: axes)
                include(x: b.position(i) + b.width / 2, y: hi, axes: axes)
            }
        }
    }

    /// The visible x range: explicit limits, or the data widened by the margin.
    func xRange(_ axes: Axes, margin: Double) -> AxisRange {
        if let l = axes.xLimits { return AxisRange(axes.xScale.transform(l.low), axes.xScale.transform(l.high)) }
        return DataBounds.widen(xLow, xHigh, margin: exactX ? 0 : margin, sticky: [])
    }

    /// The visible y range: explicit limits, or the data widened by the margin.
    func yRange(_ axes: Axes, margin: Double) -> AxisRange {
        if let l = axes.yLimits { return AxisRange(axes.yScale.transform(l.low), axes.yScale.transform(l.high)) }
        return DataBounds.widen(yLow, yHigh, margin: exactY ? 0 : margin, sticky: stickyY)
    }

    static func widen(_ low: Double, _ high: Double, margin: Double, sticky: [Double]) -> AxisRange {
        guard low.isFinite && high.isFinite else { return AxisRange(0, 1) }
        var lo = low
        var hi = high
        if hi - lo <= 0 {
            // A single value: show a unit (or 10%) around it, so it sits in the middle.
            let half = lo == 0 ? 0.5 : abs(lo) * 0.1
            return AxisRange(lo - half, hi + half)
        }
        // Halves, and ends kept finite, so even the widest data has a usable range.
        let pad = (hi / 2 - lo / 2) * 2 * margin
        lo = max(lo - pad, -.greatestFiniteMagnitude)
        hi = min(hi + pad, .greatestFiniteMagnitude)
        // A limit does not cross a sticky value that the data touches.
        for s in sticky {
            if low >= s && lo < s { lo = s }
            if high <= s && hi > s { hi = s }
        }
        return AxisRange(lo, hi)
    }
}

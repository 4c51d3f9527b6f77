/// A line of text placed on the page.
public struct PlacedText: Sendable {
    public var text: String
    public var anchor: Point
    public var size: Double
    /// Counter-clockwise turn in degrees (0 or 90).
    public var degrees: Double
    public var horizontal: HorizontalAlignment
    public var vertical: VerticalAlignment
    /// The box the text covers on the page.
    public var bounds: Rect
    public var color: RGBColor

    /// Places `text` with its anchor at `anchor`, computing the covered box from its size.
    init(
        _ text: String, measured m: TextSize, at anchor: Point, size: Double, color: RGBColor,
        horizontal: HorizontalAlignment, vertical: VerticalAlignment, degrees: Double = 0
    ) {
        self.text = text
        self.anchor = anchor
        self.size = size
        self.degrees = degrees
        self.horizontal = horizontal
        self.vertical = vertical
        self.color = color
        // Offsets of the text box along its own direction (u) and across it (v, downwards).
        let u0: Double =
            switch horizontal {
            case .left: 0
            case .center: -m.width / 2
            case .right: -m.width
            }
        let v0: Double =
            switch vertical {
            case .top: 0
            case .center: -m.height / 2
            case .baseline: -m.ascent
            case .bottom: -m.height
            }
        if degrees == 0 {
            bounds = Rect(x: anchor.x + u0, y: anchor.y + v0, width: m.width, height: m.height)
        } else {
            // Turned a quarter counter-clockwise: u runs up the page, v runs to the right.
            bounds = Rect(x: anchor.x + v0, y: anchor.y - u0 - m.width, width: m.height, height: m.width)
        }
    }
}

/// A tick: its value, its position along the axis on the page, and its label.
public struct PlacedTick: Sendable {
    public var value: Double
    public var position: Double
    public var label: PlacedText
}

/// Where a colour bar and its ticks go.
public struct ColorBarLayout: Sendable {
    public var bar: Rect
    public var ticks: [PlacedTick]
}

/// A legend box and its entries.
public struct LegendLayout: Sendable {
    public var box: Rect
    public var title: PlacedText?
    /// One swatch rectangle and label per named mark, in order.
    public var entries: [(swatch: Rect, label: PlacedText, mark: Mark)]
}

/// The computed positions of everything in one axes, in page points.
public struct AxesLayout: Sendable {
    public var axes: Axes
    public var cell: Rect
    public var plot: Rect
    /// Visible ranges in transformed units (log10 for log scales).
    public var xRange: AxisRange
    public var yRange: AxisRange
    public var xTicks: [PlacedTick]
    public var yTicks: [PlacedTick]
    public var title: PlacedText?
    public var xLabel: PlacedText?
    public var yLabel: PlacedText?
    public var colorBar: ColorBarLayout?
    public var legend: LegendLayout?

    /// The page x of a data value.
    public func x(_ value: Double) -> Double {
        plot.minX + xRange.fraction(axes.xScale.transform(value)) * plot.width
    }

    /// The page y of a data value.
    public func y(_ value: Double) -> Double {
        let fraction = yRange.fraction(axes.yScale.transform(value))
        return axes.yInverted ? plot.minY + fraction * plot.height : plot.maxY - fraction * plot.height
    }

    /// Every text placed for this axes, for overlap checks.
    public var texts: [PlacedText] {
        var all = xTicks.map(\.label) + yTicks.map(\.label)
        all += [title, xLabel, yLabel].compactMap { $0 }
        all += colorBar?.ticks.map(\.label) ?? []
        return all
    }
}

/// A figure with every position computed: what the renderer draws, and what tests inspect.
public struct FigureLayout: Sendable {
    public var width: Double
    public var height: Double
    public var style: Style
    public var title: PlacedText?
    public var axes: [AxesLayout]

    /// Lays out `figure`, measuring text with `measurer`.
    public init(_ figure: Figure, measurer: TextMeasurer) {
        let (w, h) = figure.pointSize
        width = w
        height = h
        style = figure.style
        var top = 0.0
        if let text = figure.title {
            // A figure's title a little larger than its plots' titles, as matplotlib's suptitle.
            let size = style.titleSize * 1.1
            let m = measurer.measure(text, size: size)
            title = PlacedText(
                text, measured: m, at: Point(w / 2, style.outerPad), size: size, color: style.textColor,
                horizontal: .center, vertical: .top)
            top = style.outerPad + m.height
        }
        let cellWidth = w / Double(figure.columns)
        let cellHeight = (h - top) / Double(figure.rows)
        axes = figure.axes.enumerated().map { index, ax in
            let cell = Rect(
                x: Double(index % figure.columns) * cellWidth, y: top + Double(index / figure.columns) * cellHeight,
                width: cellWidth, height: cellHeight)
            return AxesLayoutBuilder(axes: ax, cell: cell, style: figure.style, measurer: measurer).build()
        }
    }
}

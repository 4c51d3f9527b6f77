/// One plot area of a figure: its marks, scales, labels and decorations.
public struct Axes: Sendable {
    /// What the background and grid look like.
    public enum Frame: Sendable {
        /// Gray background with a white grid (seaborn's darkgrid).
        case grid
        /// No background and no grid: heatmaps and images.
        case plain
    }

    public var marks: [Mark] = []
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    public var xScale: ScaleKind = .linear
    public var yScale: ScaleKind = .linear
    /// Fixed limits; nil means computed from the marks with a margin.
    public var xLimits: AxisRange?
    public var yLimits: AxisRange?
    /// Row 0 at the top (heatmaps, images).
    public var yInverted = false
    /// One data unit is as long along x as along y (images).
    public var equalAspect = false
    public var frame: Frame = .grid
    public var colorBar: ColorBar?
    /// The title of the legend (the `hue` column), when there is a legend.
    public var legendTitle: String?

    public init() {}

    /// The marks that appear in the legend.
    public var legendEntries: [(name: String, mark: Mark)] {
        marks.compactMap { m in m.name.map { ($0, m) } }
    }

    /// True when at least one mark is named.
    public var hasLegend: Bool { !legendEntries.isEmpty }
}

/// A colour scale drawn beside the axes.
public struct ColorBar: Sendable {
    public var colormap: Colormap
    public var low: Double
    public var high: Double
    public init(colormap: Colormap, low: Double, high: Double) {
        self.colormap = colormap
        self.low = low
        self.high = high
    }
}

/// Sizes and colours of the default look: seaborn's "darkgrid" style in its "notebook" context.
/// Sizes are in points (1/72 inch), so every format and dpi shows the same proportions.
public struct Style: Sendable {
    public var fontFamily = "DejaVu Sans"
    public var titleSize = 12.0
    public var labelSize = 12.0
    public var tickLabelSize = 11.0
    public var legendSize = 11.0
    public var annotationSize = 11.0
    /// Dark gray rather than black, as seaborn's `text.color = ".15"`.
    public var textColor = RGBColor(gray: 0.15)
    public var figureBackground = RGBColor.white
    public var axesBackground = RGBColor(hex: "#eaeaf2")!
    public var gridColor = RGBColor.white
    public var gridWidth = 1.0
    /// False for seaborn's "white", "dark" and "ticks" styles.
    public var showGrid = true
    /// A frame around the plot area (the "white", "whitegrid" and "ticks" styles), or none.
    public var axesEdgeColor: RGBColor?
    /// Length of the tick marks drawn outwards ("ticks" style), 0 for none.
    public var tickLength = 0.0
    public var lineWidth = 1.5
    public var markerSize = 6.0
    /// Space between the plot area and its tick labels.
    public var tickLabelPad = 5.0
    /// Space between tick labels and the axis label.
    public var axisLabelPad = 4.0
    /// Space between the plot area and its title.
    public var titlePad = 6.0
    /// Space kept free at the edges of every subplot cell.
    public var outerPad = 6.0
    /// Width of a colour bar and its gap from the plot.
    public var colorBarWidth = 14.0
    public var colorBarGap = 12.0
    /// Fraction of the data range added on each side, as matplotlib's `axes.xmargin`.
    public var margin = 0.05
    /// Opacity of histogram bars, as seaborn's histplot.
    public var histogramAlpha = 0.75
    /// Line colour of box plots, as seaborn's (a dark gray).
    public var boxLineColor = RGBColor(gray: 0.24)

    public init() {}

    public static let seaborn = Style()
}

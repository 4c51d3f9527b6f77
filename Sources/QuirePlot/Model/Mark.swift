/// Something drawn inside axes, in data coordinates.
public enum Mark: Sendable {
    case bars(Bars)
    case line(Line)
    case points(Points)
    case heatCells(HeatCells)
    case image(ImagePixels)
    case boxes(Boxes)
    case tree(TreeDiagram)
    case area(Area)

    /// The name shown in the legend, if any.
    public var name: String? {
        switch self {
        case .bars(let m): m.name
        case .line(let m): m.name
        case .points(let m): m.name
        case .area(let m): m.name
        case .boxes(let m): m.name
        case .heatCells, .image, .tree: nil
        }
    }

    /// The colour of the legend entry.
    var legendColor: RGBColor {
        switch self {
        case .bars(let m): m.color
        case .line(let m): m.color
        case .points(let m): m.color
        case .area(let m): m.color
        case .boxes(let m): m.colors.first ?? .black
        case .heatCells, .image, .tree: .black
        }
    }
}

/// Rectangles standing on a baseline: bar charts and histogram bins.
public struct Bars: Sendable {
    /// The centre of each bar along x (category index for categorical axes).
    public var centers: [Double]
    public var widths: [Double]
    public var heights: [Double]
    public var baseline = 0.0
    public var color: RGBColor
    public var edgeColor: RGBColor? = .white
    public var edgeWidth = 1.0
    public var name: String?

    public init(centers: [Double], widths: [Double], heights: [Double], color: RGBColor, name: String? = nil) {
        self.centers = centers
        self.widths = widths
        self.heights = heights
        self.color = color
        self.name = name
    }
}

/// A polyline through points in order; NaN points break the line.
public struct Line: Sendable {
    public var xs: [Double]
    public var ys: [Double]
    public var color: RGBColor
    public var width = 1.5
    public var name: String?

    public init(xs: [Double], ys: [Double], color: RGBColor, width: Double = 1.5, name: String? = nil) {
        self.xs = xs
        self.ys = ys
        self.color = color
        self.width = width
        self.name = name
    }
}

/// Round markers at points (a scatter plot); one colour for the whole group.
public struct Points: Sendable {
    public var xs: [Double]
    public var ys: [Double]
    public var color: RGBColor
    /// Marker diameter in points.
    public var size = 6.0
    public var name: String?

    public init(xs: [Double], ys: [Double], color: RGBColor, size: Double = 6, name: String? = nil) {
        self.xs = xs
        self.ys = ys
        self.color = color
        self.size = size
        self.name = name
    }
}

/// A matrix of coloured cells (row 0 at the top), optionally with a text in each cell.
public struct HeatCells: Sendable {
    public var rows: Int
    public var columns: Int
    /// Row-major values; NaN cells are left empty.
    public var values: [Double]
    public var colormap: Colormap
    public var low: Double
    public var high: Double
    /// One text per cell, row-major, or nil for no annotations.
    public var annotations: [String]?

    public init(rows: Int, columns: Int, values: [Double], colormap: Colormap, low: Double, high: Double, annotations: [String]?) {
        self.rows = rows
        self.columns = columns
        self.values = values
        self.colormap = colormap
        self.low = low
        self.high = high
        self.annotations = annotations
    }

    /// The fill colour of the cell at `row`, `column`.
    public func color(row: Int, column: Int) -> RGBColor {
        colormap.color(of: values[row * columns + column], low: low, high: high)
    }

    /// The annotation colour seaborn picks: dark text on light cells, white on dark ones.
    public func textColor(row: Int, column: Int, style: Style = .seaborn) -> RGBColor {
        // seaborn's threshold on relative luminance.
        color(row: row, column: column).relativeLuminance > 0.408 ? style.textColor : .white
    }
}

/// An image drawn pixel for pixel over `-0.5 ..< width - 0.5` (as matplotlib's imshow).
public struct ImagePixels: Sendable {
    public var width: Int
    public var height: Int
    /// Row-major RGB bytes, three per pixel, top row first.
    public var rgb: [UInt8]

    public init(width: Int, height: Int, rgb: [UInt8]) {
        precondition(rgb.count == width * height * 3, "an RGB image needs three bytes per pixel")
        self.width = width
        self.height = height
        self.rgb = rgb
    }
}

/// Box-and-whisker summaries, one per group, at x = 0, 1, 2, ...
public struct Boxes: Sendable {
    public var summaries: [BoxSummary]
    public var colors: [RGBColor]
    /// Box width in category units, as seaborn's 0.8.
    public var width = 0.8
    /// The centre of each box along x; nil for 0, 1, 2, ... (set when hue splits a category).
    public var positions: [Double]?
    /// The legend entry, when the boxes stand for one hue level.
    public var name: String?

    public init(summaries: [BoxSummary], colors: [RGBColor]) {
        self.summaries = summaries
        self.colors = colors
    }

    /// The centre of the `i`-th box.
    public func position(_ i: Int) -> Double { positions?[i] ?? Double(i) }
}

/// A filled polygon in data coordinates: a confidence band (upper edge forwards, lower edge
/// back) or a violin. The outline closes by itself; non-finite points are skipped.
public struct Area: Sendable {
    public var xs: [Double]
    public var ys: [Double]
    public var color: RGBColor
    /// An outline, as seaborn draws around violins; nil for none (bands).
    public var edgeColor: RGBColor?
    public var name: String?

    public init(xs: [Double], ys: [Double], color: RGBColor, edgeColor: RGBColor? = nil, name: String? = nil) {
        self.xs = xs
        self.ys = ys
        self.color = color
        self.edgeColor = edgeColor
        self.name = name
    }
}

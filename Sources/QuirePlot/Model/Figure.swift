/// A picture: a grid of axes on a page of a given size, independent of any output format.
public struct Figure: Sendable {
    /// Page size in inches (matplotlib's figsize).
    public var width: Double
    public var height: Double
    public var rows: Int
    public var columns: Int
    /// The axes in row-major order; at most `rows * columns`.
    public var axes: [Axes]
    /// A title over the whole figure (matplotlib's suptitle).
    public var title: String?
    public var style: Style = .seaborn
    /// The theme the figure was drawn in (`set_theme`).
    public var theme: Theme = .standard

    /// matplotlib's default figure size.
    public static let defaultSize = (width: 6.4, height: 4.8)

    public init(width: Double = Figure.defaultSize.width, height: Double = Figure.defaultSize.height, axes: Axes) {
        self.width = width
        self.height = height
        self.rows = 1
        self.columns = 1
        self.axes = [axes]
    }

    public init(width: Double, height: Double, rows: Int, columns: Int, axes: [Axes]) {
        precondition(rows > 0 && columns > 0 && axes.count <= rows * columns, "axes must fit the grid")
        self.width = width
        self.height = height
        self.rows = rows
        self.columns = columns
        self.axes = axes
    }

    /// Page size in points.
    public var pointSize: (width: Double, height: Double) { (width * 72, height * 72) }
}

/// The texts around a chart: title and axis labels.
public struct ChartText: Sendable {
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?

    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    func apply(to axes: inout Axes) {
        axes.title = title
        axes.xLabel = xLabel
        axes.yLabel = yLabel
    }
}

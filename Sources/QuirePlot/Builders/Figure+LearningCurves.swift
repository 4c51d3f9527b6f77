extension Figure {
    /// Learning curves: one panel per measure (loss, accuracy, ...) side by side, each with its
    /// training line and, when any value is finite, its validation line, over the epochs.
    public static func learningCurves(epochs: [Double], panels: [(name: String, training: [Double], validation: [Double])])
        throws(PlotError) -> Figure
    {
        var figures: [Figure] = []
        for panel in panels {
            guard panel.training.count == epochs.count else { throw .lengthMismatch(first: epochs.count, second: panel.training.count) }
            var axes = Axes()
            axes.marks = [.line(Line(xs: epochs, ys: panel.training, color: Palette.color(0), name: "training"))]
            if panel.validation.count == epochs.count, panel.validation.contains(where: \.isFinite) {
                axes.marks.append(.line(Line(xs: epochs, ys: panel.validation, color: Palette.color(1), name: "validation")))
            }
            ChartText(title: panel.name, xLabel: "epoch", yLabel: panel.name).apply(to: &axes)
            figures.append(Figure(axes: axes))
        }
        return try grid(figures, rows: 1, columns: figures.count)
    }
}

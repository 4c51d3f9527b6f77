/// What can go wrong when building or writing a figure; the bindings turn these into sentences.
public enum PlotError: Error, Equatable, Sendable {
    /// No values to draw (or none left after skipping NaN).
    case emptyData
    /// Two inputs that must pair up have different lengths.
    case lengthMismatch(first: Int, second: Int)
    case invalidBins(Int)
    case tooFewValues(needed: Int, got: Int)
    /// Every value is the same, so a density cannot be estimated.
    case constantData
    case unknownColormap(String)
    /// An array of a shape the plot cannot take (expected is a phrase, e.g. "h x w or h x w x 3").
    case badShape([Int], expected: String)
    /// A log axis needs positive values.
    case nonPositiveOnLogScale
    case unknownFormat(extension: String)
    /// Cairo failed; the text is its status message.
    case renderFailed(String)
    /// The Cairo library (loaded at the first drawing, `CCairo.h`) cannot be loaded.
    case cairoMissing
    case writeFailed(path: String, reason: String)
    case unreadableImage(path: String, reason: String)
    case invalidDPI(Double)
    case invalidGrid(rows: Int, columns: Int, figures: Int)
    /// A figsize that is not positive, not finite, or larger than `Figure.maxInches`.
    case invalidFigureSize(width: Double, height: Double)
    /// More categories, hue levels or pairplot columns than can be told apart.
    case tooManyLevels(Int, limit: Int)
    /// A picture of more pixels than `Figure.maxPixels` (a huge figure at a high dpi).
    case tooManyPixels(width: Int, height: Int)
}

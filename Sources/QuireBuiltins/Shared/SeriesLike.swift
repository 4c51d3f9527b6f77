import QuireLang

/// A labelled one-dimensional column (a Series, a `value_counts()` result): what plots need to
/// draw it with its labels.
protocol SeriesLike: ArrayConvertible {
    /// The index labels as text, one per value.
    var indexLabels: [String] { get }
    /// The values as numbers; missing values are NaN.
    var numericValues: [Double] { get }
    /// The series' name (a column name), if any.
    var seriesName: String? { get }
}

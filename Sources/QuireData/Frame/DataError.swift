/// What can go wrong in a DataFrame or Series operation; the bindings word it.
public enum DataError: Error, Sendable, Equatable {
    /// No column of this name; `columns` lists the frame's columns for did-you-mean.
    case noSuchColumn(name: String, columns: [String])
    /// A boolean mask whose length differs from the frame's row count.
    case maskLength(expected: Int, got: Int)
    /// A mask or operand that is not a bool column.
    case notBoolean(column: String?)
    /// A column of the wrong type for an operation ("mean" of a string column).
    case wrongType(column: String?, type: ColumnType, operation: String)
    /// Two Series of different lengths combined element-wise.
    case lengthMismatch(left: Int, right: Int)
    /// A new column whose length differs from the frame's.
    case columnLength(name: String, expected: Int, got: Int)
    /// An aggregation name `agg` does not know.
    case unknownAggregation(name: String, known: [String])
    /// `to_array` on a frame with a string column.
    case notNumeric(column: String)
    /// A row position outside the frame.
    case rowOutOfRange(row: Int, count: Int)
    /// Two Series compared whose labels differ (pandas: "Can only compare identically-labeled").
    case differentLabels
    /// A Series whose labels repeat, put on another index (pandas cannot reindex it either).
    case duplicateLabels(name: String?)
    /// A Series combined with a DataFrame's columns whose labels are not column names.
    case labelsNotColumnNames
    /// A bool mask whose labels are not the rows' labels (pandas: "Unalignable boolean Series").
    case maskLabels
    /// `reset_index` would add a column whose name the frame already has.
    case columnExists(name: String)
    /// `astype` met a value the type cannot hold ("abc" as float64, NaN as int64).
    case castFailed(value: String, to: String)
    /// A `str` method on a column that does not hold text (pandas: "Can only use .str accessor
    /// with string values").
    case notText(column: String?, type: ColumnType)
    /// A regular expression that does not parse.
    case badPattern(pattern: String)
    /// A slice whose step is zero.
    case zeroStep
    /// `str.split("")`: an empty separator (Python: "empty separator").
    case emptySeparator
    /// A method that fills gaps from neighbours (`interpolate`) met a column it cannot fill.
    case cannotInterpolate(column: String?, type: ColumnType)
    /// A value `to_datetime` cannot read, with its row label and the format (nil: ISO 8601).
    case badDate(value: String, row: String, format: String?)
    /// A strftime code `to_datetime(format=)` does not read.
    case unknownDateCode(code: String, format: String)
    /// A `dt` method on a Series that holds no time stamps.
    case notDatetime(column: String?, type: ColumnType)
    /// `to_datetime` of a column that does not hold text.
    case notDateText(column: String?, type: ColumnType)
}

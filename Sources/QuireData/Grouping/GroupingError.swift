/// What can go wrong in sampling, group-by on several keys, `agg`, `pivot_table` and `crosstab`;
/// the bindings word it (`GroupingMessages.swift` in QuireBuiltins).
public enum GroupingError: Error, Sendable, Equatable {
    /// `sample(n=, frac=)` with both.
    case sampleSizeTwice
    /// A negative `n` or `frac` (`argument` names which).
    case negativeSampleSize(argument: String)
    /// More rows than the frame has, without `replace` (numpy's "larger sample than population").
    case sampleLargerThanPopulation(requested: Int, rows: Int)
    /// `frac` over 1 without `replace`.
    case upsamplingWithoutReplace
    /// `groupby([])`: no key at all.
    case noKeys
    /// Keys with more combinations than an Int can number.
    case tooManyGroups
    /// The same output column named twice by `agg`.
    case duplicateOutput(name: String)
}

import Foundation

/// pandas' display options that shape how tables print.
public enum DisplayOptions {
    /// `display.precision`: digits after the point in a float column.
    public static let precision = 6
    /// `display.max_rows`: longer frames are cut to `minRows`.
    public static let maxRows = 60
    /// `display.min_rows`: rows shown (half at each end) when a frame is cut.
    public static let minRows = 10
    /// `display.width`, the terminal width pandas assumes when it cannot ask.
    public static let width = 80
    /// `display.max_colwidth`: longer cells end in "...".
    public static let maxColumnWidth = 50
}

/// Formats a float column as pandas' repr does: one fixed precision for the whole column, trailing
/// zeros trimmed equally, scientific notation when a value would print as 0 or is very large.
func formatFloatCells(_ values: [Double], leadingSpace: Bool, naRep: String = "NaN") -> [String] {
    let digits = DisplayOptions.precision
    let space = leadingSpace ? " " : ""
    func render(_ format: String) -> [String] {
        let cells = values.map { v -> String in
            if v.isNaN { return naRep }
            if v.isInfinite { return space.isEmpty || v < 0 ? (v < 0 ? "-inf" : "inf") : " inf" }
            return String(format: format, v)
        }
        return trimZeros(cells)
    }
    var cells = render("%\(space).\(digits)f")
    let maxLength = cells.map(\.count).max() ?? 0
    let tooLong = maxLength > digits + 6
    let hasLarge = values.contains { abs($0) > 1e6 }
    let threshold = pow(10.0, Double(-digits))
    let hasSmall = values.contains { abs($0) < threshold && $0 != 0 }
    if hasSmall || (tooLong && hasLarge) { cells = render("%\(space).\(digits)e") }
    return cells
}

/// pandas' `_trim_zeros_float`: drops trailing zeros from every decimal number while all of them
/// end in 0, leaving one digit after the point.
func trimZeros(_ cells: [String]) -> [String] {
    let isNumber = cells.map(isDecimalNumber)
    guard isNumber.contains(true) else { return cells }
    var trimmed = cells.map { Substring($0) }
    while zip(trimmed, isNumber).allSatisfy({ !$1 || $0.hasSuffix("0") }) {
        for i in trimmed.indices where isNumber[i] { trimmed[i] = trimmed[i].dropLast() }
    }
    return trimmed.enumerated().map { i, s in isNumber[i] && s.hasSuffix(".") ? s + "0" : String(s) }
}

/// `^\s*[+-]?[0-9]+\.[0-9]*$`
private func isDecimalNumber(_ s: String) -> Bool {
    var chars = Substring(s).drop { $0 == " " }
    if let f = chars.first, f == "+" || f == "-" { chars = chars.dropFirst() }
    let intDigits = chars.prefix { $0.isASCII && $0.isNumber }
    guard !intDigits.isEmpty else { return false }
    chars = chars.dropFirst(intDigits.count)
    guard chars.first == "." else { return false }
    return chars.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
}

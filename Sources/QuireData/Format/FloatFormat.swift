import Foundation

/// A float as Python's `repr` writes it: shortest round-trip digits, positional from 1e-4 up
/// to 1e16, scientific otherwise (`1e-05`, `1.5e+16`).
public func formatShortest(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d < 0 ? "-inf" : "inf" }
    if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
    var text = abs(d).description
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        exponent = Int(text[text.index(after: e)...])!
        text = String(text[..<e])
    }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    let intPart = String(parts[0])
    let fracPart = parts.count > 1 ? String(parts[1]) : ""
    var digits = intPart + fracPart
    var point = intPart.count + exponent
    while digits.hasPrefix("0") && digits.count > 1 {
        digits.removeFirst()
        point -= 1
    }
    while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
    let sign = d < 0 ? "-" : ""
    let firstPower = point - 1
    if firstPower >= -4 && firstPower < 16 {
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
        if digits.count <= point { return sign + digits + String(repeating: "0", count: point - digits.count) + ".0" }
        let idx = digits.index(digits.startIndex, offsetBy: point)
        return sign + digits[..<idx] + "." + digits[idx...]
    }
    var mantissa = String(digits.first!)
    if digits.count > 1 { mantissa += "." + digits.dropFirst() }
    let expDigits = String(abs(firstPower))
    return sign + mantissa + "e" + (firstPower < 0 ? "-" : "+") + (expDigits.count < 2 ? "0" : "") + expDigits
}

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

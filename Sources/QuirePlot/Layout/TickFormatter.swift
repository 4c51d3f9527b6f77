import Foundation

/// Writes tick values as matplotlib's ScalarFormatter does: the same number of decimals for
/// every tick on an axis (the fewest that show each value exactly), a true minus sign.
public enum TickFormatter {
    /// The most decimals a tick label may get; finer ticks are a sign of a degenerate range.
    static let maxDecimals = 10
    /// Beyond this magnitude labels switch to scientific notation, as matplotlib's power limits.
    static let scientificAbove = 1e6
    static let scientificBelow = 1e-4

    /// Labels for the given tick values.
    public static func labels(_ values: [Double]) -> [String] {
        let largest = values.map(abs).max() ?? 0
        if largest >= scientificAbove || (largest > 0 && largest < scientificBelow) {
            return values.map(scientific)
        }
        let decimals = values.map(decimalsNeeded).max() ?? 0
        return values.map { fixed($0, decimals: decimals) }
    }

    /// A value in fixed notation with `decimals` digits after the point.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        var v = value
        if abs(v) < pow(10, -Double(decimals)) / 2 { v = 0 }
        let text = String(format: "%.\(decimals)f", v)
        return text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
    }

    static func decimalsNeeded(_ value: Double) -> Int {
        for d in 0...maxDecimals {
            let scaled = value * pow(10, Double(d))
            if abs(scaled - scaled.rounded()) < 1e-6 * max(1, abs(scaled)) { return d }
        }
        return maxDecimals
    }

    static func scientific(_ value: Double) -> String {
        guard value != 0 else { return "0" }
        let exponent = Int(log10(abs(value)).rounded(.down))
        let mantissa = value / pow(10, Double(exponent))
        let m = fixed(mantissa, decimals: decimalsNeeded((mantissa * 100).rounded() / 100))
        return (m == "1" ? "" : m + "\u{00d7}") + power(exponent)
    }

    /// `10` with a superscript exponent: `10³`, `10⁻²`.
    public static func power(_ exponent: Int) -> String {
        let superscripts: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        var text = exponent < 0 ? "⁻" : ""
        for ch in String(abs(exponent)) { text.append(superscripts[Int(String(ch))!]) }
        return "10" + text
    }

    /// Labels for log-axis ticks at powers of ten.
    public static func logLabels(_ values: [Double]) -> [String] {
        values.map { power(Int(log10($0).rounded())) }
    }
}

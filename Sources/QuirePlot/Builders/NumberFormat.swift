import Foundation

/// Formats numbers with the part of Python's format-spec language heatmap annotations use:
/// `d`, `.Nf`, `.Ng` (and `g`), `.Ne`, `.N%`, with an optional `,` for thousands.
public struct NumberFormat: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case integer, fixed, general, exponent, percent }
    public var kind: Kind
    public var precision: Int?
    public var thousands = false

    /// The most digits after the point a format may ask for.
    public static let maxPrecision = 20

    /// Parses a spec such as `"d"`, `".2g"`, `".1f"`; nil when it is not one of these forms.
    public init?(_ spec: String) {
        var rest = Substring(spec)
        guard let last = rest.popLast() else { return nil }
        switch last {
        case "d": kind = .integer
        case "f", "F": kind = .fixed
        case "g", "G": kind = .general
        case "e", "E": kind = .exponent
        case "%": kind = .percent
        default: return nil
        }
        if rest.hasPrefix(",") {
            thousands = true
            rest = rest.dropFirst()
        }
        if rest.hasPrefix(".") {
            guard let p = Int(rest.dropFirst()), p >= 0, p <= NumberFormat.maxPrecision, kind != .integer else { return nil }
            precision = p
        } else if !rest.isEmpty {
            return nil
        }
    }

    /// True when `d` cannot format this value (it is not a whole number), as Python refuses.
    public func rejects(_ value: Double) -> Bool { kind == .integer && value.isFinite && value != value.rounded() }

    /// The value written with this format.
    public func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        var text: String
        switch kind {
        case .integer: text = String(format: "%.0f", value)
        case .fixed: text = String(format: "%.\(precision ?? 6)f", value)
        case .general: text = String(format: "%.\(max(precision ?? 6, 1))g", value)
        case .exponent: text = String(format: "%.\(precision ?? 6)e", value)
        case .percent: text = String(format: "%.\(precision ?? 6)f", value * 100) + "%"
        }
        if thousands { text = NumberFormat.groupThousands(text) }
        return text
    }

    static func groupThousands(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let digitsEnd = body.firstIndex { !$0.isNumber } ?? body.endIndex
        let digits = Array(body[..<digitsEnd])
        var grouped = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { grouped += "," }
            grouped.append(d)
        }
        return (negative ? "-" : "") + grouped + body[digitsEnd...]
    }
}

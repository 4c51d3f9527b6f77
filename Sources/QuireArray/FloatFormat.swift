import Foundation
import QuireSupport

/// How numpy prints the floats of one array (its `FloatingFormat` with the default options:
/// precision 8, `floatmode="maxprec"`): every element with its shortest round-trip digits, at
/// most 8 after the point, aligned on the point; scientific notation for all when the largest
/// magnitude reaches 1e8, the smallest non-zero is below 1e-4, or their ratio exceeds 1000.
struct FloatFormat {
    /// numpy's default `precision`: digits after the point at most.
    static let precision = 8
    /// Magnitudes from here up switch the whole array to scientific notation.
    static let scientificAbove = 1e8
    /// Non-zero magnitudes below this switch the whole array to scientific notation.
    static let scientificBelow = 1e-4
    /// A larger ratio of largest to smallest magnitude switches to scientific notation.
    static let scientificRatio = 1000.0

    let isFloat32: Bool
    private(set) var scientific = false
    private(set) var padLeft = 0
    private(set) var padRight = 0
    /// Scientific mode: digits after the mantissa's point, and digits of the exponent.
    private(set) var mantissaDigits = 0
    private(set) var exponentDigits = 2

    /// Chooses the layout for these values (the elements that will be shown).
    init(_ values: [Double], isFloat32: Bool) {
        self.isFloat32 = isFloat32
        let finite = values.filter(\.isFinite)
        let magnitudes = finite.filter { $0 != 0 }.map(Swift.abs)
        if let largest = magnitudes.max(), let smallest = magnitudes.min() {
            scientific =
                largest >= Self.scientificAbove || smallest < Self.scientificBelow
                || largest / smallest > Self.scientificRatio
        }
        if finite.isEmpty {
            padLeft = 0
            padRight = 0
        } else if scientific {
            let parts = finite.map(scientificParts)
            mantissaDigits = parts.map(\.fraction.count).max()!
            exponentDigits = parts.map(\.exponent.count).max()! - 1
            padLeft = parts.map(\.integer.count).max()!
            padRight = exponentDigits + 2 + mantissaDigits
        } else {
            let parts = finite.map(positionalParts)
            padLeft = parts.map(\.integer.count).max()!
            padRight = parts.map(\.fraction.count).max()!
        }
        if finite.count != values.count {
            let negativeInfinity = values.contains { $0.isInfinite && $0 < 0 }
            padLeft = Swift.max(padLeft, 3 - (padRight + 1), 3 + (negativeInfinity ? 1 : 0) - (padRight + 1))
        }
    }

    /// One element, padded to the common width.
    func format(_ x: Double) -> String {
        if !x.isFinite {
            let text = x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf")
            return String(repeating: " ", count: Swift.max(0, padLeft + padRight + 1 - text.count)) + text
        }
        if scientific {
            let p = scientificParts(x)
            var fraction = p.fraction
            if fraction.count < mantissaDigits {
                // Past its shortest digits numpy prints the value's exact digits, not zeros
                // (they differ for float32: 285.2857 shows as 2.8528571e+02).
                let text = String(format: "%.\(mantissaDigits)e", Swift.abs(x))
                let point = text.firstIndex(of: ".")!
                fraction = String(text[text.index(after: point)..<text.firstIndex(of: "e")!])
            }
            let sign = p.exponent.first!
            var digits = String(p.exponent.dropFirst())
            while digits.count < exponentDigits { digits = "0" + digits }
            return pad(p.integer, padLeft) + "." + fraction + "e" + String(sign) + digits
        }
        let p = positionalParts(x)
        return pad(p.integer, padLeft) + "." + p.fraction + String(repeating: " ", count: padRight - p.fraction.count)
    }

    private func pad(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: Swift.max(0, width - s.count)) + s
    }

    /// The shortest digits that read back as the same float32 or float64, and the power of ten
    /// of the first digit.
    private func shortestDigits(_ x: Double) -> (digits: String, exponent: Int) {
        let (_, digits, exponent) = FloatRepr.shortestDigits(x, float32: isFloat32)
        return (digits, exponent)
    }

    /// Positional digits: the integer part (with sign) and the fraction, trailing zeros trimmed.
    private func positionalParts(_ x: Double) -> (integer: String, fraction: String) {
        let sign = x.sign == .minus ? "-" : ""
        if x == 0 { return (sign + "0", "") }
        let (digits, exponent) = shortestDigits(x)
        if digits.count - (exponent + 1) > Self.precision {
            // Too many digits: round the exact value to `precision` places, as Dragon4 does.
            let text = String(format: "%.\(Self.precision)f", Swift.abs(x))
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            var fraction = String(parts[1])
            while fraction.hasSuffix("0") { fraction.removeLast() }
            return (sign + parts[0], fraction)
        }
        if exponent < 0 {
            return (sign + "0", String(repeating: "0", count: -exponent - 1) + digits)
        }
        let intCount = exponent + 1
        if digits.count <= intCount {
            return (sign + digits + String(repeating: "0", count: intCount - digits.count), "")
        }
        return (sign + digits.prefix(intCount), String(digits.dropFirst(intCount)))
    }

    /// Scientific digits: the mantissa's integer digit (with sign), its fraction (trailing zeros
    /// trimmed) and the exponent with its sign ("+05").
    private func scientificParts(_ x: Double) -> (integer: String, fraction: String, exponent: String) {
        let sign = x.sign == .minus ? "-" : ""
        if x == 0 { return (sign + "0", "", "+00") }
        var (digits, exponent) = shortestDigits(x)
        if digits.count - 1 > Self.precision {
            let text = String(format: "%.\(Self.precision)e", Swift.abs(x))
            let e = text.firstIndex(of: "e")!
            exponent = Int(text[text.index(after: e)...])!
            digits = text[..<e].replacingOccurrences(of: ".", with: "")
            while digits.count > 1 && digits.hasSuffix("0") { digits.removeLast() }
        }
        let e = String(Swift.abs(exponent))
        return (sign + digits.prefix(1), String(digits.dropFirst()), (exponent < 0 ? "-" : "+") + (e.count < 2 ? "0" + e : e))
    }
}

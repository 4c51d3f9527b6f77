/// Floats written as Python and numpy write them: from the shortest decimal digits that read
/// back as the same value (Swift's `description` computes those; only the layout differs).
public enum FloatRepr {
    /// The shortest round-trip digits of |x| (no leading or trailing zeros, at least one digit)
    /// and the power of ten of the first digit. `float32`: the shortest digits that read back
    /// as the same float32 (numpy's repr of float32 arrays).
    public static func shortestDigits(_ x: Double, float32: Bool = false) -> (negative: Bool, digits: String, exponent: Int) {
        var text = float32 ? Swift.abs(Float(x)).description : Swift.abs(x).description
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...])!
            text = String(text[..<e])
        }
        let point = text.firstIndex(of: ".") ?? text.endIndex
        let integer = String(text[..<point])
        let fraction = point == text.endIndex ? "" : String(text[text.index(after: point)...])
        var digits = integer + fraction
        var pointPosition = integer.count + exponent
        while digits.count > 1 && digits.hasPrefix("0") {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.count > 1 && digits.hasSuffix("0") { digits.removeLast() }
        return (x < 0, digits, pointPosition - 1)
    }

    /// Python's `repr(float)`: shortest digits, positional from 1e-4 up to 1e16, scientific
    /// otherwise (`1e-05`, `1.5e+16`), always with a `.` or an exponent; `nan`, `inf`, `-0.0`.
    /// pandas writes floats in CSV files and in object cells the same way.
    public static func python(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
        let (negative, digits, exponent) = shortestDigits(d)
        let sign = negative ? "-" : ""
        if exponent >= -4 && exponent < 16 {
            if exponent < 0 {
                return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits
            }
            let intCount = exponent + 1
            if digits.count <= intCount {
                return sign + digits + String(repeating: "0", count: intCount - digits.count) + ".0"
            }
            let idx = digits.index(digits.startIndex, offsetBy: intCount)
            return sign + digits[..<idx] + "." + digits[idx...]
        }
        var mantissa = String(digits.first!)
        if digits.count > 1 { mantissa += "." + digits.dropFirst() }
        let expDigits = String(Swift.abs(exponent))
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (expDigits.count < 2 ? "0" + expDigits : expDigits)
    }
}

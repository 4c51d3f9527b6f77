import Foundation
import QuireSupport

/// Python's format-spec mini-language, for f-strings: `{x:>10.2f}`, `{n:,}`, `{p:.1%}`.
public enum Format {
    struct Spec {
        var fill: Character = " "
        var align: Character? = nil
        var sign: Character = "-"
        var alternate = false
        var zero = false
        var width = 0
        var grouping: Character? = nil
        var precision: Int? = nil
        var type: Character? = nil
    }

    /// The widest field and the longest precision a format spec may ask for: real tables need a
    /// few dozen characters, and a typo such as `{x:1000000000}` would build a gigabyte slowly.
    public static let maxWidth = 100_000

    static func tooWide(_ what: String, _ digits: String) -> QuireError {
        QuireError(
            .value, "format \(what) \(digits) is too large (at most \(maxWidth))",
            hint: "a format spec such as >10 or .2f takes small numbers")
    }

    static func parse(_ text: String) throws -> Spec {
        var spec = Spec()
        var chars = Array(text)[...]
        func bad() -> QuireError {
            QuireError(.value, "invalid format spec \"\(text)\"", hint: "examples: .2f, >10, 08.3f, ,d, .1%")
        }
        if chars.count >= 2, "<>^=".contains(chars[chars.startIndex + 1]) {
            spec.fill = chars.removeFirst()
            spec.align = chars.removeFirst()
        } else if let c = chars.first, "<>^=".contains(c) {
            spec.align = chars.removeFirst()
        }
        if let c = chars.first, "+- ".contains(c) { spec.sign = chars.removeFirst() }
        if chars.first == "#" {
            spec.alternate = true
            chars.removeFirst()
        }
        if chars.first == "0" {
            spec.zero = true
            chars.removeFirst()
        }
        var width = ""
        while let c = chars.first, c.isASCII, c.isNumber { width.append(chars.removeFirst()) }
        if !width.isEmpty {
            guard let w = Int(width), w <= maxWidth else { throw tooWide("width", width) }
            spec.width = w
        }
        if let c = chars.first, c == "," || c == "_" { spec.grouping = chars.removeFirst() }
        if chars.first == "." {
            chars.removeFirst()
            var p = ""
            while let c = chars.first, c.isASCII, c.isNumber { p.append(chars.removeFirst()) }
            guard !p.isEmpty else { throw bad() }
            guard let precision = Int(p), precision <= maxWidth else { throw tooWide("precision", p) }
            spec.precision = precision
        }
        if let c = chars.first {
            guard "bcdeEfFgGnosxX%".contains(c) else { throw bad() }
            spec.type = chars.removeFirst()
        }
        guard chars.isEmpty else { throw bad() }
        return spec
    }

    /// Formats `value` by `specText` as Python's `format(value, spec)` does.
    public static func apply(_ specText: String, to value: Value) throws -> String {
        if specText.isEmpty { return Printer.str(value) }
        let spec = try parse(specText)
        var body: String
        var numeric = true
        var negative = false
        switch value {
        case .string(let s):
            if let t = spec.type, t != "s" {
                throw QuireError(.value, "format \"\(t)\" needs a number, not a string")
            }
            body = spec.precision.map { String(s.prefix($0)) } ?? s
            numeric = false
        case .int(let i) where spec.type == nil || "dbnoxXc".contains(spec.type!):
            negative = i < 0
            let magnitude = i.magnitude
            switch spec.type {
            case "b": body = (spec.alternate ? "0b" : "") + String(magnitude, radix: 2)
            case "o": body = (spec.alternate ? "0o" : "") + String(magnitude, radix: 8)
            case "x": body = (spec.alternate ? "0x" : "") + String(magnitude, radix: 16)
            case "X": body = (spec.alternate ? "0X" : "") + String(magnitude, radix: 16).uppercased()
            default: body = group(String(magnitude), spec.grouping)
            }
        case .int, .double, .bool:
            let d = value.asDouble!
            if case .bool = value, spec.type == nil { body = Printer.str(value); numeric = false; break }
            negative = d < 0 || (d == 0 && d.sign == .minus)
            body = formatFloat(abs(d), spec)
        default:
            if spec.type != nil && spec.type != "s" {
                throw QuireError(.value, "format \"\(spec.type!)\" needs a number, not \(value.typeNoun)")
            }
            body = Printer.str(value)
            numeric = false
        }
        var signText = ""
        if numeric {
            if negative { signText = "-" } else if spec.sign == "+" { signText = "+" } else if spec.sign == " " { signText = " " }
        }
        let length = signText.count + body.count
        guard spec.width > length else { return signText + body }
        let padCount = spec.width - length
        var align = spec.align ?? (numeric ? ">" : "<")
        var fill = spec.fill
        if spec.zero && spec.align == nil && numeric {
            align = "="
            fill = "0"
        }
        switch align {
        case "<": return signText + body + (try padding(fill, padCount))
        case "^":
            let left = try padding(fill, padCount / 2)
            let right = try padding(fill, padCount - padCount / 2)
            return left + signText + body + right
        case "=": return signText + (try padding(fill, padCount)) + body
        default: return (try padding(fill, padCount)) + signText + body
        }
    }

    /// `count` copies of `fill`, built in blocks: quicker than one character at a time, and a
    /// huge width (`f"{1:1000000000}"`) notices a stop (Ctrl-C, a time limit) between blocks.
    static func padding(_ fill: Character, _ count: Int) throws -> String {
        let blockLength = 1 << 16
        if count <= blockLength { return String(repeating: fill, count: count) }
        let block = String(repeating: fill, count: blockLength)
        var out = ""
        out.reserveCapacity(count * fill.utf8.count)
        var left = count
        while left >= blockLength {
            try Cancellation.check()
            out += block
            left -= blockLength
        }
        return out + String(repeating: fill, count: left)
    }

    static func formatFloat(_ d: Double, _ spec: Spec) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return "inf" }
        switch spec.type {
        case "f", "F":
            return groupFixed(String(format: "%.\(spec.precision ?? 6)f", d), spec.grouping, spec.alternate)
        case "e", "E":
            let s = String(format: "%.\(spec.precision ?? 6)e", d)
            return spec.type == "E" ? s.uppercased() : s
        case "%":
            return groupFixed(String(format: "%.\(spec.precision ?? 6)f", d * 100), spec.grouping, spec.alternate) + "%"
        case "g", "G", "n":
            let s = general(d, precision: spec.precision ?? 6, keepZeros: spec.alternate)
            return spec.type == "G" ? s.uppercased() : s
        case "d":
            return group(String(format: "%.0f", d), spec.grouping)
        default:
            // No type: like str(), but a precision means significant digits as with "g".
            if let p = spec.precision { return general(d, precision: p, keepZeros: false, reprLike: true) }
            let text = Printer.formatDouble(d)
            guard let g = spec.grouping else { return text }
            return groupFixed(text, g, false)
        }
    }

    /// Python's "g": significant digits, fixed or scientific by the exponent, zeros stripped.
    static func general(_ d: Double, precision: Int, keepZeros: Bool, reprLike: Bool = false) -> String {
        let p = max(precision, 1)
        if d == 0 { return reprLike ? "0.0" : (keepZeros ? "0." + String(repeating: "0", count: p - 1) : "0") }
        let sci = String(format: "%.\(p - 1)e", d)
        let exp = Int(sci[sci.index(after: sci.firstIndex(of: "e")!)...])!
        var s: String
        if exp >= -4 && exp < p {
            s = String(format: "%.\(max(p - 1 - exp, 0))f", d)
            if !keepZeros && s.contains(".") {
                while s.hasSuffix("0") { s.removeLast() }
                if s.hasSuffix(".") { s.removeLast() }
                if reprLike && !s.contains(".") { s += ".0" }
            }
        } else {
            var mantissa = String(sci[..<sci.firstIndex(of: "e")!])
            if !keepZeros && mantissa.contains(".") {
                while mantissa.hasSuffix("0") { mantissa.removeLast() }
                if mantissa.hasSuffix(".") { mantissa.removeLast() }
            }
            let expDigits = String(abs(exp))
            s = mantissa + "e" + (exp < 0 ? "-" : "+") + (expDigits.count < 2 ? "0" : "") + expDigits
        }
        return s
    }

    static func group(_ digits: String, _ separator: Character?) -> String {
        guard let separator else { return digits }
        var out: [Character] = []
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(separator) }
            out.append(c)
        }
        return String(out.reversed())
    }

    static func groupFixed(_ text: String, _ separator: Character?, _ alternate: Bool) -> String {
        var result = text
        if alternate && !result.contains(".") { result += "." }
        guard let separator else { return result }
        let parts = result.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let intPart = group(String(parts[0]), separator)
        return parts.count > 1 ? intPart + "." + parts[1] : intPart
    }
}

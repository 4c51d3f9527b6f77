import Foundation

/// A colour with red, green, blue and alpha components between 0 and 1.
public struct RGBColor: Sendable, Hashable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double

    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// Reads `#rrggbb` or `rrggbb`; nil when the text is not six hexadecimal digits.
    public init?(hex: String) {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        self.init(
            red: Double((value >> 16) & 0xff) / 255, green: Double((value >> 8) & 0xff) / 255,
            blue: Double(value & 0xff) / 255)
    }

    /// A gray level, as matplotlib's `".15"` strings give it.
    public init(gray: Double) { self.init(red: gray, green: gray, blue: gray) }

    /// The same colour with another opacity.
    public func withAlpha(_ alpha: Double) -> RGBColor {
        RGBColor(red: red, green: green, blue: blue, alpha: alpha)
    }

    /// The colour as 8-bit components, rounded.
    public var bytes: (red: UInt8, green: UInt8, blue: UInt8) {
        func byte(_ c: Double) -> UInt8 { UInt8((min(max(c, 0), 1) * 255).rounded()) }
        return (byte(red), byte(green), byte(blue))
    }

    /// `#rrggbb`, for messages and SVG checks.
    public var hexString: String {
        let b = bytes
        return "#" + [b.red, b.green, b.blue].map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    /// Relative luminance (WCAG's definition, which seaborn uses to pick annotation colours).
    public var relativeLuminance: Double {
        func linear(_ c: Double) -> Double { c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    public static let white = RGBColor(gray: 1)
    public static let black = RGBColor(gray: 0)
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Colours for named series, in order: seaborn's "colorblind" palette, safe for the common forms
/// of colour blindness.
public enum Palette {
    public static let colorblind: [RGBColor] = [
        "#0173b2", "#de8f05", "#029e73", "#d55e00", "#cc78bc",
        "#ca9161", "#fbafe4", "#949494", "#ece133", "#56b4e9",
    ].map { RGBColor(hex: $0)! }

    /// The colour of the `index`-th series; the palette repeats after its last colour.
    public static func color(_ index: Int) -> RGBColor {
        colorblind[((index % colorblind.count) + colorblind.count) % colorblind.count]
    }

    /// Named colours accepted by `color=`: the palette's names and a few basic ones.
    public static let named: [String: RGBColor] = [
        "blue": colorblind[0], "orange": colorblind[1], "green": colorblind[2], "red": colorblind[3],
        "purple": colorblind[4], "brown": colorblind[5], "pink": colorblind[6], "gray": colorblind[7],
        "grey": colorblind[7], "yellow": colorblind[8], "cyan": colorblind[9],
        "black": .black, "white": .white,
    ]

    /// A colour given by name, `#rrggbb`, or `C0`..`C9` as in matplotlib.
    public static func parse(_ text: String) -> RGBColor? {
        let lowered = text.lowercased()
        if let c = named[lowered] { return c }
        if lowered.hasPrefix("c"), let i = Int(lowered.dropFirst()), (0..<colorblind.count).contains(i) {
            return colorblind[i]
        }
        return RGBColor(hex: text)
    }
}

/// A look for figures, as seaborn's `set_theme(style=, palette=)`: the axes' background and grid
/// and the colours given to series in order.
public struct Theme: Sendable {
    /// seaborn's five styles.
    public enum StyleName: String, CaseIterable, Sendable {
        case darkgrid, whitegrid, dark, white, ticks
    }

    public var styleName: StyleName
    public var paletteName: String
    public var palette: [RGBColor]

    /// Quire's default: seaborn's darkgrid with the colour-blind-safe palette.
    public static let standard = Theme(styleName: .darkgrid, paletteName: "colorblind", palette: Palette.colorblind)

    public init(styleName: StyleName, paletteName: String, palette: [RGBColor]) {
        self.styleName = styleName
        self.paletteName = paletteName
        self.palette = palette
    }

    /// A theme by names; nil when the palette name is unknown (`Palette.names` lists them).
    public init?(style: StyleName, palette name: String) {
        guard let colors = Palette.seaborn[name] else { return nil }
        self.init(styleName: style, paletteName: name, palette: colors)
    }

    /// The drawing sizes and colours of this style, as seaborn's `axes_style(name)`.
    public var style: Style {
        var s = Style.seaborn
        switch styleName {
        case .darkgrid: break
        case .whitegrid:
            s.axesBackground = .white
            s.gridColor = RGBColor(gray: 0.8)
            s.axesEdgeColor = RGBColor(gray: 0.8)
        case .dark:
            s.showGrid = false
        case .white, .ticks:
            s.axesBackground = .white
            s.showGrid = false
            s.axesEdgeColor = RGBColor(gray: 0.15)
            if styleName == .ticks { s.tickLength = 3.5 }
        }
        return s
    }

    /// The `index`-th series colour; the palette repeats after its last colour.
    public func color(_ index: Int) -> RGBColor {
        palette[((index % palette.count) + palette.count) % palette.count]
    }
}

extension Palette {
    /// seaborn's named qualitative palettes (seaborn/palettes.py, `SEABORN_PALETTES`).
    public static let seaborn: [String: [RGBColor]] = seabornHex.mapValues { $0.map { RGBColor(hex: $0)! } }

    private static let seabornHex: [String: [String]] = [
        "deep": ["#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3", "#8C8C8C", "#CCB974", "#64B5CD"],
        "muted": ["#4878D0", "#EE854A", "#6ACC64", "#D65F5F", "#956CB4", "#8C613C", "#DC7EC0", "#797979", "#D5BB67", "#82C6E2"],
        "pastel": ["#A1C9F4", "#FFB482", "#8DE5A1", "#FF9F9B", "#D0BBFF", "#DEBB9B", "#FAB0E4", "#CFCFCF", "#FFFEA3", "#B9F2F0"],
        "bright": ["#023EFF", "#FF7C00", "#1AC938", "#E8000B", "#8B2BE2", "#9F4800", "#F14CC1", "#A3A3A3", "#FFC400", "#00D7FF"],
        "dark": ["#001C7F", "#B1400D", "#12711C", "#8C0800", "#591E71", "#592F0D", "#A23582", "#3C3C3C", "#B8850A", "#006374"],
        "colorblind": ["#0173B2", "#DE8F05", "#029E73", "#D55E00", "#CC78BC", "#CA9161", "#FBAFE4", "#949494", "#ECE133", "#56B4E9"],
    ]

    /// The palette names `set_theme(palette=)` takes, in seaborn's order.
    public static let names = ["deep", "muted", "pastel", "bright", "dark", "colorblind"]
}

extension Figure {
    /// Draws the figure in `theme`: its style, and the theme's palette in place of the default
    /// one (a mark in the default palette's i-th colour takes the theme's i-th colour, keeping
    /// its opacity).
    public mutating func apply(_ theme: Theme) {
        style = theme.style
        self.theme = theme
        guard theme.paletteName != Theme.standard.paletteName else { return }
        func recolor(_ c: RGBColor) -> RGBColor {
            guard let i = Palette.colorblind.firstIndex(where: { $0.withAlpha(c.alpha) == c }) else { return c }
            return theme.color(i).withAlpha(c.alpha)
        }
        for a in axes.indices {
            axes[a].marks = axes[a].marks.map { mark in
                switch mark {
                case .bars(var m): m.color = recolor(m.color); return .bars(m)
                case .line(var m): m.color = recolor(m.color); return .line(m)
                case .points(var m): m.color = recolor(m.color); return .points(m)
                case .area(var m): m.color = recolor(m.color); return .area(m)
                case .boxes(var m): m.colors = m.colors.map(recolor); return .boxes(m)
                case .heatCells, .image, .tree: return mark
                }
            }
        }
    }
}

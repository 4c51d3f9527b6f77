/// A map from numbers between 0 and 1 to colours: matplotlib's maps as 256-entry tables, looked
/// up the way matplotlib looks them up, so a heat cell has the colour seaborn would give it.
public struct Colormap: Sendable {
    public let name: String
    /// The 256 colours of the table, from 0 to 1.
    public let table: [RGBColor]

    /// matplotlib's default number of entries in a colormap's lookup table.
    static let tableSize = 256

    init(name: String, hexTable: String) {
        let digits = Array(hexTable.utf8.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\n") })
        precondition(digits.count == Colormap.tableSize * 6, "colormap \(name) needs 256 colours")
        var colors: [RGBColor] = []
        colors.reserveCapacity(Colormap.tableSize)
        for i in 0..<Colormap.tableSize {
            let hex = String(decoding: digits[(i * 6)..<(i * 6 + 6)], as: UTF8.self)
            colors.append(RGBColor(hex: hex)!)
        }
        self.name = name
        self.table = colors
    }

    /// The colour of `fraction` (0 to 1; outside values take the end colours, NaN is transparent).
    public func color(at fraction: Double) -> RGBColor {
        guard !fraction.isNaN else { return RGBColor.white.withAlpha(0) }
        // matplotlib: index = floor(x * N), with x == 1 mapped to the last entry.
        let index = Int((min(max(fraction, 0), 1) * Double(Colormap.tableSize)).rounded(.down))
        return table[min(index, Colormap.tableSize - 1)]
    }

    /// The colour of `value` on a scale from `low` to `high` (a constant scale maps to the middle).
    public func color(of value: Double, low: Double, high: Double) -> RGBColor {
        guard high > low else { return color(at: 0.5) }
        // Halves keep the fraction finite for any finite ends.
        return color(at: (value / 2 - low / 2) / (high / 2 - low / 2))
    }

    /// The names of the maps, in the order the help lists them.
    public static let names = ["viridis", "gray", "BuPu", "Blues", "magma", "coolwarm"]

    /// The map of this name (exact spelling, as matplotlib), or nil.
    /// Other spellings `named` accepts, not listed among the names.
    public static let aliases = ["grey": "gray"]

    public static func named(_ name: String) -> Colormap? {
        switch aliases[name] ?? name {
        case "viridis": viridis
        case "gray": gray
        case "BuPu": buPu
        case "Blues": blues
        case "magma": magma
        case "coolwarm": coolwarm
        default: nil
        }
    }

    public static let viridis = Colormap(name: "viridis", hexTable: ColormapTables.viridis)
    public static let magma = Colormap(name: "magma", hexTable: ColormapTables.magma)
    public static let coolwarm = Colormap(name: "coolwarm", hexTable: ColormapTables.coolwarm)
    public static let blues = Colormap(name: "Blues", hexTable: ColormapTables.blues)
    public static let buPu = Colormap(name: "BuPu", hexTable: ColormapTables.buPu)
    public static let gray = Colormap(name: "gray", hexTable: ColormapTables.gray)
}

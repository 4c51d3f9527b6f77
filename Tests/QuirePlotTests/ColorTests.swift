import QuirePlot
import Testing

/// Colormap lookups and annotation colours, against matplotlib's and seaborn's values.
@Suite struct ColorTests {
    /// BuPu colours of the confusion matrix's cells (value / 92), as matplotlib returned them
    /// (`cmap(v / 92)[:3] * 255`).
    @Test(arguments: [
        (0.0, (247.0, 252.0, 253.0)),
        (2, (243.39, 249.49, 251.59)),
        (5, (237.62, 245.47, 249.33)),
        (11, (225.35, 236.94, 244.53)),
        (74, (132.98, 43.43, 142.76)),
        (92, (77.0, 0.0, 75.0)),
    ])
    func buPuCellsMatchMatplotlib(value: Double, expected: (Double, Double, Double)) {
        let c = Colormap.buPu.color(of: value, low: 0, high: 92)
        #expect(abs(c.red * 255 - expected.0) <= 0.6)
        #expect(abs(c.green * 255 - expected.1) <= 0.6)
        #expect(abs(c.blue * 255 - expected.2) <= 0.6)
    }

    @Test func heatCellsOfTheConfusionMatrix() throws {
        let figure = try TestSupport.confusionHeatmap()
        guard case .heatCells(let cells) = try #require(figure.axes.first?.marks.first) else {
            Issue.record("a heatmap's mark is its cells")
            return
        }
        #expect(cells.low == 0 && cells.high == 92)
        #expect(cells.color(row: 0, column: 0) == Colormap.buPu.table[255])
        #expect(cells.color(row: 0, column: 2) == Colormap.buPu.table[0])
        // seaborn writes white on the dark diagonal, dark gray on the light cells.
        #expect(cells.textColor(row: 0, column: 0) == .white)
        #expect(cells.textColor(row: 2, column: 2) == .white)
        #expect(cells.textColor(row: 3, column: 2) == Style.seaborn.textColor)
        #expect(cells.textColor(row: 0, column: 1) == Style.seaborn.textColor)
        #expect(cells.annotations?[0] == "92" && cells.annotations?[14] == "11")
    }

    @Test func mapEndsAreMatplotlibs() {
        #expect(Colormap.viridis.color(at: 0).hexString == "#440154")
        #expect(Colormap.viridis.color(at: 1).hexString == "#fde725")
        #expect(Colormap.gray.color(at: 0) == .black && Colormap.gray.color(at: 1) == .white)
        #expect(Colormap.magma.color(at: 0).hexString == "#000004")
        #expect(Colormap.coolwarm.color(at: 0.5).relativeLuminance > 0.6)
        #expect(Colormap.blues.color(at: 1).blue > Colormap.blues.color(at: 1).red)
        // Out-of-range values take the end colours.
        #expect(Colormap.viridis.color(at: 7) == Colormap.viridis.color(at: 1))
        #expect(Colormap.viridis.color(at: -1) == Colormap.viridis.color(at: 0))
    }

    @Test func everyNamedMapExistsAndMisspellingsDoNot() {
        for name in Colormap.names { #expect(Colormap.named(name)?.table.count == 256) }
        #expect(Colormap.named("bupu") == nil)
        #expect(Colormap.named("virdis") == nil)
    }

    @Test func paletteIsSeabornsColorblind() {
        #expect(Palette.color(0).hexString == "#0173b2")
        #expect(Palette.color(1).hexString == "#de8f05")
        #expect(Palette.color(10) == Palette.color(0))
        #expect(Palette.parse("C2") == Palette.color(2))
        #expect(Palette.parse("#ff0000") == RGBColor(red: 1, green: 0, blue: 0))
        #expect(Palette.parse("bleu") == nil)
    }

    @Test func luminanceFollowsWCAG() {
        #expect(RGBColor.white.relativeLuminance == 1)
        #expect(RGBColor.black.relativeLuminance == 0)
        #expect(abs(RGBColor(hex: "#808080")!.relativeLuminance - 0.2159) < 0.001)
    }
}

import Testing

@testable import QuirePlot

@Suite struct TreeDiagramTests {
    /// root(0) -> 1, 2; 1 -> 3, 4: leaves 3, 4, 2 at x 0, 1, 2; parents centred over their children.
    @Test func leavesOneApartParentsCentred() throws {
        let d = try TreeDiagram(
            children: [[1, 2], [3, 4], [], [], []], lines: Array(repeating: ["x"], count: 5),
            fills: Array(repeating: RGBColor(gray: 1), count: 5))
        #expect(d.nodes.map(\.x) == [1.25, 0.5, 2, 0, 1])
        #expect(d.nodes.map(\.y) == [0, 1, 1, 2, 2])
        #expect(d.edges.count == 4)
        #expect(d.width == 3 && d.depth == 3)
    }

    @Test func refusesCyclesAndBadIndices() {
        let white = RGBColor(gray: 1)
        #expect(throws: PlotError.self) { try TreeDiagram(children: [[1], [0]], lines: [[], []], fills: [white, white]) }
        #expect(throws: PlotError.self) { try TreeDiagram(children: [[5]], lines: [[]], fills: [white]) }
        #expect(throws: PlotError.self) { try TreeDiagram(children: [], lines: [], fills: []) }
    }

    @Test func aDeepChainNeedsNoRecursion() throws {
        let n = 100_000
        let children = (0..<n).map { $0 + 1 < n ? [$0 + 1] : [] }
        let d = try TreeDiagram(children: children, lines: Array(repeating: [], count: n), fills: Array(repeating: RGBColor(gray: 1), count: n))
        #expect(d.depth == Double(n))
    }

    @Test func drawsToPNG() throws {
        let d = try TreeDiagram(
            children: [[1, 2], [], []], lines: [["x <= 1", "gini = 0.5"], ["leaf"], ["leaf"]],
            fills: [RGBColor(gray: 1), RGBColor(red: 0.9, green: 0.5, blue: 0.2), RGBColor(gray: 0.8)])
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent("tree.png")
        try Figure.tree(d).write(to: path.path)
        let png = try DecodedPNG(path: path.path)
        #expect(png.width == 640 && png.height == 480)
        // Boxes, lines and text are drawn: many pixels are not white.
        var inked = 0
        for i in stride(from: 0, to: png.rgba.count, by: 4) where png.rgba[i] < 250 || png.rgba[i + 1] < 250 { inked += 1 }
        #expect(inked > 1000)
    }
}

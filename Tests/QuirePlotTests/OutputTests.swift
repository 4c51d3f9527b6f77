import Foundation
import QuirePlot
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Written files: valid PNG, SVG and PDF of the same picture; atomic writes; errors.
@Suite struct OutputTests {
    /// Counts elements by name in an SVG file.
    final class SVGCounter: NSObject, XMLParserDelegate {
        var counts: [String: Int] = [:]
        var rootAttributes: [String: String] = [:]
        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if counts.isEmpty { rootAttributes = attributes }
            counts[name, default: 0] += 1
        }
    }

    @Test func pngSizeFollowsDPI() throws {
        let folder = try TestSupport.temporaryFolder()
        let figure = try TestSupport.confusionHeatmap()
        for (dpi, size) in [(50.0, (320, 240)), (100, (640, 480)), (200, (1280, 960))] {
            let path = folder.appendingPathComponent("heat\(Int(dpi)).png").path
            try figure.write(to: path, dpi: dpi)
            let png = try DecodedPNG(path: path)
            #expect(png.width == size.0 && png.height == size.1)
            // The page is opaque and mostly light.
            #expect(png.pixel(0, 0) == (255, 255, 255, 255))
        }
    }

    @Test func svgIsWellFormedWithTextAndCells() throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent("heat.svg")
        try TestSupport.confusionHeatmap().write(to: path.path)
        TestSupport.keep(path)
        let parser = try #require(XMLParser(contentsOf: path))
        let counter = SVGCounter()
        parser.delegate = counter
        #expect(parser.parse(), "the SVG parses: \(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.counts["svg"] == 1)
        #expect(counter.rootAttributes["width"]?.hasPrefix("460.8") == true)
        #expect(counter.rootAttributes["height"]?.hasPrefix("345.6") == true)
        // Glyphs are drawn by reference: many uses (cell counts, ticks, labels and the title).
        #expect((counter.counts["use"] ?? 0) > 60)
        #expect((counter.counts["path"] ?? 0) + (counter.counts["rect"] ?? 0) >= 16, "16 cells at least")
        #expect((counter.counts["image"] ?? 0) >= 1, "the colour bar")
    }

    @Test func pdfIsAPDF() throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent("counts.pdf")
        try Figure.bar(labels: ["a", "b"], values: [1, 2]).write(to: path.path)
        let data = try Data(contentsOf: path)
        #expect(data.count > 1000)
        #expect(String(decoding: data.prefix(5), as: UTF8.self) == "%PDF-")
        #expect(String(decoding: data.suffix(7), as: UTF8.self).contains("%%EOF"))
    }

    @Test func formatsShowTheSamePicture() throws {
        // The layout, which every format draws, does not depend on the format or the dpi.
        let figure = try TestSupport.confusionHeatmap()
        let a = figure.layout().axes[0]
        let folder = try TestSupport.temporaryFolder()
        let low = folder.appendingPathComponent("low.png").path
        let high = folder.appendingPathComponent("high.png").path
        try figure.write(to: low, dpi: 72)
        try figure.write(to: high, dpi: 144)
        let small = try DecodedPNG(path: low)
        let large = try DecodedPNG(path: high)
        // The same cell colour at the same place (a point is one pixel at 72 dpi, two at 144).
        let x = Int(a.x(0.4))
        let y = Int(a.y(1.4))
        let s = small.pixel(x, y)
        let l = large.pixel(x * 2, y * 2)
        #expect(s.red == l.red && s.green == l.green && s.blue == l.blue)
    }

    @Test func missingFolderIsAnErrorAndLeavesNothing() throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent("nope/plot.png").path
        let nope = folder.appendingPathComponent("nope").path
        #expect(throws: PlotError.writeFailed(path: path, reason: "the folder \(nope) does not exist")) {
            try Figure.bar(labels: ["a"], values: [1]).write(to: path)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func unknownFormatAndBadDPIAreErrors() throws {
        let folder = try TestSupport.temporaryFolder()
        let figure = try Figure.bar(labels: ["a"], values: [1])
        #expect(throws: PlotError.unknownFormat(extension: "jpg")) { try figure.write(to: folder.appendingPathComponent("x.jpg").path) }
        #expect(throws: PlotError.invalidDPI(0)) { try figure.write(to: folder.appendingPathComponent("x.png").path, dpi: 0) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "no file, no leftover temporary")
    }

    @Test func failedWriteKeepsTheOldFile() throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent("keep.png").path
        try Figure.bar(labels: ["a"], values: [1]).write(to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: PlotError.invalidDPI(-1)) { try Figure.bar(labels: ["b"], values: [2]).write(to: path, dpi: -1) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        // Overwriting succeeds and leaves only the one file.
        try Figure.bar(labels: ["b"], values: [2]).write(to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["keep.png"])
    }

    @Test func badInputsAreErrors() throws {
        #expect(throws: PlotError.lengthMismatch(first: 2, second: 1)) { try Figure.bar(labels: ["a", "b"], values: [1]) }
        #expect(throws: PlotError.emptyData) { try Figure.bar(labels: ["a"], values: [.nan]) }
        #expect(throws: PlotError.lengthMismatch(first: 3, second: 2)) { try Figure.scatter(xs: [1, 2, 3], ys: [1, 2]) }
        #expect(throws: PlotError.badShape([3], expected: "h x w (gray) or h x w x 3 (RGB)")) {
            try Figure.image(.init(shape: [3], float64: [1, 2, 3]))
        }
        var figure = try Figure.line(xs: [1, 2], ys: [0, 1])
        #expect(throws: PlotError.nonPositiveOnLogScale) { try figure.setLogScale(x: false, y: true) }
        #expect(throws: PlotError.emptyData) {
            try Figure.heatmap(rows: 1, columns: 2, values: [.nan, .nan], colormap: .viridis, format: nil)
        }
    }

    @Test func unreadablePNGIsAnError() throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent("fake.png").path
        try Data("not a png".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: PlotError.self) { try DecodedPNG(path: path) }
        #expect(throws: PlotError.self) { try DecodedPNG(path: folder.appendingPathComponent("missing.png").path) }
    }
}

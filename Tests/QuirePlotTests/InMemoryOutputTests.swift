import Foundation
import QuirePlot
import Testing

/// Figures drawn into memory (the Jupyter kernel's path) are the same bytes as the files.
@Suite struct InMemoryOutputTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("quire-inmemory-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func pngInMemoryEqualsThePNGFile() throws {
        let figure = try Figure.bar(labels: ["a", "b"], values: [1, 2])
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("f.png").path
        try figure.write(to: path, dpi: 100)
        let bytes = try figure.data(svg: false, dpi: 100)
        #expect(bytes.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(bytes == FileManager.default.contents(atPath: path))
    }

    @Test func svgInMemoryEqualsTheSVGFile() throws {
        let figure = try Figure.bar(labels: ["a", "b"], values: [1, 2])
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("f.svg").path
        try figure.write(to: path)
        let bytes = try figure.data(svg: true)
        #expect(String(decoding: bytes.prefix(5), as: UTF8.self) == "<?xml")
        // Cairo numbers its surfaces per process, so the ids differ; the drawing is the same.
        let file = String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self)
        let text = String(decoding: bytes, as: UTF8.self)
        let normalise = { (s: String) in s.replacingOccurrences(of: #"surface\d+"#, with: "surface", options: .regularExpression) }
        #expect(normalise(text) == normalise(file))
    }

    @Test func badDPIIsRefused() {
        #expect(throws: PlotError.self) { try Figure.bar(labels: ["a"], values: [1]).data(svg: false, dpi: -1) }
    }
}

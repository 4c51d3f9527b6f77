import Foundation
@testable import QuireNotebook
import Testing

@Suite struct FigureCheckTests {
    /// A notebook whose one figure was written by `--update`; gives its path and the figure's.
    func updatedNotebook() throws -> (String, String) {
        let path = try writeNotebook("```quire\nfigure\n```\n", name: "fig.md")
        #expect(runCommand(path, RunSettings(update: true)).status == 0)
        let figure = (path as NSString).deletingLastPathComponent + "/fig.out/cell-1-1.svg"
        #expect(FileManager.default.fileExists(atPath: figure))
        return (path, figure)
    }

    @Test func anUnchangedFigurePasses() throws {
        let (path, _) = try updatedNotebook()
        #expect(checkCommand([path]).status == 0)
    }

    @Test func aChangedDrawingFailsAndNamesASideBySideImage() throws {
        let (path, figure) = try updatedNotebook()
        try read(figure).replacingOccurrences(of: "#4477aa", with: "#aa7744").write(toFile: figure, atomically: true, encoding: .utf8)
        let check = checkCommand([path])
        #expect(check.status == 1)
        #expect(check.output.contains("figure 1 (fig.out/cell-1-1.svg): the drawing differs from the stored SVG; see "))
        let named = check.output.components(separatedBy: "; see ").last?.components(separatedBy: "\n").first ?? ""
        #expect(named.hasSuffix("cell-1-1.diff.svg"))
        #expect(read(named).contains("data:image/svg+xml;base64,"))
        #expect(read(figure).contains("#aa7744"), "check never rewrites a figure")
    }

    @Test func spacingAndCairoSurfaceNumbersAreNotDifferences() throws {
        #expect(SVGFigureComparer.normalized("<g id=\"surface12\">\n  <rect/>\n</g>") == SVGFigureComparer.normalized("<g id=\"surface3\"> <rect/> </g>"))
        #expect(SVGFigureComparer.normalized("<rect x=\"1\"/>") != SVGFigureComparer.normalized("<rect x=\"2\"/>"))
    }

    @Test func aMissingFigureFileIsNotADifference() throws {
        // Figure folders are often not kept in git: only the links are compared then.
        let (path, figure) = try updatedNotebook()
        try FileManager.default.removeItem(atPath: figure)
        #expect(checkCommand([path]).status == 0)
    }
}

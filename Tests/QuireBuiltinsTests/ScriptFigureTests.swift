import Foundation
import Testing

/// `quire run script.qr`: the figures a script shows are written beside it (or to --figures DIR)
/// and their paths printed; a figure drawn and never shown nor saved is written at the end.
@Suite("figures of scripts", .serialized)
struct ScriptFigureTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("quire-figures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func script(_ text: String) throws -> String {
        let path = folder.appendingPathComponent("plots.qr").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    func isPNG(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return Array(data.prefix(8)) == Self.pngSignature
    }

    @Test func shownFiguresGoToScriptOutWithTheirPaths() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try script("hist([1, 2, 2, 3])\nshow()\nshow(bar([\"a\", \"b\"], values=[1, 2]))\nprint(\"done\")\n")
        let r = try quire(["run", path])
        let out = folder.appendingPathComponent("plots.out").path
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "[figure: \(out)/figure-1.png]\n[figure: \(out)/figure-2.png]\ndone\n")
        #expect(isPNG(out + "/figure-1.png") && isPNG(out + "/figure-2.png"))
    }

    @Test func withoutCairoDrawingIsAnErrorAndNothingElseIs() throws {
        // Cairo is loaded at the first drawing; here the file it would load does not exist.
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = ["QUIRE_CAIRO_LIBRARY": "/nonexistent/libcairo.so.2"]
        let message = "drawing needs the Cairo library (libcairo.so.2), which cannot be loaded"
        let path = try script("f = hist([1, 2, 2, 3])\nprint(len(f.xticks) > 0)\nsave(f, \"h.png\")\nprint(\"after\")\n")
        let r = try quire(["run", path], environment: missing)
        #expect(r.status == 1)
        // The figure's layout (text measured by an estimate) is there; drawing it is the error.
        #expect(r.stdout.hasPrefix("true\n") && !r.stdout.contains("after"), "\(r.stdout)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stderr.contains("install it (on Debian: sudo apt-get install libcairo2)"))
        #expect(r.stderr.contains("plots.qr:3"), "\(r.stderr)")
        // A figure shown is reported where it would have been written, as any figure that cannot be.
        let shown = try quire(["run", try script("show(hist([1, 2]))\nprint(\"after\")\n")], environment: missing)
        #expect(shown.stdout == "[figure could not be written: \(message)]\nafter\n", "\(shown.stdout)")
        // A run that draws nothing does not need the library.
        let plain = try quire(["-e", "sum([1, 2, 3])"], environment: missing)
        #expect(plain.status == 0 && plain.stdout == "6\n", "\(plain.stderr)")
    }

    @Test func aRunReplacesTheFiguresOfAnEarlierRun() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("plots.out").path
        let first = try script("show(hist([1, 2]))\nshow(hist([3, 4]))\n")
        #expect(try quire(["run", first]).status == 0)
        #expect(isPNG(out + "/figure-2.png"))
        try "mine".write(toFile: out + "/notes.txt", atomically: true, encoding: .utf8)
        let second = try script("show(hist([1, 2]))\n")
        #expect(try quire(["run", second]).stdout == "[figure: \(out)/figure-1.png]\n")
        #expect(!FileManager.default.fileExists(atPath: out + "/figure-2.png"), "a figure of the earlier run is left")
        #expect(FileManager.default.fileExists(atPath: out + "/notes.txt"), "only figure-N.png files are removed")
    }

    @Test func aFigureNeverShownIsWrittenAtTheEnd() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try script("scatter([1, 2, 3], [3, 1, 2])\nprint(\"drawn\")\n")
        let r = try quire(["run", path])
        let out = folder.appendingPathComponent("plots.out").path
        #expect(r.status == 0)
        #expect(r.stdout == "drawn\n[figure: \(out)/figure-1.png]\n")
        #expect(isPNG(out + "/figure-1.png"))
    }

    @Test func savedFiguresAreNotWrittenTwice() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let saved = folder.appendingPathComponent("mine.svg").path
        let path = try script("fig = hist([1, 2, 2, 3])\nfig.save(\"mine.svg\")\nhist([4, 5])\nsavefig(\"last.png\")\n")
        let r = try quire(["run", path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "")
        #expect(FileManager.default.fileExists(atPath: saved))
        #expect(isPNG(folder.appendingPathComponent("last.png").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("plots.out").path))
    }

    @Test func figuresFlagChoosesTheFolder() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try script("show(hist([1, 2, 2, 3]))\n")
        let chosen = folder.appendingPathComponent("pictures/run1").path
        let r = try quire(["run", path, "--figures", chosen])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "[figure: \(chosen)/figure-1.png]\n")
        #expect(isPNG(chosen + "/figure-1.png"))
    }

    @Test func aFigureDrawnBeforeAnErrorIsKept() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try script("hist([1, 2, 2, 3])\nx = 1 / 0\n")
        let r = try quire(["run", path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("division by zero"))
        #expect(isPNG(folder.appendingPathComponent("plots.out/figure-1.png").path))
    }

    @Test func aFileWhereTheFolderMustBeIsAClearMessage() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try "not a folder".write(to: folder.appendingPathComponent("plots.out"), atomically: true, encoding: .utf8)
        let path = try script("show(hist([1, 2, 2, 3]))\nprint(\"after\")\n")
        let r = try quire(["run", path])
        #expect(r.stdout.contains("[figure could not be written: cannot write"), "\(r.stdout)")
        #expect(r.stdout.contains("after"))
        #expect(!r.stdout.contains("Error Domain"))
    }

    @Test func figuresFlagIsForScriptsOnly() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let notebook = folder.appendingPathComponent("nb.md").path
        try "# A\n".write(toFile: notebook, atomically: true, encoding: .utf8)
        let r = try quire(["run", notebook, "--figures", folder.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--figures applies to scripts"))
    }
}

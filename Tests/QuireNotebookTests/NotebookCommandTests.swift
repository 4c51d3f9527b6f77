import Foundation
import Testing

@testable import QuireNotebook

@Suite struct RunAndUpdateTests {
    let fresh = "# Sums\n\nWe add.\n\n```quire\nx = 2\nprint(\"x is\", x)\nx * 21\n```\n\nAnd a figure:\n\n```quire\nfigure\n```\n\nDone.\n"

    @Test func updateWritesOutputBlocksAndFigureLinks() throws {
        let path = try writeNotebook(fresh, name: "sums.md")
        let outcome = runCommand(path, RunSettings(update: true))
        #expect(outcome.status == 0)
        let expected =
            "# Sums\n\nWe add.\n\n```quire\nx = 2\nprint(\"x is\", x)\nx * 21\n```\n\n```output\nx is 2\n42\n```\n\nAnd a figure:\n\n```quire\nfigure\n```\n\n![cell 2](sums.out/cell-2-1.svg)\n\nDone.\n"
        #expect(read(path) == expected)
        #expect(checkCommand([path]).status == 0)
    }

    @Test func updateOfAnUnchangedNotebookLeavesItByteIdentical() throws {
        let path = try writeNotebook(fresh, name: "same.md")
        _ = runCommand(path, RunSettings(update: true))
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        Thread.sleep(forTimeInterval: 0.02)
        let outcome = runCommand(path, RunSettings(update: true))
        #expect(outcome.status == 0)
        #expect(outcome.output.contains("is up to date"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == modified)
    }

    @Test func updateReplacesChangedOutputAndKeepsTheRest() throws {
        let text = "intro\n\n```quire\n1 + 1\n```\n\n```output\n3\n```\n\n  outro with spaces  \n"
        let path = try writeNotebook(text)
        #expect(runCommand(path, RunSettings(update: true)).status == 0)
        #expect(read(path) == "intro\n\n```quire\n1 + 1\n```\n\n```output\n2\n```\n\n  outro with spaces  \n")
    }

    @Test func updateRemovesOutputThatIsNoLongerThere() throws {
        let path = try writeNotebook("```quire\nx = 1\n```\n\n```output\nold\n```\n\nend\n")
        #expect(runCommand(path, RunSettings(update: true)).status == 0)
        #expect(read(path) == "```quire\nx = 1\n```\n\nend\n")
    }

    @Test func expectedErrorsNameTheLinesOfTheUpdatedFile() throws {
        let text = "```quire\nprint(1)\n```\n\n```quire\n#| expect-error\n1 + \"a\"\n```\n"
        let path = try writeNotebook(text, name: "shift.md")
        #expect(runCommand(path, RunSettings(update: true)).status == 0)
        // The output block of cell 1 moved cell 2 down by four lines.
        #expect(read(path).contains("--> shift.md:11:1 (cell 2)"))
        #expect(checkCommand([path]).status == 0)
    }

    @Test func aFailedRunLeavesTheNotebookUntouched() throws {
        let text = "```quire\nprint(1)\n```\n\n```quire\nboom()\n```\n"
        let path = try writeNotebook(text)
        let outcome = runCommand(path, RunSettings(update: true, keepGoing: true))
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("was not updated"))
        #expect(read(path) == text)
    }

    @Test func aReadOnlyNotebookIsRefusedAndKept() throws {
        let path = try writeNotebook(fresh, name: "locked.md")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }
        let outcome = runCommand(path, RunSettings(update: true))
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("cannot update \(path): the file is read-only"))
        #expect(outcome.errors.contains("chmod u+w"))
        #expect(read(path) == fresh)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    @Test func aNotebookThatDoesNotExistIsAClearError() {
        let outcome = runCommand("/nonexistent/folder/nb.md")
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("error: no such notebook: /nonexistent/folder/nb.md"))
        #expect(checkCommand(["/nonexistent/nb.md"]).status == 1)
    }

    @Test func aBadNotebookIsReportedWithItsLine() throws {
        let path = try writeNotebook("text\n\n```quire\nx = 1\n", name: "open.md")
        let outcome = runCommand(path)
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("open.md:3"))
        #expect(outcome.errors.contains("never closed"))
    }

    @Test func runPrintsEachCellAndExitsOneOnError() throws {
        let path = try writeNotebook("```quire\nprint(\"hi\")\n```\n\n```quire\nnope\n```\n", name: "run.md")
        let outcome = runCommand(path)
        #expect(outcome.status == 1)
        #expect(outcome.output.contains("── cell 1 · line 2"))
        #expect(outcome.output.contains("hi\n"))
        #expect(outcome.errors.contains("run.md:6:1 (cell 2)"))
        #expect(outcome.output.contains("cell 2 (line 6) failed"))
    }
}

@Suite struct CheckTests {
    @Test func matchingOutputsPass() throws {
        let path = try writeNotebook(
            "```quire\n#| check: false\nprint(\"anything\")\n```\n\n```output\nsomething else\n```\n\n```quire\n3\n```\n\n```output\n3\n```\n"
        )
        let outcome = checkCommand([path])
        #expect(outcome.status == 0)
        #expect(outcome.output.contains("ok (2 cells match)"))
    }

    @Test func differingOutputsShowADiffAndNeverWrite() throws {
        let text = "```quire\nprint(\"a\")\nprint(\"b\")\nprint(\"c\")\n```\n\n```output\na\nB\nc\n```\n"
        let path = try writeNotebook(text, name: "diff.md")
        let outcome = checkCommand([path])
        #expect(outcome.status == 1)
        #expect(outcome.output.contains("--- cell 1: stored output\n+++ cell 1: output now\n"))
        #expect(outcome.output.contains("  a\n- B\n+ b\n  c\n"))
        #expect(outcome.output.contains("1 cell differs"))
        #expect(read(path) == text)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["diff.md"])
    }

    @Test func missingOutputBlocksDifferWithAHint() throws {
        let path = try writeNotebook("```quire\n1 + 1\n```\n\n```quire\nx = 1\n```\n", name: "bare.md")
        let outcome = checkCommand([path])
        #expect(outcome.status == 1)
        #expect(outcome.output.contains("no output block"))
        #expect(outcome.output.contains("run `quire run --update \(path)`"))
    }

    @Test func figureLinksAreChecked() throws {
        let path = try writeNotebook("```quire\nfigure\n```\n", name: "fig.md")
        #expect(checkCommand([path]).output.contains("the notebook links 0, the cell made 1"))
    }

    @Test func anErrorFailsTheCheck() throws {
        let path = try writeNotebook("```quire\nnope\n```\n")
        let outcome = checkCommand([path])
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("name \"nope\" is not defined"))
    }

    @Test func severalNotebooksAreCheckedInOneGo() throws {
        let good = try writeNotebook("```quire\n1\n```\n\n```output\n1\n```\n")
        let bad = try writeNotebook("```quire\n1\n```\n\n```output\n2\n```\n")
        let outcome = checkCommand([good, bad])
        #expect(outcome.status == 1)
        #expect(outcome.output.contains("1 of 2 notebooks differ or failed"))
    }
}

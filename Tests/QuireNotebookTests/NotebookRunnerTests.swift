import Foundation
import Testing

@testable import QuireNotebook

@Suite struct NotebookRunnerTests {
    @Test func cellsShareOneEnvironmentAndShowTheirLastValue() throws {
        let results = try runCells("```quire\nx = 40\nprint(\"set\")\n```\n\ntext\n\n```quire\nx + 2\n```\n\n```quire\nx;\n```\n")
        #expect(results.map(\.status) == [.ok, .ok, .ok])
        #expect(results.map(\.outputText) == ["set\n", "42\n", ""])
    }

    @Test func valuesThatPrintNoneShowNothing() throws {
        let results = try runCells("```quire\nprint(\"a\")\n```\n")
        #expect(results[0].outputText == "a\n")
    }

    @Test func stopsAtTheFirstUnexpectedErrorAndPointsIntoTheNotebook() throws {
        let text = "# T\n\n```quire\nprint(1)\n```\n\n```quire\nx = 1\ny = undefined_name + 1\n```\n\n```quire\nprint(\"never\")\n```\n"
        let results = try runCells(text, name: "tour.md")
        #expect(results.map(\.status) == [.ok, .error, .skipped])
        let failed = results[1]
        #expect(failed.errorLocation == ErrorLocation(line: 9, column: 5))
        let rendered = try #require(failed.errorText)
        #expect(rendered.contains("tour.md:9:5 (cell 2)"))
        #expect(rendered.contains("9 | y = undefined_name + 1"))
    }

    @Test func keepGoingRunsTheRest() throws {
        let text = "```quire\nnope\n```\n\n```quire\nprint(\"still here\")\n```\n"
        let results = try runCells(text, options: .init(keepGoing: true))
        #expect(results.map(\.status) == [.error, .ok])
        #expect(results[1].outputText == "still here\n")
    }

    @Test func expectErrorCellsMustFailAndTheirErrorIsTheirOutput() throws {
        let text = "```quire\n#| expect-error\nprint(\"before\")\n1 + \"a\"\n```\n\n```quire\n#| expect-error\n1 + 1\n```\n"
        let results = try runCells(text, options: .init(keepGoing: true), name: "teach.md")
        #expect(results[0].status == .expectedError)
        #expect(results[0].outputText.hasPrefix("before\nerror: cannot apply + to an int and a string\n"))
        #expect(results[0].outputText.contains("--> teach.md:4:1 (cell 1)"))
        #expect(results[1].status == .error)
        #expect(results[1].errorMessage == "cell 2 was expected to fail, but it ran without error")
    }

    @Test func storedErrorsNameTheFileNotTheFolder() throws {
        let results = try runCells("```quire\n#| expect-error\nnope\n```\n", name: "deep.md")
        #expect(!results[0].outputText.contains(NSTemporaryDirectory()))
        #expect(results[0].outputText.contains("--> deep.md:3:1 (cell 1)"))
    }

    @Test func aCellThatLoopsForeverTimesOut() throws {
        let text = "```quire\n#| timeout: 200ms\nwhile true { }\n```\n\n```quire\nprint(\"next\")\n```\n"
        let start = Date()
        let results = try runCells(text, name: "loop.md")
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(results.map(\.status) == [.timeout, .skipped])
        #expect(results[0].errorMessage == "cell 1 ran longer than its time limit of 200ms")
        #expect(results[0].errorText?.contains("loop.md:3:1 (cell 1)") == true)
    }

    @Test func theDefaultTimeoutAppliesToEveryCell() throws {
        let results = try runCells("```quire\nwhile true { }\n```\n", options: .init(defaultTimeout: 0.2))
        #expect(results[0].status == .timeout)
        #expect(results[0].errorMessage?.contains("200ms") == true)
    }

    @Test func aCellTimeoutOverridesTheDefault() throws {
        let text = "```quire\n#| timeout: 100ms\nwhile true { }\n```\n"
        let results = try runCells(text, options: .init(defaultTimeout: 60))
        #expect(results[0].status == .timeout)
        #expect(results[0].duration < 30)
    }

    @Test func pathsAreRelativeToTheNotebooksFolder() throws {
        let folder = try makeTemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/lib", withIntermediateDirectories: true)
        try "fn helper() { \"from lib\" }\n".write(toFile: folder + "/lib/helper.qr", atomically: true, encoding: .utf8)
        let path = folder + "/nb.md"
        try "```quire\nimport \"lib/helper.qr\"\nhelper()\n```\n".write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = runCommand(path)
        #expect(outcome.status == 0)
        #expect(outcome.output.contains("\"from lib\""))
    }

    @Test func aMissingDataFileIsAClearError() throws {
        let results = try runCells("```quire\nimport \"data/missing.qr\"\n```\n", name: "data.md")
        #expect(results[0].status == .error)
        #expect(results[0].errorText?.contains("no such file") == true)
        #expect(results[0].errorText?.contains("data.md:2:1 (cell 1)") == true)
    }

    @Test func figuresAreWrittenBesideTheNotebookAndLinked() throws {
        let path = try writeNotebook("```quire\nfigure\n```\n", name: "plots.md")
        let outcome = runCommand(path)
        #expect(outcome.status == 0)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        #expect(FileManager.default.fileExists(atPath: folder + "/plots.out/cell-1-1.svg"))
        #expect(outcome.output.contains("[figure: "))
        #expect(outcome.output.contains("plots.out/cell-1-1.svg]"))
    }

    @Test func htmlValuesShowTheirTextInOutputs() throws {
        let results = try runCells("```quire\ntable\n```\n")
        #expect(results[0].outputText == "   a  b\n0  1  x\n")
    }
}

import Foundation
import QuireLang
@testable import QuireNotebook
import QuireSupport
import Testing

/// A lesson with two exercises, public and hidden tests, in the forms teachers write.
let sampleLesson = """
    # Lesson

    ```quire
    xs = [1.0, 2.0, 3.0]
    ```

    ## Exercise 1

    ```quire
    #| exercise: q1, points: 2
    m = sum(xs) / len(xs)  #| solution
    print(m)
    ```

    ```output
    2.0
    ```

    ```quire
    #| test: q1
    #| hint: the mean of 1, 2, 3 is 2
    assert_close(m, 2.0)
    ```

    ```quire
    #| hidden-test: q1
    assert_close(m * 3, 6.0)
    ```

    ```output
    SECRET-OUTPUT
    ```

    ## Exercise 2

    ```quire
    #| exercise: q2, points: 1
    #| solution
    ys = [x * 2 for x in xs]
    total = sum(ys)
    ```

    ```quire
    if true {
        #| begin solution
        z = total + 1
        print(z)
        #| end solution
    }
    ```

    ```quire
    #| hidden-test: q2
    assert total == 12, "total should be 12"
    ```

    The end.

    """

@Suite struct CellOptionTests {
    func options(_ lines: String) throws(NotebookError) -> CellOptions {
        try NotebookParser.parse("```quire\n\(lines)\nx = 1\n```\n", path: "nb.md").cells[0].options
    }

    @Test func exerciseWithPoints() throws {
        let o = try options("#| exercise: q1, points: 2.5")
        #expect(o.exercise == "q1")
        #expect(o.points == 2.5)
        #expect(try options("#| exercise: q2\n#| points: 3").points == 3)
    }

    @Test func testsSolutionsAndHints() throws {
        let parsed = try NotebookParser.parse(
            "```quire\n#| exercise: q1\n#| solution\nx = 1\n```\n```quire\n#| test: q1\n#| hint: look at x\nassert x == 1\n```\n```quire\n#| hidden-test: q1\nassert x\n```\n",
            path: "nb.md")
        #expect(parsed.cells[0].options.solution)
        #expect(parsed.cells[1].options.test == "q1")
        #expect(parsed.cells[1].options.hint == "look at x")
        #expect(parsed.cells[2].options.hiddenTest == "q1")
        #expect(parsed.cells[2].options.testedExercise == "q1")
    }

    @Test(arguments: [
        ("#| exercise:", "bad cell option \"exercise\": expected a name such as q1"),
        ("#| exercise: q1, pints: 2", "unknown setting \"pints: 2\""),
        ("#| exercise: q1, points: -1", "bad cell option \"points\": expected a number of at least 0"),
        ("#| points: 2", "cell option \"points\" belongs to an exercise cell"),
        ("#| test:", "bad cell option \"test\": expected the exercise it tests"),
        ("#| hint:", "the hint is empty"),
        ("#| solution: maybe", "bad cell option \"solution\": expected true or false"),
        ("#| exercise: q1\n#| test: q1", "an exercise cell cannot also be a test cell"),
        ("#| hiden-test: q1", "did you mean \"hidden-test\"?"),
    ])
    func badOptionsNameTheirLine(_ lines: String, _ message: String) {
        do {
            _ = try options(lines)
            Issue.record("\(lines) was accepted")
        } catch {
            #expect(error.render().contains(message), "\(error.render())")
            #expect(error.line != nil)
        }
    }

    @Test func aTestOfAnUnknownExerciseIsAnError() {
        #expect(throws: NotebookError.self) {
            try NotebookParser.parse("```quire\n#| exercise: q1\nx = 1\n```\n```quire\n#| test: q2\nassert x\n```\n", path: "nb.md")
        }
        do {
            _ = try NotebookParser.parse("```quire\n#| exercise: blur\nx = 1\n```\n```quire\n#| test: blurr\nassert x\n```\n", path: "nb.md")
        } catch {
            #expect(error.render().contains("no exercise of that name comes before it"))
            #expect(error.render().contains("did you mean \"blur\"?"))
        }
    }

    @Test func anExerciseNamedTwiceIsAnError() {
        do {
            _ = try NotebookParser.parse("```quire\n#| exercise: q1\nx = 1\n```\n```quire\n#| exercise: q1\ny = 1\n```\n", path: "nb.md")
            Issue.record("accepted")
        } catch {
            #expect(error.message == "exercise \"q1\" is defined twice (cells 1 and 2)")
            #expect(error.line == 6)
        }
    }
}

@Suite struct BlankTests {
    @Test func blanksOutsideStringsAndComments() {
        #expect(Blank.firstLine(in: "y = ___\n") == 0)
        #expect(Blank.firstLine(in: "x = 1\nf(___, 2)\n") == 1)
        #expect(Blank.firstLine(in: "x = \"___\"\n# ___ here\n") == nil)
        #expect(Blank.firstLine(in: "x = '''a\n___\n'''\ny = 2\n") == nil)
        #expect(Blank.firstLine(in: "_a = 1\n__ = 2\nx___ = 3\n") == nil)
        #expect(Blank.firstLine(in: "s = \"a\\\"___\"\nt = ____\n") == 1)
    }

    @Test func aBlankIsNotDoneYetAndTheRunGoesOn() throws {
        let results = try runCells(
            "```quire\n#| exercise: q1\ny = ___\n```\n```quire\n#| test: q1\nassert y == 1\n```\n```quire\nprint(\"after\")\n```\n")
        #expect(results.map(\.status) == [.notDone, .notDone, .ok])
        #expect(results[0].errorMessage == "exercise q1 is not done yet: fill in the ___ on line 3")
        #expect(results[1].errorMessage == "not run: it tests exercise q1, which is not done yet")
        #expect(results[2].outputText == "after\n")
    }

    @Test func theTerminalShowsOneLinePerExercise() throws {
        let path = try writeNotebook(
            "```quire\n#| exercise: q1\ny = ___\n```\n```quire\n#| test: q1\nassert y == 1\n```\n```quire\n#| hidden-test: q1\nassert y\n```\n")
        let outcome = runCommand(path)
        #expect(outcome.status == 0)
        #expect(outcome.output.components(separatedBy: "not done yet").count == 3)  // the line and the summary
        #expect(outcome.output.contains("cell 1 · line 2 · exercise q1 is not done yet: fill in the ___ on line 3"))
        #expect(outcome.output.contains("not done yet: q1"))
        #expect(outcome.errors.isEmpty)
    }

    @Test func aHintFollowsAFailedTest() throws {
        let results = try runCells(
            "```quire\n#| exercise: q1\ny = 2\n```\n```quire\n#| test: q1\n#| hint: y is the number of eyes\nassert y == 1\n```\n",
            options: .init(keepGoing: true))
        #expect(results[1].status == .error)
        #expect(results[1].errorText?.contains("y is the number of eyes") == true)
    }
}

@Suite struct HandoutTests {
    func handout() throws -> String {
        Handout.text(of: try NotebookParser.parse(sampleLesson, path: "lesson.md"))
    }

    @Test func solutionsAreStubbedAndHiddenTestsRemoved() throws {
        let text = try handout()
        #expect(!text.contains("sum(xs) / len(xs)"))
        #expect(!text.contains("x * 2"))
        #expect(!text.contains("total + 1"))
        #expect(!text.contains("hidden-test"))
        #expect(!text.contains("assert_close(m * 3"))
        #expect(!text.contains("SECRET-OUTPUT"))
        #expect(!text.contains("#| solution"))
        #expect(!text.contains("solution"))
        #expect(text.contains("m = ___\nprint(m)\n"))
        #expect(text.contains("#| exercise: q2, points: 1\n# your code here\nys = ___\ntotal = ___\n```"))
        #expect(text.contains("if true {\n    # your code here\n    z = ___\n}\n"))
    }

    @Test func exerciseOutputsAreClearedAndTheRestKeptByteForByte() throws {
        let text = try handout()
        #expect(!text.contains("```output\n2.0\n```"))
        #expect(text.hasPrefix("# Lesson\n\n```quire\nxs = [1.0, 2.0, 3.0]\n```\n\n## Exercise 1\n\n"))
        #expect(text.contains("```quire\n#| test: q1\n#| hint: the mean of 1, 2, 3 is 2\nassert_close(m, 2.0)\n```\n\n## Exercise 2\n"))
        #expect(text.hasSuffix("```\n\nThe end.\n"))
        #expect(!text.contains("\n\n\n"))
    }

    @Test func aHandoutRunsWithBlanksAsNotDone() throws {
        let path = try writeNotebook(try handout(), name: "student.md")
        let outcome = runCommand(path)
        #expect(outcome.status == 0, "\(outcome.errors)")
        #expect(outcome.output.contains("not done yet: q1, q2"))
    }

    @Test func theCommandWritesTheHandoutAndRefusesToOverwriteTheLesson() throws {
        let lesson = try writeNotebook(sampleLesson, name: "lesson.md")
        let student = (lesson as NSString).deletingLastPathComponent + "/student.md"
        let console = BufferConsole()
        #expect(NotebookCommand.handout(path: lesson, output: student, console: console) == 0)
        #expect(console.output == "wrote \(student): 2 exercises, 3 solution cells stubbed, 2 hidden tests removed\n")
        #expect(read(student) == (try handout()))
        let again = BufferConsole()
        #expect(NotebookCommand.handout(path: lesson, output: lesson, console: again) == 1)
        #expect(again.errors.contains("would overwrite the lesson"))
        #expect(read(lesson) == sampleLesson)
    }

    @Test func aLessonWithoutExercisesIsRefused() throws {
        let lesson = try writeNotebook("```quire\nx = 1\n```\n")
        let console = BufferConsole()
        #expect(NotebookCommand.handout(path: lesson, output: lesson + ".student.md", console: console) == 1)
        #expect(console.errors.contains("has no exercise cell"))
    }
}

@Suite struct SandboxTests {
    /// Runs cells under the sandbox, each expected to fail (the run goes on) but the last.
    func runSandboxed(_ cells: [String], memory: Int = Sandbox.defaultMemory, setUp: (String) throws -> Void = { _ in }) throws -> [CellResult] {
        let text = cells.map { "```quire\n\($0)\n```\n" }.joined(separator: "\n")
        let path = try writeNotebook(text)
        let folder = (path as NSString).deletingLastPathComponent
        try setUp(folder)
        let notebook = try NotebookFile.read(path)
        return try runOnLargeStack { () -> Result<[CellResult], Error> in
            do {
                let runner = NotebookRunner(notebook: notebook, interpreter: try makeTestInterpreter(), options: .init(keepGoing: true))
                return .success(Sandbox(memory: memory).confine(directory: runner.directory) { runner.run() })
            } catch {
                return .failure(error)
            }
        }.get()
    }

    @Test func escapesFailInTheCellAndTheRunGoesOn() throws {
        let results = try runSandboxed([
            "read_csv(\"/etc/passwd\", sep=\":\")",
            "df = read_csv(\"inside.csv\")\nwrite_csv(df, \"../x.csv\")",
            "read_csv(\"link.csv\")",
            "p = \"/\" + \"etc\" + \"/\" + \"passwd\"\nread_csv(p, sep=\":\")",
            "read_csv(\"sub/../../\" + \"x.csv\")",
            "import \"../helpers.qr\"",
            "read_csv(\"dangling.csv\")",
            "zeros((100000, 100000))",
            "df.to_csv(\"out/copy.csv\")\nprint(read_csv(\"out/copy.csv\").shape)",
        ]) { folder in
            try "a,b\n1,2\n".write(toFile: folder + "/inside.csv", atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: folder + "/link.csv", withDestinationPath: "/etc/passwd")
            try FileManager.default.createSymbolicLink(atPath: folder + "/dangling.csv", withDestinationPath: "/nonexistent/file.csv")
            try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
        }
        #expect(results.map(\.status) == [.error, .error, .error, .error, .error, .error, .error, .error, .ok])
        let messages = results.map { $0.errorMessage ?? "" }
        #expect(messages[0] == "cannot read /etc/passwd: the sandbox allows only files inside the notebook's folder")
        #expect(messages[1] == "cannot write ../x.csv: the sandbox allows only files inside the notebook's folder")
        #expect(messages[2] == "cannot read link.csv: it is a link to /etc/passwd, and the sandbox allows only files inside the notebook's folder")
        #expect(messages[3] == "cannot read /etc/passwd: the sandbox allows only files inside the notebook's folder")
        #expect(messages[4] == "cannot read sub/../../x.csv: the sandbox allows only files inside the notebook's folder")
        #expect(messages[5] == "cannot read ../helpers.qr: the sandbox allows only files inside the notebook's folder")
        #expect(messages[6].contains("it is a link to a file that does not exist"))
        #expect(messages[7].contains("not enough memory") || messages[7].contains("memory limit"))
        #expect(results[0].errorText?.contains("--allow PATH") == true)
        #expect(results[1].errorLocation?.line == 7)  // the write, not the read before it
        #expect(results[8].outputText == "(1, 3)\n")
    }

    @Test func theMemoryCapRefusesWhatPhysicalMemoryWouldAllow() throws {
        let cap = Memory.residentBytes() + 100_000_000
        let results = try runSandboxed(["x = zeros((10000, 10000))", "y = zeros((500, 500))\nprint(y.shape)"], memory: cap)
        #expect(results[0].status == .error)
        #expect(results[0].error?.kind == .memory)
        #expect(results[0].errorMessage?.contains("an array of shape (10000, 10000) needs 800 MB, more than the sandbox's memory limit") == true)
        #expect(results[1].outputText == "(500, 500)\n")
    }

    @Test func allowedFoldersCanBeReadOutsideTheyDoNotLeak() throws {
        let outside = try makeTemporaryFolder()
        try "a\n1\n".write(toFile: outside + "/shared.csv", atomically: true, encoding: .utf8)
        let path = try writeNotebook("```quire\nprint(read_csv(\"\(outside)/shared.csv\").shape)\n```\n")
        let notebook = try NotebookFile.read(path)
        let results = try runOnLargeStack { () -> Result<[CellResult], Error> in
            do {
                let runner = NotebookRunner(notebook: notebook, interpreter: try makeTestInterpreter())
                return .success(Sandbox(allowed: [outside]).confine(directory: runner.directory) { runner.run() })
            } catch {
                return .failure(error)
            }
        }.get()
        #expect(results[0].outputText == "(1, 1)\n")
        #expect(FileAccess.policy == nil)  // bound only while the notebook runs
    }

    @Test func withoutASandboxEveryPathIsAllowed() throws {
        #expect(try FileAccess.check("/etc/passwd", .read) == "/etc/passwd")
    }

    @Test func theRunCommandTakesTheSandbox() throws {
        let path = try writeNotebook("```quire\n#| expect-error\nread_csv(\"/etc/hostname\")\n```\n\n```output\n```\n")
        var settings = RunSettings(keepGoing: true)
        settings.sandbox = Sandbox()
        let outcome = runCommand(path, settings)
        #expect(outcome.status == 0, "\(outcome.errors)")
        #expect(outcome.output.contains("cannot read /etc/hostname: the sandbox allows only files inside the notebook's folder"))
        let open = runCommand(path)
        #expect(open.status == 1)  // without the sandbox the file is read: the cell did not fail
    }
}

import Foundation
import Testing

/// `quire handout`, `quire grade` and `quire run --sandbox` from the command line, on the
/// shipped lesson in notebooks/teaching/.
@Suite("teaching commands")
struct TeachingCommandTests {
    let lesson = "notebooks/teaching/lesson/lesson.md"
    let handout = "notebooks/teaching/lesson/handout.md"
    let submissions = ["alice", "bob", "carol"].map { "notebooks/teaching/submissions/\($0).md" }

    func scratchFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-teach-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func text(_ path: String) throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func theCommittedHandoutIsTheOneHandoutMakesAndHidesTheAnswers() throws {
        let dir = try scratchFolder()
        let out = dir.appendingPathComponent("student.md").path
        let r = try quire(["handout", lesson, "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "wrote \(out): 3 exercises, 3 solution cells stubbed, 3 hidden tests removed\n")
        let made = try String(contentsOfFile: out, encoding: .utf8)
        #expect(made == (try text(handout)), "regenerate it: quire handout \(lesson) -o \(handout)")
        for secret in ["hidden-test", "solution", "gaussian_blur(img, 5)", "edges > 100", "price_range == 3]", "548.35", "19786", "3449", "19786 edge pixels", "mean RAM: 3449"] {
            #expect(!made.contains(secret), "the handout shows \(secret)")
        }
        #expect(made.contains("assert_shape(edges, (512, 512))"))  // public tests stay
    }

    @Test func theHandoutRunsWithEveryExerciseNotDone() throws {
        let r = try quire(["run", handout])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("exercise q1 is not done yet: fill in the ___ on line 25"))
        #expect(r.stdout.contains("not done yet: q1, q2, q3"))
        let check = try quire(["check", handout, lesson])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test func gradingTheSampleSubmissions() throws {
        let dir = try scratchFolder()
        let report = dir.appendingPathComponent("grades.csv").path
        let feedback = dir.appendingPathComponent("feedback").path
        let r = try quire(["grade"] + submissions + ["--key", lesson, "--allow", "notebooks/data", "--report", report, "--feedback", feedback])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("alice: 5 of 5\nbob: 3 of 5 (q3 failed)\ncarol: 4 of 5 (q2 timeout)\n"))
        #expect(
            try String(contentsOfFile: report, encoding: .utf8) == """
                student,q1,q2,q3,total,problems
                alice,2,1,2,5,
                bob,2,1,0,3,
                carol,2,0,2,4,

                """)
        let pages = try FileManager.default.contentsOfDirectory(atPath: feedback).sorted()
        #expect(pages == ["alice.html", "bob.html", "carol.html"])
        let bob = try String(contentsOfFile: feedback + "/bob.html", encoding: .utf8)
        #expect(bob.contains("1 of 1 hidden test failed: assertion failed: the mean RAM is not the expected one"))
        #expect(bob.contains("Hidden tests: 0 of 1 passed."))
        #expect(!bob.contains("3449"))
        #expect(!bob.contains("assert_close(mean_ram"))
        let carol = try String(contentsOfFile: feedback + "/carol.html", encoding: .utf8)
        #expect(carol.contains("the exercise cell ran longer than its time limit of 2s"))
        #expect(carol.contains("<strong>4 of 5</strong>"))
    }

    @Test func withoutAllowingTheDataTheSandboxRefusesItAndSaysWhy() throws {
        let dir = try scratchFolder()
        let report = dir.appendingPathComponent("grades.csv").path
        let r = try quire(["grade", submissions[0], "--key", lesson, "--report", report])
        #expect(r.status == 0)
        #expect(r.stdout.contains("alice: 0 of 5"))
        #expect(r.stderr.contains("cannot read ../../data/images/camera.png: the sandbox allows only files inside the notebook's folder"))
    }

    @Test func gradeUsageErrors() throws {
        let noReport = try quire(["grade", submissions[0], "--key", lesson])
        #expect(noReport.status == 2)
        #expect(noReport.stderr.contains("give the report to write with --report grades.csv"))
        let badKey = try quire(["grade", submissions[0], "--key", "nowhere.md", "--report", "/tmp/x.csv"])
        #expect(badKey.status == 1)
        #expect(badKey.stderr.contains("no such notebook: nowhere.md"))
        let badMemory = try quire(["run", "--sandbox", "--memory", "lots", handout])
        #expect(badMemory.status == 2)
        #expect(badMemory.stderr.contains("--memory expects a size such as 2G"))
        let noSandbox = try quire(["run", "--allow", "x", handout])
        #expect(noSandbox.status == 2)
    }

    @Test func runSandboxedFromTheCommandLine() throws {
        let dir = try scratchFolder()
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.csv").path, withDestinationPath: "/etc/passwd")
        let notebook = """
            ```quire
            read_csv("/etc/passwd", sep=":")
            ```

            ```quire
            write_csv(read_csv("link.csv", sep=":"), "../x.csv")
            ```

            ```quire
            zeros((100000, 100000))
            ```

            ```quire
            big = zeros((10000, 10000))
            ```

            ```quire
            print("still running")
            ```

            """
        try notebook.write(to: dir.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
        let r = try quire(["run", "--sandbox", "--memory", "300M", "nb.md"], in: dir)  // runs on after errors
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: cannot read /etc/passwd: the sandbox allows only files inside the notebook's folder"))
        #expect(r.stderr.contains("error: cannot read link.csv: it is a link to /etc/passwd, and the sandbox allows only files inside the notebook's folder"))
        #expect(r.stderr.contains("an array of shape (100000, 100000)"))
        #expect(r.stderr.contains("error: an array of shape (10000, 10000) needs 800 MB, more than the sandbox's memory limit of 300 MB allows"))
        #expect(r.stdout.contains("still running"))
        #expect(!FileManager.default.fileExists(atPath: dir.deletingLastPathComponent().appendingPathComponent("x.csv").path))
    }
}

/// `quire handout -o student.ipynb` and grading the `.ipynb` notebooks students hand back.
@Suite("teaching with Jupyter notebooks")
struct TeachingIPynbTests {
    let lesson = "notebooks/teaching/lesson/lesson.md"
    let handout = "notebooks/teaching/lesson/handout.md"

    func scratchFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-teach-ipynb-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func json(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func tags(_ cell: [String: Any]) -> [String] {
        (cell["metadata"] as? [String: Any])?["tags"] as? [String] ?? []
    }

    @Test func theIPynbHandoutIsTheMarkdownHandoutWithTaggedExercisesAndNoAnswers() throws {
        let dir = try scratchFolder()
        let out = dir.appendingPathComponent("student.ipynb").path
        let r = try quire(["handout", lesson, "--ipynb", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "wrote \(out): 3 exercises, 3 solution cells stubbed, 3 hidden tests removed\n")
        let made = try String(contentsOfFile: out, encoding: .utf8)
        for secret in ["hidden-test", "solution", "gaussian_blur(img, 5)", "edges > 100", "price_range == 3]", "548.35", "19786", "3449"] {
            #expect(!made.contains(secret), "the handout shows \(secret)")
        }
        // nbformat 4: every cell has its type, a unique id, metadata and source; code cells
        // have outputs and an execution count
        let document = try json(out)
        #expect(document["nbformat"] as? Int == 4 && document["nbformat_minor"] as? Int == 5)
        let cells = try #require(document["cells"] as? [[String: Any]])
        let ids = cells.compactMap { $0["id"] as? String }
        #expect(ids.count == cells.count && Set(ids).count == ids.count)
        #expect(ids.allSatisfy { id in !id.isEmpty && id.count <= 64 && id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } })
        for cell in cells {
            #expect(cell["metadata"] is [String: Any] && cell["source"] is [String])
            if cell["cell_type"] as? String == "code" { #expect(cell["outputs"] is [Any] && cell["execution_count"] != nil) }
        }
        // exercises and public tests are tagged, exercise cells have no outputs
        let code = cells.filter { $0["cell_type"] as? String == "code" }
        let exercises = code.filter { tags($0).contains { $0.hasPrefix("exercise:") } }
        #expect(exercises.map(tags) == [["exercise:q1", "points:2"], ["exercise:q2", "points:1"], ["exercise:q3", "points:2"]])
        #expect(exercises.allSatisfy { ($0["outputs"] as? [Any])?.isEmpty == true })
        let options = exercises.map { (($0["metadata"] as? [String: Any])?["quire"] as? [String: Any])?["options"] as? [String: Any] ?? [:] }
        #expect(options.map { $0["exercise"] as? String } == ["q1", "q2", "q3"])
        #expect(options.map { $0["points"] as? Double } == [2, 1, 2])
        #expect(code.filter { tags($0).contains { $0.hasPrefix("test:") } }.map(tags) == [["test:q1"], ["test:q2"], ["test:q3"]])
        // -o alone chooses Jupyter by the extension: the same bytes
        let byName = dir.appendingPathComponent("by-name.ipynb").path
        #expect(try quire(["handout", lesson, "-o", byName]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: byName)) == Data(contentsOf: URL(fileURLWithPath: out)))
        // converted back, it is the Markdown handout byte for byte
        let back = dir.appendingPathComponent("back.md").path
        let converted = try quire(["convert", out, "--to", "md", "-o", back])
        #expect(converted.status == 0, "\(converted.stderr)")
        #expect(try String(contentsOfFile: back, encoding: .utf8) == (try String(contentsOf: repositoryRoot.appendingPathComponent(handout), encoding: .utf8)))
    }

    @Test func ipynbWithAMarkdownNameIsAUsageError() throws {
        let dir = try scratchFolder()
        let r = try quire(["handout", lesson, "--ipynb", "-o", dir.appendingPathComponent("student.md").path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--ipynb writes a Jupyter notebook: give it a name ending in .ipynb, such as -o \(dir.appendingPathComponent("student.ipynb").path)"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("student.md").path))
    }

    /// The handout as a student hands it back from JupyterLab: blanks filled in (the last line
    /// without its newline, as Jupyter keeps it), outputs of their own run stored.
    func submission(from handout: [String: Any], priceClass: Int) -> [String: Any] {
        let answers = [
            "# your code here\nblurred = ___\ngx, gy = ___\nedges = ___\n": "blurred = gaussian_blur(img, 5)\ngx, gy = sobel(blurred)\nedges = hypot(gx, gy)",
            "mask = ___": "mask = edges > 100", "n_edges = ___": "n_edges = mask.sum()",
            "expensive = ___": "expensive = df[df.price_range == \(priceClass)]", "mean_ram = ___": "mean_ram = expensive.ram.mean()",
        ]
        var document = handout
        var cells = handout["cells"] as? [[String: Any]] ?? []
        for i in cells.indices where tags(cells[i]).contains(where: { $0.hasPrefix("exercise:") }) {
            var source = (cells[i]["source"] as? [String] ?? []).joined()
            for (blank, answer) in answers { source = source.replacingOccurrences(of: blank, with: answer) }
            cells[i]["source"] = source
            cells[i]["outputs"] = [["output_type": "stream", "name": "stdout", "text": "something printed\n"]]
        }
        document["cells"] = cells
        return document
    }

    @Test func gradingIPynbSubmissionsMadeFromTheIPynbHandout() throws {
        // the lesson reads ../../data/...: the submissions sit two folders below a copy of it
        let dir = try scratchFolder()
        let folder = dir.appendingPathComponent("teaching/submissions")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("data/images"), withIntermediateDirectories: true)
        for file in ["images/camera.png", "mobile_price_train.csv"] {
            try FileManager.default.copyItem(
                at: repositoryRoot.appendingPathComponent("notebooks/data/" + file), to: dir.appendingPathComponent("data/" + file))
        }
        let student = folder.appendingPathComponent("student.ipynb").path
        #expect(try quire(["handout", lesson, "-o", student]).status == 0)
        let handout = try json(student)
        for (name, priceClass) in [("alice", 3), ("bob", 2)] {
            let data = try JSONSerialization.data(withJSONObject: submission(from: handout, priceClass: priceClass), options: [.sortedKeys])
            try data.write(to: folder.appendingPathComponent(name + ".ipynb"))
        }
        let report = dir.appendingPathComponent("grades.csv").path
        let feedback = dir.appendingPathComponent("feedback").path
        let submissions = ["alice", "bob", "student"].map { folder.appendingPathComponent($0 + ".ipynb").path }
        let r = try quire(
            ["grade"] + submissions + ["--key", lesson, "--allow", dir.appendingPathComponent("data").path, "--report", report, "--feedback", feedback])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("alice: 5 of 5\nbob: 3 of 5 (q3 failed)\nstudent: 0 of 5 (q1 not-done, q2 not-done, q3 not-done)\n"), "\(r.stdout)")
        #expect(
            try String(contentsOfFile: report, encoding: .utf8) == """
                student,q1,q2,q3,total,problems
                alice,2,1,2,5,
                bob,2,1,0,3,
                student,0,0,0,0,

                """)
        #expect(try FileManager.default.contentsOfDirectory(atPath: feedback).sorted() == ["alice.html", "bob.html", "student.html"])
    }
}

/// `quire check` compares figures by their pixels.
@Suite("figure checks from the command line")
struct FigureCheckCommandTests {
    @Test func aChangedColourMapFailsCheckAndNamesADiffImage() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-figcheck-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let notebook = dir.appendingPathComponent("colours.md")
        try "```quire\nimshow(array([[0, 1], [2, 3]]), cmap=\"BuPu\")\n```\n".write(to: notebook, atomically: true, encoding: .utf8)
        #expect(try quire(["run", "--update", "colours.md"], in: dir).status == 0)
        #expect(try quire(["check", "colours.md"], in: dir).status == 0)
        let text = try String(contentsOf: notebook, encoding: .utf8)
        try text.replacingOccurrences(of: "BuPu", with: "Blues").write(to: notebook, atomically: true, encoding: .utf8)
        let r = try quire(["check", "colours.md"], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("figure 1 (colours.out/cell-1-1.png): "))
        #expect(r.stdout.contains("of the pixels differ (tolerance 0%); see "))
        let named = r.stdout.components(separatedBy: "; see ").last?.components(separatedBy: "\n").first ?? ""
        #expect(named.hasSuffix("cell-1-1.diff.png"))
        #expect(FileManager.default.fileExists(atPath: named))
        let tolerant = try quire(["check", "--tolerance", "1", "colours.md"], in: dir)
        #expect(tolerant.status == 0)
        let bad = try quire(["check", "--tolerance", "2", "colours.md"], in: dir)
        #expect(bad.status == 2)
    }

    /// A PNG's text is drawn the same whatever the process drew before (an SVG figure with text
    /// used to change how later PNGs hinted their glyphs, so a figure saved from the REPL, drawn
    /// when it was shown, differed from the one `quire check` drew after an SVG).
    @Test func aPNGFigureIsTheSameAfterAnSVGFigure() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-figorder-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let image = "```quire\nimshow(zeros((4, 4)) + 1, cmap=\"viridis\")\n```\n"
        let scatter = "```quire\nscatter([1, 2, 3], [4, 1, 9], title=\"points\")\n```\n\n"
        try image.write(to: dir.appendingPathComponent("alone.md"), atomically: true, encoding: .utf8)
        try (scatter + image).write(to: dir.appendingPathComponent("after.md"), atomically: true, encoding: .utf8)
        #expect(try quire(["run", "--update", "alone.md"], in: dir).status == 0)
        #expect(try quire(["run", "--update", "after.md"], in: dir).status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("after.out/cell-1-1.svg").path))
        let alone = try Data(contentsOf: dir.appendingPathComponent("alone.out/cell-1-1.png"))
        let after = try Data(contentsOf: dir.appendingPathComponent("after.out/cell-2-1.png"))
        #expect(alone == after)
    }
}

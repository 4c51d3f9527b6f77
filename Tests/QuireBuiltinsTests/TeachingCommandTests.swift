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
        #expect(r.stderr.contains("error: cannot read link.csv: the sandbox allows only files inside the notebook's folder"))
        #expect(r.stderr.contains("an array of shape (100000, 100000)"))
        #expect(r.stderr.contains("error: an array of shape (10000, 10000) needs 800 MB, more than the sandbox's memory limit of 300 MB allows"))
        #expect(r.stdout.contains("still running"))
        #expect(!FileManager.default.fileExists(atPath: dir.deletingLastPathComponent().appendingPathComponent("x.csv").path))
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
}

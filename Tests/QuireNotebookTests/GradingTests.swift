import Foundation
import QuireLang
@testable import QuireNotebook
import Testing

/// Grading against `sampleLesson` (TeachingTests.swift), in this process.
@Suite struct GradingTests {
    /// A key with a short limit on q1, so a looping submission costs little time.
    static let key = sampleLesson.replacingOccurrences(of: "#| exercise: q1, points: 2\n", with: "#| exercise: q1, points: 2\n#| timeout: 300ms\n")

    func grade(
        _ submission: String, key keyText: String = GradingTests.key, timeout: Double = 5, keyFolder: ((String) -> Void)? = nil
    ) throws -> SubmissionGrade {
        let folder = try makeTemporaryFolder()
        defer { keyFolder?(folder) }
        let keyPath = folder + "/key.md"
        try keyText.write(toFile: keyPath, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder + "/subs", withIntermediateDirectories: true)
        try "a,b\n1,2\n".write(toFile: folder + "/subs/local.csv", atomically: true, encoding: .utf8)
        let path = folder + "/subs/student.md"
        try submission.write(toFile: path, atomically: true, encoding: .utf8)
        let key = try GradingKey(try NotebookFile.read(keyPath))
        return runOnLargeStack { Grader.grade(submission: path, key: key, timeout: timeout, makeInterpreter: makeTestInterpreter) }
    }

    var handout: String { Handout.text(of: try! NotebookParser.parse(GradingTests.key, path: "key.md")) }

    func filled(q1: String = "m = sum(xs) / len(xs)", q2: String = "ys = [x * 2 for x in xs]\ntotal = sum(ys)") -> String {
        handout.replacingOccurrences(of: "m = ___", with: q1)
            .replacingOccurrences(of: "# your code here\nys = ___\ntotal = ___", with: q2)
    }

    @Test func aCorrectSubmissionGetsEveryPoint() throws {
        let g = try grade(filled())
        #expect(g.student == "student")
        #expect(g.exercises.map(\.earned) == [2, 1])
        #expect(g.total == 3 && g.maximum == 3)
        #expect(g.problems.isEmpty)
        #expect(g.exercises[0].hiddenPassed == 1 && g.exercises[0].hiddenTotal == 1)
    }

    @Test func aHiddenTestFailureLosesThePointsWithItsMessageNotItsCode() throws {
        let g = try grade(filled(q2: "ys = xs\ntotal = sum(ys)"))
        #expect(g.exercises.map(\.earned) == [2, 0])
        #expect(g.exercises[1].status == "failed")
        #expect(g.exercises[1].reasons == ["1 of 1 hidden test failed: assertion failed: total should be 12"])
        #expect(g.exercises[1].tests == [TestOutcome(hidden: true, passed: false, message: "assertion failed: total should be 12")])
        let page = GradeReport.feedback(g, lessonTitle: "Lesson")
        #expect(page.contains("Hidden tests: 0 of 1 passed."))
        #expect(!page.contains("assert total == 12"))
        #expect(!page.contains("assert_close(m * 3"))
        #expect(page.contains("assert_close(m, 2.0)"))  // the public test, as in the handout
    }

    @Test func aLoopLosesOnlyItsExercise() throws {
        let g = try grade(filled(q1: "m = 0\nwhile true { m = m + 1 }"))
        #expect(g.exercises.map(\.status) == ["timeout", "passed"])
        #expect(g.exercises.map(\.earned) == [0, 1])
        #expect(g.exercises[0].reasons[0] == "the exercise cell ran longer than its time limit of 300ms; look for a loop that never ends")
    }

    @Test func anErrorAndABlankAreReasons() throws {
        let g = try grade(handout.replacingOccurrences(of: "m = ___", with: "m = mean_of(xs)"))
        #expect(g.exercises[0].status == "error")
        #expect(g.exercises[0].reasons[0].hasPrefix("the exercise cell failed: name \"mean_of\" is not defined"))
        #expect(g.exercises[1].status == "not-done")
        #expect(g.exercises[1].reasons == ["not done yet: the ___ blank is still in the exercise cell"])
        #expect(g.total == 0)
    }

    @Test func aPublicTestFailureSaysWhichAndTheHintIsShown() throws {
        let g = try grade(filled(q1: "m = 7"))
        #expect(g.exercises[0].reasons.first == "a public test failed: assertion failed: got 7.0, expected 2.0 (within 1e-06)")
        // A hidden test's helper says that it failed, not what it expected.
        #expect(g.exercises[0].reasons.last == "1 of 1 hidden test failed: assertion failed: assert_close found a difference")
        let page = GradeReport.feedback(g, lessonTitle: "Lesson")
        #expect(page.contains("Hint: the mean of 1, 2, 3 is 2"))
    }

    @Test func theStudentsOwnTestsAreReplacedByTheKeys() throws {
        // A student who weakens the public test (or adds a passing "hidden" test) gains nothing.
        let weakened = filled(q1: "m = 7").replacingOccurrences(of: "assert_close(m, 2.0)", with: "assert true")
        let g = try grade(weakened)
        #expect(g.exercises[0].earned == 0)
    }

    @Test func aSubmissionCannotRaiseItsOwnTimeLimits() throws {
        let looping = filled().replacingOccurrences(of: "## Exercise 2\n", with: "## Exercise 2\n\n```quire\n#| timeout: 1h\nwhile true { }\n```\n")
        let g = try grade(looping, timeout: 0.3)
        #expect(g.problems.first?.contains("ran longer than its time limit of 300ms") == true)
        #expect(g.exercises.map(\.earned) == [2, 1])
    }

    @Test func aMissingExerciseCellIsAProblem() throws {
        let g = try grade(filled().replacingOccurrences(of: "#| exercise: q2, points: 1\n", with: ""))
        #expect(g.exercises[1].status == "missing")
        #expect(g.exercises[0].earned == 2)
        #expect(g.problems == ["the exercise cell of q2 is missing (its \"#| exercise: q2\" line was removed or changed)"])
    }

    @Test func aFileThatIsNotANotebookIsReportedNotSkipped() throws {
        let g = try grade("```quire\nnever closed\n")
        #expect(g.total == 0)
        #expect(g.exercises.count == 2)
        #expect(g.problems.count == 1)
        #expect(g.problems[0].hasPrefix("the submission is not a notebook Quire can read: this \"quire\" block is never closed (line 1)"))
    }

    @Test func submissionsRunInTheSandbox() throws {
        let g = try grade(filled(q1: "m = sum(xs) / len(xs)\nwrite_csv(read_csv(\"/etc/passwd\", sep=\":\"), \"../key.md\")"))
        #expect(g.exercises[0].earned == 0)
        #expect(g.exercises[0].reasons[0].contains("cannot read /etc/passwd: the sandbox allows only files inside the notebook's folder"))
        var keyAfter = ""
        let g2 = try grade(filled(q1: "m = sum(xs) / len(xs)\nwrite_csv(read_csv(\"local.csv\"), \"../key.md\")")) { keyAfter = read($0 + "/key.md") }
        #expect(g2.exercises[0].reasons == ["the exercise cell failed: cannot write ../key.md: the sandbox keeps this file from the notebook"])
        #expect(keyAfter == GradingTests.key)
    }

    @Test func theKeyIsKeptFromASubmissionEvenInItsFolder() throws {
        // A teacher who keeps the key beside the submissions: it still cannot be read or written.
        let folder = try makeTemporaryFolder()
        try GradingTests.key.write(toFile: folder + "/key.md", atomically: true, encoding: .utf8)
        let path = folder + "/student.md"
        try filled(q1: "m = sum(xs) / len(xs)\nread_csv(\"key.md\")").write(toFile: path, atomically: true, encoding: .utf8)
        let key = try GradingKey(try NotebookFile.read(folder + "/key.md"))
        let g = runOnLargeStack { Grader.grade(submission: path, key: key, timeout: 5, makeInterpreter: makeTestInterpreter) }
        #expect(g.exercises[0].reasons == ["the exercise cell failed: cannot read key.md: the sandbox keeps this file from the notebook"])
        #expect(g.exercises[1].earned == 1)
    }

    @Test func aFailingSetUpCellIsAProblem() throws {
        let g = try grade(filled().replacingOccurrences(of: "xs = [1.0, 2.0, 3.0]", with: "xs = read_csv(\"../../data.csv\")"))
        #expect(g.problems.first?.hasPrefix("a cell that is not an exercise failed (line 4): cannot read ../../data.csv") == true)
    }

    @Test func theReportHasARowPerStudentAndAColumnPerExercise() throws {
        let key = try GradingKey(try NotebookParser.parse(GradingTests.key, path: "key.md"))
        let a = SubmissionGrade(
            student: "ada", path: "ada.md",
            exercises: [
                ExerciseGrade(id: "q1", points: 2, earned: 2, status: "passed", reasons: [], tests: []),
                ExerciseGrade(id: "q2", points: 1, earned: 0, status: "failed", reasons: [], tests: []),
            ], problems: [])
        let b = SubmissionGrade(
            student: "bo, jr", path: "b.md",
            exercises: [ExerciseGrade(id: "q1", points: 2, earned: 1.5, status: "failed", reasons: [], tests: [])],
            problems: ["the exercise cell of q2 is missing (its \"#| exercise: q2\" line was removed or changed)"])
        #expect(
            GradeReport.csv([a, b], key: key) == """
                student,q1,q2,total,problems
                ada,2,0,2,
                "bo, jr",1.5,0,1.5,"the exercise cell of q2 is missing (its ""#| exercise: q2"" line was removed or changed)"

                """)
        #expect(key.maximum == 3)
    }

    @Test func studentsWhoseFilesShareANameAreToldApartByFolder() {
        func g(_ path: String) -> SubmissionGrade {
            SubmissionGrade(student: SubmissionGrade.student(of: path), path: path, exercises: [], problems: [])
        }
        let names = GradeReport.uniqueNames([g("subs/ada/lesson.md"), g("subs/bo/lesson.md"), g("subs/cy.md"), g("x/ada/lesson.md")])
        #expect(names.map(\.student) == ["ada-lesson", "bo-lesson", "cy", "ada-lesson-2"])
    }

    @Test func aKeyWithoutExercisesIsRefused() {
        #expect(throws: NotebookError.self) { try GradingKey(try NotebookParser.parse("```quire\nx = 1\n```\n", path: "k.md")) }
    }
}

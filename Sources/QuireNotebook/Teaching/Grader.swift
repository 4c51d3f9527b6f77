import Foundation
import QuireLang
import QuireSupport

/// A lesson read as a grading key: its exercises, their points and their tests.
public struct GradingKey: Sendable {
    public struct Exercise: Sendable {
        public let id: String
        public let points: Double
        /// The key's exercise cell: its options (a time limit, say) apply to the student's cell.
        public let cell: Cell
        /// The public and hidden tests, in the key's order.
        public let tests: [Cell]
    }

    public let path: String
    public let exercises: [Exercise]

    public init(_ notebook: Notebook) throws(NotebookError) {
        var exercises: [Exercise] = []
        for cell in notebook.cells {
            if let id = cell.options.exercise {
                exercises.append(Exercise(id: id, points: cell.options.points ?? 1, cell: cell, tests: []))
            } else if let id = cell.options.testedExercise, let i = exercises.firstIndex(where: { $0.id == id }) {
                let e = exercises[i]
                exercises[i] = Exercise(id: e.id, points: e.points, cell: e.cell, tests: e.tests + [cell])
            }
        }
        guard !exercises.isEmpty else {
            throw NotebookError(
                "the key \(notebook.path) has no exercise cell", path: notebook.path,
                hint: "mark the cells students complete with \"#| exercise: q1, points: 2\"")
        }
        self.path = notebook.path
        self.exercises = exercises
    }

    public var maximum: Double { exercises.reduce(0) { $0 + $1.points } }
}

/// How one test of an exercise went. A hidden test's code is never kept here.
public struct TestOutcome: Codable, Sendable, Equatable {
    public var hidden: Bool
    public var passed: Bool
    /// The error's one line (assertion message, error, time limit) when it failed.
    public var message: String?
    /// The key's `#| hint:` (public tests only).
    public var hint: String?
    /// The test's code (public tests only: students have it in their handout).
    public var code: String?
}

/// One exercise of one submission.
public struct ExerciseGrade: Codable, Sendable, Equatable {
    public var id: String
    public var points: Double
    public var earned: Double
    /// `passed`, `failed`, `error`, `timeout`, `not-done` or `missing`.
    public var status: String
    /// Why points were lost, one sentence each.
    public var reasons: [String]
    public var tests: [TestOutcome]

    public init(id: String, points: Double, earned: Double, status: String, reasons: [String], tests: [TestOutcome]) {
        self.id = id
        self.points = points
        self.earned = earned
        self.status = status
        self.reasons = reasons
        self.tests = tests
    }

    public var hiddenPassed: Int { tests.filter { $0.hidden && $0.passed }.count }
    public var hiddenTotal: Int { tests.filter(\.hidden).count }
}

/// The grade of one submission.
public struct SubmissionGrade: Codable, Sendable, Equatable {
    /// The student's name: the submission's file name without `.md` (or `.ipynb`).
    public var student: String
    public var path: String
    public var exercises: [ExerciseGrade]
    /// Problems with the submission itself (not a notebook, a missing exercise cell).
    public var problems: [String]

    public init(student: String, path: String, exercises: [ExerciseGrade], problems: [String]) {
        self.student = student
        self.path = path
        self.exercises = exercises
        self.problems = problems
    }

    public var total: Double { exercises.reduce(0) { $0 + $1.earned } }
    public var maximum: Double { exercises.reduce(0) { $0 + $1.points } }

    public static func student(of path: String) -> String {
        let file = URL(fileURLWithPath: path).lastPathComponent
        for ext in [".md", ".ipynb"] where file.lowercased().hasSuffix(ext) { return String(file.dropLast(ext.count)) }
        return file
    }
}

/// Grades submissions against a key: the student's cells run with the key's tests (public and
/// hidden) injected after each exercise, in a sandbox, every exercise graded.
public enum Grader {
    /// The time a cell may run in grading unless the key's cell sets its own.
    public static let defaultTimeout = 10.0

    /// The notebook that is run: the submission's cells, its own test cells left out, each
    /// exercise cell taking the key's options, followed by the key's tests of that exercise.
    /// Also gives the problems found (exercise cells missing or unknown).
    static func merge(_ submission: Notebook, key: GradingKey) -> (Notebook, [String]) {
        var pieces: [Notebook.Piece] = []
        var problems: [String] = []
        var number = 0
        func add(_ cell: Cell, options: CellOptions) {
            number += 1
            pieces.append(.cell(Cell(number: number, raw: cell.raw, code: cell.code, firstCodeLine: cell.firstCodeLine, options: options)))
        }
        var seen: Set<String> = []
        for cell in submission.cells {
            if cell.options.testedExercise != nil { continue }
            if let id = cell.options.exercise {
                guard let exercise = key.exercises.first(where: { $0.id == id }) else {
                    problems.append("exercise \(id) (cell \(cell.number)) is not in the key; it was run but not graded")
                    add(cell, options: cell.options)
                    continue
                }
                if seen.contains(id) { continue }
                seen.insert(id)
                add(cell, options: exercise.cell.options)
                for test in exercise.tests { add(test, options: test.options) }
            } else {
                // The student's own time limits do not apply: the grading default does.
                var options = cell.options
                options.timeout = nil
                add(cell, options: options)
            }
        }
        for exercise in key.exercises where !seen.contains(exercise.id) {
            problems.append(
                "the exercise cell of \(exercise.id) is missing (its \"#| exercise: \(exercise.id)\" line was removed or changed)")
        }
        return (Notebook(path: submission.path, pieces: pieces), problems)
    }

    /// Grades one submission in a fresh interpreter from `makeInterpreter`, sandboxed.
    public static func grade(
        submission path: String, key: GradingKey, sandbox: Sandbox = Sandbox(), timeout: Double = defaultTimeout,
        makeInterpreter: InterpreterFactory
    ) -> SubmissionGrade {
        let student = SubmissionGrade.student(of: path)
        func failed(_ problem: String, status: String) -> SubmissionGrade {
            SubmissionGrade(
                student: student, path: path,
                exercises: key.exercises.map {
                    ExerciseGrade(id: $0.id, points: $0.points, earned: 0, status: status, reasons: [problem], tests: [])
                }, problems: [problem])
        }
        let submission: Notebook
        do {
            submission = try NotebookFile.read(path)
        } catch {
            return failed("the submission is not a notebook Quire can read: \(error.message)" + (error.line.map { " (line \($0))" } ?? ""), status: "missing")
        }
        let (merged, problems) = merge(submission, key: key)
        let interpreter: Interpreter
        do {
            interpreter = try makeInterpreter()
        } catch {
            return failed("the interpreter could not start: \(error)", status: "error")
        }
        var options = NotebookRunner.Options(keepGoing: true, defaultTimeout: timeout, writeFigures: false)
        options.hideHiddenTestValues = true
        let runner = NotebookRunner(notebook: merged, interpreter: interpreter, options: options)
        var sandbox = sandbox
        sandbox.denied.append(key.path)  // the key holds the hidden tests and the solutions
        let results = sandbox.confine(directory: runner.directory) { runner.run() }
        var grade = SubmissionGrade(student: student, path: path, exercises: [], problems: problems)
        // A failed cell that is neither an exercise nor a test (the set-up, say) explains the
        // failures after it.
        for result in results where result.cell.options.exercise == nil && result.cell.options.testedExercise == nil {
            guard result.status == .error || result.status == .timeout else { continue }
            let line = result.errorLocation?.line ?? result.cell.firstCodeLine
            grade.problems.append("a cell that is not an exercise failed (line \(line)): \(result.errorMessage ?? "an error")")
        }
        for exercise in key.exercises {
            grade.exercises.append(score(exercise, results: results, timeout: timeout))
        }
        return grade
    }

    /// The points of one exercise: all of them when its cell ran and every test passed.
    static func score(_ exercise: GradingKey.Exercise, results: [CellResult], timeout: Double) -> ExerciseGrade {
        var grade = ExerciseGrade(id: exercise.id, points: exercise.points, earned: 0, status: "passed", reasons: [], tests: [])
        guard let index = results.firstIndex(where: { $0.cell.options.exercise == exercise.id }) else {
            grade.status = "missing"
            grade.reasons = ["the exercise cell is missing from the submission"]
            return grade
        }
        let cell = results[index]
        switch cell.status {
        case .ok, .expectedError: break
        case .notDone:
            grade.status = "not-done"
            grade.reasons.append("not done yet: the ___ blank is still in the exercise cell")
        case .timeout:
            grade.status = "timeout"
            grade.reasons.append(
                "the exercise cell ran longer than its time limit of \(formatDuration(exercise.cell.options.timeout ?? timeout)); look for a loop that never ends")
        case .error, .skipped:
            grade.status = "error"
            grade.reasons.append("the exercise cell failed: \(cell.errorMessage ?? "an error")")
        }
        var hiddenFailed = 0
        for result in results[(index + 1)...] {
            guard result.cell.options.testedExercise == exercise.id else { break }
            let hidden = result.cell.options.hiddenTest != nil
            let passed = result.status == .ok
            var outcome = TestOutcome(hidden: hidden, passed: passed)
            if !passed {
                outcome.message =
                    switch result.status {
                    case .notDone: "not run: the exercise is not done yet"
                    case .timeout: "the test ran longer than its time limit"
                    default: result.errorMessage ?? "the test failed"
                    }
            }
            if !hidden {
                outcome.hint = result.cell.options.hint
                outcome.code = codeWithoutOptions(result.cell.code)
            }
            grade.tests.append(outcome)
            guard !passed, grade.status == "passed" || grade.status == "failed" else { continue }
            grade.status = "failed"
            if hidden {
                hiddenFailed += 1
            } else {
                grade.reasons.append("a public test failed: \(outcome.message ?? "")")
            }
        }
        if hiddenFailed > 0 {
            let total = grade.hiddenTotal
            grade.reasons.append(
                "\(hiddenFailed) of \(total) hidden test\(total == 1 ? "" : "s") failed: "
                    + grade.tests.filter { $0.hidden && !$0.passed }.compactMap(\.message).joined(separator: "; "))
        }
        if grade.status == "passed" { grade.earned = exercise.points }
        return grade
    }

    static func codeWithoutOptions(_ code: String) -> String {
        code.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#|") }
            .joined(separator: "\n")
    }
}

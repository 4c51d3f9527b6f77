import ArgumentParser
import Foundation
import QuireLang
import QuireNotebook
import QuireSupport
import Synchronization

/// `quire handout LESSON.md -o STUDENT.md`: the student version of a lesson.
struct HandoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handout",
        abstract: "Write the student version of a lesson: solutions stubbed, hidden tests removed.",
        discussion: """
            Exercise outputs are cleared; everything else is kept byte for byte. A handout named \
            FILE.ipynb (or --ipynb) is a Jupyter notebook whose exercise and test cells are tagged.
            """)

    @Argument(help: "The lesson (.md) with solutions and hidden tests.")
    var lesson: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The handout to write (.md, or .ipynb for Jupyter).", valueName: "FILE"))
    var output: String

    @Flag(help: "Write the handout as a Jupyter notebook (-o FILE.ipynb).")
    var ipynb = false

    func validate() throws {
        if ipynb, !output.lowercased().hasSuffix(".ipynb") {
            let stem = output.lowercased().hasSuffix(".md") ? String(output.dropLast(3)) : output
            throw ValidationError("--ipynb writes a Jupyter notebook: give it a name ending in .ipynb, such as -o \(stem).ipynb")
        }
    }

    mutating func run() throws {
        throw ExitCode(NotebookCommand.handout(path: lesson, output: output, console: StandardConsole()))
    }
}

/// The teaching subcommands, added to `quire`'s list in one place.
let teachingCommands: [any ParsableCommand.Type] = [HandoutCommand.self, GradeCommand.self]

/// `--sandbox`, `--allow PATH` and `--memory SIZE` of `quire run`.
struct SandboxFlags: ParsableArguments {
    @Flag(help: "Notebooks: confine files to the notebook's folder (plus --allow) and memory to --memory.")
    var sandbox = false

    @Option(help: ArgumentHelp("With --sandbox: a folder or file the notebook may also read and write (repeatable).", valueName: "PATH"))
    var allow: [String] = []

    @Option(help: ArgumentHelp("With --sandbox: the memory the notebook may use (2G by default; 512M, 1.5G).", valueName: "SIZE"))
    var memory: String?

    var anyGiven: Bool { sandbox || !allow.isEmpty || memory != nil }

    /// The sandbox asked for, nil without `--sandbox`; a usage error for a malformed size or
    /// `--allow`/`--memory` without `--sandbox`.
    func settings() throws -> Sandbox? {
        guard sandbox else {
            if !allow.isEmpty || memory != nil { throw ValidationError("--allow and --memory apply with --sandbox") }
            return nil
        }
        return Sandbox(allowed: allow.map(absolutePath), memory: try parsedMemory(memory))
    }
}

/// `--memory` in bytes; a usage error (exit 2) when malformed.
func parsedMemory(_ text: String?) throws -> Int {
    guard let text else { return Sandbox.defaultMemory }
    guard let bytes = Memory.parseSize(text) else {
        throw ValidationError("--memory expects a size such as 2G, 512M or 1.5G, got \"\(text)\"")
    }
    return bytes
}

/// A path given on the command line, absolute (relative to the current folder).
func absolutePath(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
}

/// `quire grade SUBMISSION... --key LESSON.md --report grades.csv [--feedback DIR]`.
struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade students' notebooks against a lesson's tests, hidden ones included.",
        discussion: """
            Each submission runs in a fresh process, in the sandbox, with the key's tests injected \
            after the matching exercise; every exercise is graded. Submissions are graded in parallel.
            """)

    @Argument(help: "The submitted notebooks (.md or .ipynb).")
    var submissions: [String]

    @Option(help: ArgumentHelp("The lesson with solutions and hidden tests.", valueName: "LESSON"))
    var key: String

    @Option(help: ArgumentHelp("The CSV to write: one row per student, one column per exercise, and the total.", valueName: "FILE"))
    var report: String?

    @Option(help: ArgumentHelp("A folder for one feedback page (HTML) per student.", valueName: "DIR"))
    var feedback: String?

    @Option(help: ArgumentHelp("The time a cell may run unless the key's cell sets its own (10s by default).", valueName: "DURATION"))
    var timeout: String?

    @Option(help: ArgumentHelp("A folder or file submissions may also read and write (repeatable).", valueName: "PATH"))
    var allow: [String] = []

    @Option(help: ArgumentHelp("The memory each submission may use (2G by default).", valueName: "SIZE"))
    var memory: String?

    @Option(help: ArgumentHelp("How many submissions to grade at once (all cores by default).", valueName: "N"))
    var jobs: Int?

    /// Grade the one submission given and print its grade as JSON (what each worker process does).
    @Flag(help: .hidden)
    var worker = false

    mutating func run() throws {
        let seconds = try parsedTimeout(timeout) ?? Grader.defaultTimeout
        let sandbox = Sandbox(allowed: allow.map(absolutePath), memory: try parsedMemory(memory))
        if worker {
            guard submissions.count == 1 else { throw ValidationError("--worker grades one submission") }
            throw ExitCode(gradeInThisProcess(submissions[0], timeout: seconds, sandbox: sandbox))
        }
        guard let report else { throw ValidationError("give the report to write with --report grades.csv") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs expects a number of at least 1") }
        let arguments = workerArguments(timeout: seconds, sandbox: sandbox)
        let submissions = self.submissions
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        throw ExitCode(
            NotebookCommand.grade(
                submissions: submissions, keyPath: key, reportPath: report, feedbackFolder: feedback, console: StandardConsole()
            ) { key in
                GradingWorkers.grade(submissions, key: key, arguments: arguments, timeout: seconds, jobs: jobs)
            })
    }

    func workerArguments(timeout: Double, sandbox: Sandbox) -> [String] {
        var arguments = ["grade", "--worker", "--key", key, "--timeout", "\(timeout)s", "--memory", "\(sandbox.memory)"]
        for path in sandbox.allowed { arguments += ["--allow", path] }
        return arguments
    }

    func gradeInThisProcess(_ path: String, timeout: Double, sandbox: Sandbox) -> Int32 {
        let keyPath = key
        return runOnLargeStack {
            do {
                let key = try GradingKey(try NotebookFile.read(keyPath))
                let grade = Grader.grade(
                    submission: path, key: key, sandbox: sandbox, timeout: timeout, makeInterpreter: makeNotebookInterpreter)
                let data = try JSONEncoder().encode(grade)
                FileHandle.standardOutput.write(data)
                return 0
            } catch let error as NotebookError {
                FileHandle.standardError.write(Data(error.render().utf8))
                return 1
            } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                return 1
            }
        }
    }
}

/// Grades submissions in worker processes (`quire grade --worker`), several at once: a student's
/// notebook that crashes, hangs or eats memory takes only its own process down.
enum GradingWorkers {
    static func grade(_ submissions: [String], key: GradingKey, arguments: [String], timeout: Double, jobs: Int) -> [SubmissionGrade] {
        let results = Mutex<[Int: SubmissionGrade]>([:])
        let slots = DispatchSemaphore(value: jobs)
        let group = DispatchGroup()
        for (index, path) in submissions.enumerated() {
            slots.wait()
            group.enter()
            Thread.detachNewThread {
                let grade = gradeOne(path, key: key, arguments: arguments, timeout: timeout)
                results.withLock { $0[index] = grade }
                slots.signal()
                group.leave()
            }
        }
        group.wait()
        return results.withLock { all in submissions.indices.map { all[$0]! } }
    }

    /// This program's own executable, to start workers with.
    static let executable: URL = {
        let link = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        if FileManager.default.isExecutableFile(atPath: link.path), link.path != "/proc/self/exe" { return link }
        return Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    }()

    static func gradeOne(_ path: String, key: GradingKey, arguments: [String], timeout: Double) -> SubmissionGrade {
        func failed(_ problem: String) -> SubmissionGrade {
            SubmissionGrade(
                student: SubmissionGrade.student(of: path), path: path,
                exercises: key.exercises.map {
                    ExerciseGrade(id: $0.id, points: $0.points, earned: 0, status: "error", reasons: [problem], tests: [])
                }, problems: [problem])
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments + ["--", path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return failed("the grading process could not start: \(error.localizedDescription)")
        }
        // A watchdog beyond the cells' own limits: a worker stuck where no limit reaches is ended.
        let budget = timeout * 60 + 60
        let watchdog = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + budget, execute: watchdog)
        let errorText = Mutex<Data>(Data())
        let drain = Thread { errorText.withLock { $0 = errors.fileHandleForReading.readDataToEndOfFile() } }
        drain.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        if process.terminationReason == .uncaughtSignal {
            return failed("grading stopped: the process running this submission ended with signal \(process.terminationStatus)")
        }
        guard process.terminationStatus == 0, let grade = try? JSONDecoder().decode(SubmissionGrade.self, from: data) else {
            Thread.sleep(forTimeInterval: 0.05)
            let message = errorText.withLock { String(decoding: $0, as: UTF8.self) }
                .split(separator: "\n").first.map(String.init) ?? "exit status \(process.terminationStatus)"
            return failed("grading failed: \(message)")
        }
        return grade
    }
}

import ArgumentParser
import Foundation
import QuireNotebook
import QuireSupport

/// `quire handout LESSON.md -o STUDENT.md`: the student version of a lesson.
struct HandoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handout",
        abstract: "Write the student version of a lesson: solutions stubbed, hidden tests removed.",
        discussion: "Exercise outputs are cleared; everything else is kept byte for byte.")

    @Argument(help: "The lesson (.md) with solutions and hidden tests.")
    var lesson: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The handout to write.", valueName: "FILE"))
    var output: String

    mutating func run() throws {
        throw ExitCode(NotebookCommand.handout(path: lesson, output: output, console: StandardConsole()))
    }
}

/// The teaching subcommands, added to `quire`'s list in one place.
let teachingCommands: [any ParsableCommand.Type] = [HandoutCommand.self]

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

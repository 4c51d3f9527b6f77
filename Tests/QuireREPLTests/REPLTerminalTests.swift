import Foundation
import QuireBuiltins
import Testing

/// The real `quire` binary in a pseudo-terminal: libedit, history, completion and Ctrl-C.
///
/// Needs the binary: `swift build --build-tests` builds it with the tests (or
/// `swift build --product quire`).
@Suite(.serialized) struct REPLTerminalTests {
    let home: URL
    let binary: String

    init() throws {
        // QUIRE_TEST_BINARY: another build of quire, e.g. the ASan one run by scripts/sanitize.sh.
        binary = ProcessInfo.processInfo.environment["QUIRE_TEST_BINARY"]
            ?? repositoryRoot().appendingPathComponent(".build/debug/quire").path
        home = FileManager.default.temporaryDirectory.appendingPathComponent("quire-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    func start() throws -> TerminalSession {
        try #require(
            FileManager.default.isExecutableFile(atPath: binary),
            "no quire binary at \(binary): run `swift build --product quire` first")
        let session = try TerminalSession(
            binary: binary,
            environment: ["HOME": home.path, "TERM": "xterm", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"]
                .merging(ProcessInfo.processInfo.environment.filter { $0.key == "ASAN_OPTIONS" }) { a, _ in a })
        try #require(session.expect("quire> "), "no prompt: \(session.transcript)")
        return session
    }

    /// Types a line and waits for what it should print.
    func check(_ session: TerminalSession, type text: String, expect answer: String, _ note: Comment? = nil) {
        session.send(text)
        #expect(session.expect(answer), "\(note?.description ?? text): after \(session.recent.debugDescription)")
    }

    /// Ctrl-C at the prompt must give a fresh prompt, wherever it lands: the handler wakes the
    /// line editor's read through a pipe, so one press is always seen (pressing again, as this
    /// test once did, hid a race when the signal landed between two reads).
    func interruptAtPrompt(_ session: TerminalSession, _ note: Comment) {
        session.send("\u{3}")
        #expect(session.expect("quire> "), "\(note.description): after \(session.recent.debugDescription)")
    }

    /// Starts `code`, lets it run for `seconds`, presses Ctrl-C and expects "interrupted" and the
    /// prompt again.
    func interruptWhileRunning(_ session: TerminalSession, _ code: String, after seconds: Double, _ note: Comment) {
        session.send(code + "\r")
        Thread.sleep(forTimeInterval: seconds)
        check(session, type: "\u{3}", expect: "interrupted", note)
        check(session, type: "", expect: "quire> ")
    }

    @Test func aSessionAtTheKeyboard() throws {
        defer { try? FileManager.default.removeItem(at: home) }
        let session = try start()

        // A function typed over three lines, then called.
        check(session, type: "fn add(a, b) {\r", expect: "   ... ")
        check(session, type: "a + b\r", expect: "   ... ")
        check(session, type: "}\r", expect: "quire> ")
        check(session, type: "add(2, 3)\r", expect: "5\r\n")

        // Tab completes the builtin name "sorted"; the result shows that the call ran.
        check(session, type: "sor\t", expect: "ted")
        check(session, type: "([3, 1, 2])\r", expect: "[1, 2, 3]\r\n")

        // Ctrl-C stops a loop that never ends; the variables survive.
        check(session, type: "x = 41\r", expect: "quire> ")
        interruptWhileRunning(session, "while true {}", after: 0.5, "Ctrl-C while running")
        check(session, type: "x + 1\r", expect: "42\r\n")

        // Ctrl-C at the prompt drops the line typed so far, also in a continuation.
        check(session, type: "junk", expect: "junk")
        interruptAtPrompt(session, "Ctrl-C at the prompt")
        check(session, type: "[1,\r", expect: "   ... ")
        interruptAtPrompt(session, "Ctrl-C in a continuation")
        check(session, type: "x\r", expect: "41\r\n")
        #expect(!session.transcript.contains("junkx"))

        // Non-ASCII input reaches the interpreter; tutorial prompts are stripped.
        check(session, type: "s = \"é\"\r", expect: "quire> ")
        check(session, type: "len(s)\r", expect: "1\r\n")
        check(session, type: ">>> 6 * 7\r", expect: "42\r\n")

        // Commands.
        check(session, type: ":vars\r", expect: "fn add(a, b)")
        #expect(session.expect("int"))
        let signature = try #require(Builtins.registry.functions["len"]).signature
        check(session, type: ":help len\r", expect: signature)
        check(session, type: ":quit\r", expect: "")
        #expect(session.waitForExit() == 0)

        let history = try String(contentsOf: home.appendingPathComponent(".quire_history"), encoding: .utf8)
        #expect(history.contains("sorted([3,"))
        #expect(history.contains(":help"))
    }

    @Test func aSessionSavedWithSaveChecks() throws {
        defer { try? FileManager.default.removeItem(at: home) }
        let session = try start()
        check(session, type: "xs = [1, 2, 3]\r", expect: "quire> ")
        check(session, type: "bar([\"a\", \"b\"], [1, 2])\r", expect: "[figure")
        interruptWhileRunning(session, "while true {}", after: 0.5, "Ctrl-C before :save")
        check(session, type: "len(xs)\r", expect: "3\r\n")
        let path = home.appendingPathComponent("session.md").path
        check(session, type: ":save \(path)\r", expect: "saved 4 inputs")
        check(session, type: ":quit\r", expect: "")
        #expect(session.waitForExit() == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("```quire\n#| skip: stopped with Ctrl-C in the REPL\nwhile true {}\n```\n"))
        #expect(text.contains("```quire\nbar([\"a\", \"b\"], [1, 2])\n```\n\n![cell 2](session.out/cell-2-1.svg)\n"))
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("session.out/cell-2-1.svg").path))
        let checker = Process()
        checker.executableURL = URL(fileURLWithPath: binary)
        checker.arguments = ["check", path]
        checker.standardOutput = FileHandle.nullDevice
        checker.standardError = FileHandle.nullDevice
        try checker.run()
        checker.waitUntilExit()
        #expect(checker.terminationStatus == 0, "quire check \(path) failed:\n\(text)")
    }

    @Test func ctrlCStopsALongBuiltinAndKeepsTheSession() throws {
        defer { try? FileManager.default.removeItem(at: home) }
        let session = try start()
        check(session, type: "x = 41\r", expect: "quire> ")
        // A blur that would run for minutes: the filter polls the stop flag between rows.
        interruptWhileRunning(
            session, "y = gaussian_blur(full((4000, 4000), 7, dtype=\"uint8\"), 63)", after: 1, "Ctrl-C during gaussian_blur")
        check(session, type: "x + 1\r", expect: "42\r\n")
        // The interrupted assignment left nothing behind.
        check(session, type: "y\r", expect: "not defined")
        // Interpreted work over a huge range stops too.
        interruptWhileRunning(session, "for i in range(10 ** 18) { x = i }", after: 0.5, "Ctrl-C during a loop over a range")
        check(session, type: "x > 41\r", expect: "true\r\n")
        check(session, type: ":quit\r", expect: "")
        #expect(session.waitForExit() == 0)
    }

    @Test func quireStepSurvivesCtrlC() throws {
        defer { try? FileManager.default.removeItem(at: home) }
        let notebook = home.appendingPathComponent("talk.md")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try "# Talk\n\n```quire\nx = 41\n```\n\n```quire\ny = gaussian_blur(full((4000, 4000), 7, dtype=\"uint8\"), 63)\n```\n\n```quire\nprint(x + 1)\n```\n"
            .write(to: notebook, atomically: true, encoding: .utf8)
        let session = try TerminalSession(
            binary: binary, arguments: ["step", notebook.path],
            environment: ["HOME": home.path, "TERM": "xterm", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "EDITOR": "true"])
        try #require(session.expect("Enter: run"), "no prompt: \(session.transcript)")
        session.send("\r")
        #expect(session.expect("Enter: next cell"))
        session.send("\r")
        #expect(session.expect("Enter: run"))
        session.send("\r")
        Thread.sleep(forTimeInterval: 1)
        session.send("\u{3}")
        #expect(session.expect("interrupted"), "Ctrl-C during a cell: \(session.recent.debugDescription)")
        #expect(session.expect("Enter: next cell"))
        session.send("\r")
        #expect(session.expect("Enter: run"))
        session.send("\r")
        #expect(session.expect("42"), "the session kept its variables: \(session.recent.debugDescription)")
        session.send("\r")
        #expect(session.waitForExit() == 1, "a cell failed, so the walk ends with status 1")
    }

    @Test func ctrlCStopsAProgramInsideABuiltin() throws {
        defer { try? FileManager.default.removeItem(at: home) }
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let script = home.appendingPathComponent("long.qr")
        try "print(\"started\")\ny = gaussian_blur(full((4000, 4000), 7, dtype=\"uint8\"), 63)\nprint(\"never\")\n"
            .write(to: script, atomically: true, encoding: .utf8)
        let session = try TerminalSession(
            binary: binary, arguments: ["run", script.path],
            environment: ["HOME": home.path, "TERM": "xterm", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"])
        try #require(session.expect("started"), "no output: \(session.transcript)")
        Thread.sleep(forTimeInterval: 0.5)
        session.send("\u{3}")
        #expect(session.expect("error: interrupted"), "Ctrl-C during a program: \(session.recent.debugDescription)")
        #expect(session.waitForExit() == 1)
        #expect(!session.transcript.contains("never"))
    }

    @Test func historyFromAnEarlierSessionAndCtrlD() throws {
        defer { try? FileManager.default.removeItem(at: home) }
        let first = try start()
        check(first, type: "product = 6 * 7\r", expect: "quire> ")
        check(first, type: "\u{4}", expect: "")
        #expect(first.waitForExit() == 0, "Ctrl-D on an empty line leaves")

        // Ctrl-R finds the line typed in the first session; Enter runs it again.
        let second = try start()
        check(second, type: "\u{12}", expect: "")
        check(second, type: "product =", expect: "6 * 7")
        check(second, type: "\r", expect: "quire> ")
        check(second, type: "product\r", expect: "42\r\n")
        second.send("\u{4}")
        #expect(second.waitForExit() == 0)
    }

    @Test func tabListsCandidatesWhenAmbiguous() throws {
        defer { try? FileManager.default.removeItem(at: home) }
        let session = try start()
        check(session, type: "alpha_one = 1\r", expect: "quire> ")
        check(session, type: "alpha_two = 2\r", expect: "quire> ")
        // The shared part is inserted first, then the choices are listed.
        check(session, type: "alp\t", expect: "ha_")
        check(session, type: "\t", expect: "alpha_one")
        #expect(session.expect("alpha_two"))
        check(session, type: "t\t\r", expect: "2\r\n")
        session.send(":quit\r")
        #expect(session.waitForExit() == 0)
    }
}

import Foundation
import Testing

@Suite("the quire command", .serialized)
struct CommandLineTests {
    @Test func evaluatesAnExpression() throws {
        let r = try quire(["-e", "fn f(n) { if n < 2 { n } else { f(n - 1) + f(n - 2) } }; f(20)"])
        #expect(r.stdout == "6765\n")
        #expect(r.status == 0)
    }

    @Test func runsAScript() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "import \"lib.qr\"\nprint(twice(21))\n".write(to: dir.appendingPathComponent("main.qr"), atomically: true, encoding: .utf8)
        try "fn twice(x) { x * 2 }\n".write(to: dir.appendingPathComponent("lib.qr"), atomically: true, encoding: .utf8)
        // Imports are found next to the script, whatever the current folder.
        let r = try quire(["run", dir.appendingPathComponent("main.qr").path])
        #expect(r.stdout == "42\n")
        #expect(r.status == 0)
    }

    @Test func programErrorExitsWithOne() throws {
        let r = try quire(["-e", "1 / 0"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: division by zero"))
        #expect(r.stderr.contains("<command line>:1:1"))
        #expect(!r.stderr.contains("Swift"))
        #expect(!r.stderr.contains("Fatal"))
    }

    @Test func parseErrorExitsWithOne() throws {
        let r = try quire(["-e", "x = (1 +"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("error: "))
    }

    @Test func usageErrorExitsWithTwo() throws {
        let r = try quire(["--no-such-flag"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--no-such-flag"))
    }

    @Test func missingScriptIsAClearError() throws {
        let r = try quire(["run", "no/such/file.qr"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no such file: no/such/file.qr"))
    }

    /// `quire run FILE.qr` and `quire run NB.md [--html]` skip the argument parser at start-up
    /// (`QuickStart`); what they print and their exit status must be what the parser's path gives.
    @Test func theQuickStartAgreesWithTheParser() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-quick-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ name: String, _ text: String) throws -> String {
            let url = dir.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        let fine = try file("fine.qr", "print(1 + 1)\n")
        let failing = try file("failing.qr", "x = 1\nprint(x + \"a\")\n")
        let syntax = try file("syntax.qr", "x = (1 +\n")
        let latin1 = dir.appendingPathComponent("latin1.qr")
        try Data([0x70, 0x72, 0x69, 0x6E, 0x74, 0x28, 0xE9, 0x29, 0x0A]).write(to: latin1)
        let folder = dir.appendingPathComponent("folder.qr")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let missing = dir.appendingPathComponent("missing.qr").path
        for script in [fine, failing, syntax, latin1.path, folder.path, missing] {
            let figures = dir.appendingPathComponent((script as NSString).lastPathComponent.replacingOccurrences(of: ".qr", with: ".out")).path
            let quick = try quire(["run", script])
            let parsed = try quire(["run", script, "--figures", figures])
            #expect(quick.status == parsed.status, "\(script)")
            #expect(quick.stdout == parsed.stdout, "\(script)")
            #expect(quick.stderr == parsed.stderr, "\(script)")
        }
        #expect(try quire(["run", fine]).stdout == "2\n")
        #expect(try quire(["run", failing]).status == 1)
        #expect(try quire(["run", missing]).stderr.contains("no such file"))

        let notebook = try file("nb.md", "# A notebook\n\n```quire\nprint(6 * 7)\n```\n")
        let quick = try quire(["run", notebook, "--html"])
        let parsed = try quire(["run", notebook, "--html", "--keep-going"])
        #expect(quick.status == 0)
        #expect(quick.status == parsed.status)
        // The notebook's summary line holds its run time: compared without the numbers.
        func timeless(_ text: String) -> String { text.replacingOccurrences(of: "[0-9.]+(ms|s)\\b", with: "T", options: .regularExpression) }
        #expect(timeless(quick.stdout) == timeless(parsed.stdout))
        #expect(quick.stdout.contains("ran as expected"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("nb.out/index.html").path))
        // A flag the quick start does not know goes to the parser, which rejects it as before.
        let unknown = try quire(["run", notebook, "--htm"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--htm"))
    }

    @Test func readsTheProgramFromStandardInput() throws {
        let r = try quire([], input: "x = 3\nprint(x * 2)\n")
        #expect(r.stdout == "6\n")
        #expect(r.status == 0)
    }

    @Test func helpAndVersion() throws {
        let help = try quire(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE"))
        let version = try quire(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test func deepRecursionIsAnErrorNotACrash() throws {
        let r = try quire(["-e", "fn f(n) { f(n + 1) }\nf(0)"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("too many nested calls"))
    }
}

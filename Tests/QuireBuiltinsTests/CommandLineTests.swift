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

import Foundation
import Testing

/// Writes seen from the command line: clear errors, nothing lost, nothing left behind.
@Suite("writing files from the quire command", .serialized)
struct WriteCommandTests {
    func scratchFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-write-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func htmlWhenTheOutputFolderNameIsTakenByAFile() throws {
        let dir = try scratchFolder()
        let notebook = "# Bars\n\n```quire\nbar([\"a\", \"b\"], [1, 2])\n```\n"
        try notebook.write(to: dir.appendingPathComponent("NB.md"), atomically: true, encoding: .utf8)
        try "keep me".write(to: dir.appendingPathComponent("NB.out"), atomically: true, encoding: .utf8)
        let r = try quire(["run", "NB.md", "--html"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: cannot write NB.out/: a file named NB.out is in the way, and a folder is needed there"))
        #expect(r.stderr.contains("hint: quire writes the figures and the page of NB.md into the folder NB.out/; rename or remove the file NB.out"))
        #expect(!r.stderr.contains("NSCocoaErrorDomain") && !r.stdout.contains("NSCocoaErrorDomain"))
        #expect(r.stdout.contains("NB.md: cell 1 (line 4) failed"))
        #expect(try String(contentsOf: dir.appendingPathComponent("NB.out"), encoding: .utf8) == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["NB.md", "NB.out"])
    }

    @Test func reportToAFolderOrAMissingFolder() throws {
        let dir = try scratchFolder()
        try "```quire\n1 + 1\n```\n".write(to: dir.appendingPathComponent("NB.md"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("reports"), withIntermediateDirectories: true)
        let folder = try quire(["run", "NB.md", "--report", "reports"], in: dir)
        #expect(folder.status == 1)
        #expect(folder.stderr.contains("error: cannot write the report reports: it is a folder; give a file name inside it"))
        #expect(!folder.stderr.contains("Is a directory"))
        let missing = try quire(["run", "NB.md", "--report", "nowhere/run.json"], in: dir)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("error: cannot write the report nowhere/run.json: the folder nowhere does not exist"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("reports").path).isEmpty)
    }

    /// SIGTERM while a figure is being drawn into its temporary file: the process ends by the
    /// signal, and the temporary file is gone.
    @Test func aSignalDuringAWriteLeavesNoTemporaryFile() throws {
        let dir = try scratchFolder()
        let target = dir.appendingPathComponent("big.png").path
        let program = "fig = hist(arange(200000) % 997, bins=400)\nwhile true { fig.save(\"\(target)\", dpi=1200) }\n"
        let script = dir.appendingPathComponent("loop.qr").path
        try program.write(toFile: script, atomically: true, encoding: .utf8)
        let pid = try spawnWithSignalsUnblocked(repositoryRoot.appendingPathComponent(".build/debug/quire").path, ["run", script])
        func temporaries() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.contains(".quire-tmp-") }
        }
        // Wait (bounded) until a write is in flight.
        var seen = false
        for _ in 0..<1200 {
            if !temporaries().isEmpty {
                seen = true
                break
            }
            usleep(50_000)
        }
        #expect(seen, "no temporary file appeared while the figure was being written")
        kill(pid, SIGTERM)
        var status: Int32 = 0
        var waited: pid_t = 0
        for _ in 0..<1200 {  // bounded: a process that ignored SIGTERM is killed and reported
            waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            usleep(50_000)
        }
        if waited != pid {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
            Issue.record("quire did not end on SIGTERM")
        }
        #expect(status & 0x7f == SIGTERM, "ended by the signal itself (wait status \(status))")
        #expect(temporaries().isEmpty)
    }

    /// Starts a process with no signal blocked and default dispositions: a child of the test
    /// runner would otherwise inherit its blocked signals.
    func spawnWithSignalsUnblocked(_ path: String, _ arguments: [String]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard result == 0 else { throw CocoaError(.executableLoad) }
        return pid
    }
}

import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The repository root: the folder above this file that holds Package.swift.
func repositoryRoot(_ file: String = #filePath) -> URL {
    var url = URL(fileURLWithPath: file).deletingLastPathComponent()
    while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        url.deleteLastPathComponent()
    }
    return url
}

/// How long to wait for the REPL to answer before a test fails; generous for a loaded machine.
let terminalTimeout: Duration = .seconds(20)

/// A `quire` process on a pseudo-terminal of its own, driven like a user at a keyboard.
///
/// The process is started with posix_spawn (no fork in this multi-threaded test process): it
/// gets a new session and opens the terminal, which makes it the controlling terminal, so that
/// Ctrl-C typed here reaches it as SIGINT exactly as from a real terminal.
final class TerminalSession {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let pid: pid_t
    private let master: Int32
    /// Everything the process has written so far.
    private(set) var received: [UInt8] = []
    /// Where the next `expect` starts looking.
    private var consumed = 0
    private var exitStatus: Int32?

    init(binary: String, arguments extra: [String] = [], environment: [String: String]) throws {
        let pty = try PseudoTerminalFunctions()
        master = pty.openMaster(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0, pty.grant(master) == 0, pty.unlock(master) == 0 else {
            throw Failure(description: "cannot open a pseudo-terminal (errno \(errno))")
        }
        var name = [CChar](repeating: 0, count: 256)
        guard pty.name(master, &name, name.count) == 0 else { throw Failure(description: "ptsname_r failed") }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, name, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(spawnNewSession | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let arguments: [UnsafeMutablePointer<CChar>?] = ([binary] + extra).map { strdup($0) } + [nil]
        let variables: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in arguments + variables { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, binary, &actions, &attributes, arguments, variables)
        guard status == 0 else { throw Failure(description: "cannot start \(binary): error \(status)") }
        self.pid = pid
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Types `text` (use "\r" for Enter, "\u{3}" for Ctrl-C).
    func send(_ text: String) {
        // A person never types in the instant after the prompt appears; on a loaded machine
        // libedit may not have put the terminal in its editing mode yet at that instant.
        Thread.sleep(forTimeInterval: keystrokeDelay)
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(master, $0.baseAddress!, $0.count) }
            if n <= 0 { return }
            offset += n
        }
    }

    /// Waits until `text` appears after what earlier calls found; false after the timeout.
    @discardableResult
    func expect(_ text: String, timeout: Duration = terminalTimeout) -> Bool {
        let needle = Array(text.utf8)
        if needle.isEmpty { return true }
        let deadline = ContinuousClock.now + timeout
        while true {
            if let found = find(needle) {
                consumed = found + needle.count
                return true
            }
            guard ContinuousClock.now < deadline, readAvailable(waitMilliseconds: 100) else { return false }
        }
    }

    /// Everything received after the last match, for messages.
    var recent: String { String(decoding: received[min(consumed, received.count)...], as: UTF8.self) }

    /// All the output, for messages.
    var transcript: String { String(decoding: received, as: UTF8.self) }

    /// Waits for the process to leave; its exit status, or nil if it is still running at the timeout.
    func waitForExit(timeout: Duration = terminalTimeout) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                // WIFEXITED / WEXITSTATUS, which are macros Swift cannot see.
                exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                _ = readAvailable(waitMilliseconds: 0)
                return exitStatus
            }
            _ = readAvailable(waitMilliseconds: 50)
        }
        return nil
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard !needle.isEmpty, received.count >= needle.count else { return nil }
        var i = consumed
        while i + needle.count <= received.count {
            if received[i] == needle[0] && Array(received[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    /// Reads what the process wrote, waiting up to the given time for something; false when the
    /// terminal is closed.
    private func readAvailable(waitMilliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, waitMilliseconds)
        if ready < 0 { return errno == EINTR }
        if ready == 0 { return true }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress!, $0.count) }
        if n <= 0 { return false }
        received += buffer[0..<n]
        return true
    }
}

/// glibc's POSIX_SPAWN_SETSID, which its headers declare only for _GNU_SOURCE, hidden from Swift.
let spawnNewSession: Int32 = 0x80

/// posix_openpt, grantpt, unlockpt and ptsname_r: glibc declares them only for _XOPEN_SOURCE,
/// which Swift's Glibc module is built without, so they are looked up at run time.
struct PseudoTerminalFunctions {
    let openMaster: @convention(c) (Int32) -> Int32
    let grant: @convention(c) (Int32) -> Int32
    let unlock: @convention(c) (Int32) -> Int32
    let name: @convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32

    init() throws {
        func symbol<T>(_ name: String, as type: T.Type) throws -> T {
            guard let address = dlsym(nil, name) else {
                throw TerminalSession.Failure(description: "\(name) is missing from the C library")
            }
            return unsafeBitCast(address, to: type)
        }
        openMaster = try symbol("posix_openpt", as: (@convention(c) (Int32) -> Int32).self)
        grant = try symbol("grantpt", as: (@convention(c) (Int32) -> Int32).self)
        unlock = try symbol("unlockpt", as: (@convention(c) (Int32) -> Int32).self)
        name = try symbol("ptsname_r", as: (@convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32).self)
    }
}

/// The pause before each burst of keys (see `TerminalSession.send`).
let keystrokeDelay = 0.25

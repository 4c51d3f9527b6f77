import Foundation
import QuireREPL
import Testing

/// Figures in the REPL, on the real binary in a pseudo-terminal: inline pictures by kitty's
/// graphics protocol and iTerm2's inline images, or files in a session folder removed on exit.
@Suite(.serialized) struct REPLFigureTests {
    let home: URL
    let binary: String

    init() throws {
        binary = ProcessInfo.processInfo.environment["QUIRE_TEST_BINARY"]
            ?? repositoryRoot().appendingPathComponent(".build/debug/quire").path
        home = FileManager.default.temporaryDirectory.appendingPathComponent("quire-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    func start(_ environment: [String: String]) throws -> TerminalSession {
        try #require(FileManager.default.isExecutableFile(atPath: binary), "no quire binary at \(binary): run `swift build --product quire` first")
        let base = ["HOME": home.path, "TERM": "xterm", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"]
        let session = try TerminalSession(
            binary: binary,
            environment: base.merging(environment) { _, b in b }
                .merging(ProcessInfo.processInfo.environment.filter { $0.key == "ASAN_OPTIONS" }) { a, _ in a })
        try #require(session.expect("quire> "), "no prompt: \(session.transcript)")
        return session
    }

    /// The PNG signature, which every decoded picture must start with.
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    @Test func kittyTerminalGetsTheFigureInChunksOfAtMost4096Bytes() throws {
        defer { try? FileManager.default.removeItem(at: home) }
        let session = try start(["QUIRE_IMAGES": "kitty"])
        session.send("hist([1, 2, 2, 3, 3, 3])\r")
        #expect(session.expect("\u{1B}_Gf=100,a=T,q=2,m=1;"), "no kitty sequence: \(session.recent.debugDescription)")
        #expect(session.expect("quire> "))
        let text = session.transcript
        let start = try #require(text.range(of: "\u{1B}_G"))
        let end = try #require(text.range(of: "quire> ", range: start.upperBound..<text.endIndex))
        let sequences = text[start.lowerBound..<end.lowerBound].components(separatedBy: "\u{1B}\\").dropLast()
        #expect(sequences.count > 1, "a figure of several kilobytes takes several chunks")
        var encoded = ""
        for (i, sequence) in sequences.enumerated() {
            let body = sequence.drop { $0 == "\r" || $0 == "\n" }
            #expect(body.hasPrefix("\u{1B}_G"))
            let parts = body.dropFirst(2).split(separator: ";", maxSplits: 1)
            let keys = parts[0]
            let chunk = parts.count > 1 ? String(parts[1]) : ""
            #expect(chunk.utf8.count <= 4096, "chunk \(i) has \(chunk.utf8.count) bytes")
            #expect(keys.hasSuffix(i == sequences.count - 1 ? "m=0" : "m=1"), "chunk \(i): \(keys)")
            encoded += chunk
        }
        let png = try #require(Data(base64Encoded: encoded), "the chunks are not one base64 text")
        #expect(Array(png.prefix(8)) == Self.pngSignature)
        session.send(":quit\r")
        #expect(session.waitForExit() == 0)
    }

    @Test func iTermGetsOneInlineImageWithItsSize() throws {
        defer { try? FileManager.default.removeItem(at: home) }
        let session = try start(["QUIRE_IMAGES": "iterm"])
        session.send("show(bar([\"a\", \"b\"], values=[1, 2]))\r")
        #expect(session.expect("\u{1B}]1337;File=inline=1;size="), "no iTerm2 sequence: \(session.recent.debugDescription)")
        #expect(session.expect("quire> "))
        let text = session.transcript
        let start = try #require(text.range(of: "\u{1B}]1337;File=inline=1;size="))
        let bell = try #require(text.range(of: "\u{07}", range: start.upperBound..<text.endIndex))
        let payload = text[start.upperBound..<bell.lowerBound].split(separator: ":", maxSplits: 1)
        let size = try #require(Int(payload[0]))
        let png = try #require(Data(base64Encoded: String(payload[1])))
        #expect(png.count == size)
        #expect(Array(png.prefix(8)) == Self.pngSignature)
        session.send(":quit\r")
        #expect(session.waitForExit() == 0)
    }

    @Test func otherTerminalsGetAFileInASessionFolderRemovedOnExit() throws {
        defer { try? FileManager.default.removeItem(at: home) }
        let session = try start(["QUIRE_IMAGES": "none"])
        session.send("hist([1, 2, 2, 3])\r")
        #expect(session.expect("[figure: "))
        #expect(session.expect("quire> "))
        let text = session.transcript
        let start = try #require(text.range(of: "[figure: "))
        let close = try #require(text.range(of: "]", range: start.upperBound..<text.endIndex))
        let path = String(text[start.upperBound..<close.lowerBound])
        #expect(path.contains("quire-session-") && path.hasSuffix("figure-1.png"), "\(path)")
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(!text.contains("\u{1B}_G") && !text.contains("\u{1B}]1337"))
        session.send(":quit\r")
        #expect(session.waitForExit() == 0)
        #expect(!FileManager.default.fileExists(atPath: (path as NSString).deletingLastPathComponent), "the session folder is left behind")
    }

    @Test func detectionFollowsTheEnvironment() {
        #expect(TerminalImages.detect(["KITTY_WINDOW_ID": "1"], outputIsTerminal: true) == .kitty)
        #expect(TerminalImages.detect(["TERM": "xterm-kitty"], outputIsTerminal: true) == .kitty)
        #expect(TerminalImages.detect(["TERM_PROGRAM": "iTerm.app"], outputIsTerminal: true) == .iterm)
        #expect(TerminalImages.detect(["LC_TERMINAL": "iTerm2"], outputIsTerminal: true) == .iterm)
        #expect(TerminalImages.detect(["TERM": "xterm-256color"], outputIsTerminal: true) == .none)
        #expect(TerminalImages.detect(["KITTY_WINDOW_ID": "1"], outputIsTerminal: false) == .none, "no pictures into a pipe")
        #expect(TerminalImages.detect(["KITTY_WINDOW_ID": "1", "TMUX": "/tmp/tmux"], outputIsTerminal: true) == .none)
        #expect(TerminalImages.detect(["KITTY_WINDOW_ID": "1", "QUIRE_IMAGES": "none"], outputIsTerminal: true) == .none)
        #expect(TerminalImages.detect(["QUIRE_IMAGES": "iterm"], outputIsTerminal: false) == .iterm)
        #expect(TerminalImages.detect(["QUIRE_IMAGES": "sixel"], outputIsTerminal: true) == .none, "an unknown choice shows no pictures")
    }

    @Test func kittyChunksSplitAtTheLimit() throws {
        let png = Data((0..<10_000).map { UInt8($0 % 251) })
        let text = try #require(TerminalImages.sequence(png, as: .kitty))
        let chunks = text.components(separatedBy: "\u{1B}\\").dropLast()
        #expect(chunks.count == 4, "13,336 base64 bytes are 4 chunks of at most 4096")
        #expect(chunks.first?.hasPrefix("\u{1B}_Gf=100,a=T,q=2,m=1;") == true)
        #expect(chunks.last?.hasPrefix("\u{1B}_Gm=0;") == true)
        #expect(TerminalImages.sequence(png, as: .none) == nil)
    }
}

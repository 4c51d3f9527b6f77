import Foundation

/// Figures drawn inside the terminal, on terminals that can show pictures: kitty's graphics
/// protocol (kitty, WezTerm, Ghostty, Konsole) and iTerm2's inline images (iTerm2, WezTerm).
public enum TerminalImages {
    public enum Kind: String, Sendable {
        case kitty, iterm, none
    }

    /// The kitty protocol carries at most this many bytes of base64 data in one escape sequence.
    static let kittyChunkSize = 4096

    /// The protocol the terminal speaks, from the environment. `QUIRE_IMAGES=kitty|iterm|none`
    /// decides when set (for tests, and for terminals not recognised); otherwise pictures go
    /// inline only when standard output is a terminal that announces itself.
    public static func detect(_ environment: [String: String] = ProcessInfo.processInfo.environment, outputIsTerminal: Bool = isatty(1) != 0) -> Kind {
        if let chosen = environment["QUIRE_IMAGES"]?.lowercased() {
            return Kind(rawValue: chosen) ?? .none
        }
        guard outputIsTerminal else { return .none }
        // Inside tmux or screen the sequences are not passed through by default.
        if environment["TMUX"] != nil || environment["TERM"]?.hasPrefix("screen") == true { return .none }
        let program = environment["TERM_PROGRAM"] ?? ""
        if environment["KITTY_WINDOW_ID"] != nil || environment["TERM"] == "xterm-kitty" || program == "ghostty" {
            return .kitty
        }
        if program == "iTerm.app" || program == "WezTerm" || environment["LC_TERMINAL"] == "iTerm2" {
            return .iterm
        }
        return .none
    }

    /// The escape sequences that show `png` (the bytes of a PNG file) at the cursor, then a
    /// newline; nil for `.none`.
    public static func sequence(_ png: Data, as kind: Kind) -> String? {
        switch kind {
        case .kitty: kitty(png)
        case .iterm: iterm(png)
        case .none: nil
        }
    }

    /// `ESC _ G f=100,a=T,q=2,m=1 ; CHUNK ESC \` then `ESC _ G m=1 ; CHUNK ESC \` ... with
    /// `m=0` on the last: transmit and display a PNG, with no reply from the terminal (a reply
    /// would arrive as if typed at the prompt).
    static func kitty(_ png: Data) -> String {
        let encoded = Array(png.base64EncodedString().utf8)
        var text = ""
        var start = 0
        repeat {
            let end = min(start + kittyChunkSize, encoded.count)
            let more = end < encoded.count ? 1 : 0
            let keys = start == 0 ? "f=100,a=T,q=2,m=\(more)" : "m=\(more)"
            text += "\u{1B}_G\(keys);" + String(decoding: encoded[start..<end], as: UTF8.self) + "\u{1B}\\"
            start = end
        } while start < encoded.count
        return text + "\n"
    }

    /// `ESC ] 1337 ; File=inline=1;size=N : BASE64 BEL`.
    static func iterm(_ png: Data) -> String {
        "\u{1B}]1337;File=inline=1;size=\(png.count):\(png.base64EncodedString())\u{07}\n"
    }
}

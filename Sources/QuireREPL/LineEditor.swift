import CEditLine
import Foundation

/// What reading a line of input gave.
enum ReadResult: Equatable {
    case line(String)
    /// Ctrl-C at the prompt: the line is dropped.
    case interrupted
    /// Ctrl-D on an empty line, or the end of the input.
    case endOfInput
}

/// Where the REPL's lines come from: the terminal through libedit, or plain standard input.
protocol LineReader: AnyObject {
    func readLine(prompt: String) -> ReadResult
    /// Adds an accepted line to the history.
    func remember(_ line: String)
}

/// The history keeps this many lines; older ones fall off, so the file stays small.
let historyLimit = 1000

/// Line editing on libedit: emacs keys, history kept in a file, Ctrl-R search, tab completion.
/// Owns its EditLine and History and frees them when it goes; no C pointer leaves this type.
final class LineEditor: LineReader {
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let historyPath: String?
    /// The prompt libedit shows, kept alive here because libedit reads it on every redraw.
    private var prompt: UnsafeMutablePointer<CChar>
    /// The completion for the text before the cursor.
    private let complete: (String) -> Completion

    /// Nil when libedit cannot start (no terminal it can drive).
    init?(historyPath: String?, complete: @escaping (String) -> Completion) {
        quire_use_utf8_locale()
        guard let editLine = quire_el_init("quire") else { return nil }
        guard let history = history_init() else {
            el_end(editLine)
            return nil
        }
        self.editLine = editLine
        self.history = history
        self.historyPath = historyPath
        self.prompt = strdup("")
        self.complete = complete
        configure()
    }

    deinit {
        el_end(editLine)
        history_end(history)
        free(prompt)
    }

    private func configure() {
        quire_history_setsize(history, Int32(historyLimit))
        quire_history_setunique(history, 1)
        if let historyPath { _ = quire_history_load(history, historyPath) }
        quire_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        quire_el_set_editor(editLine, "emacs")
        quire_el_set_signal(editLine, 1)
        quire_el_set_reader(editLine)
        quire_el_set_hist(editLine, history)
        quire_el_set_prompt(editLine) { editLine in
            guard let editLine, let editor = LineEditor.owner(of: editLine) else { return nil }
            return editor.prompt
        }
        quire_el_set_addfn(editLine, "quire-complete", "complete the name at the cursor") { editLine, _ in
            guard let editLine, let editor = LineEditor.owner(of: editLine) else { return UInt8(CC_ERROR) }
            return editor.completeAtCursor()
        }
        quire_el_bind(editLine, "^I", "quire-complete")
        quire_el_bind(editLine, "^R", "em-inc-search-prev")
        // The user's ~/.editrc may rebind keys, as for every libedit program.
        el_source(editLine, nil)
    }

    private static func owner(of editLine: OpaquePointer) -> LineEditor? {
        guard let data = quire_el_get_clientdata(editLine) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    func readLine(prompt text: String) -> ReadResult {
        free(prompt)
        prompt = strdup(text)
        // A Ctrl-C pressed since the last read ended, outside any code, drops this line at once.
        if InterruptHandler.takePromptInterrupt() { return .interrupted }
        quire_set_wake_fd(InterruptHandler.wakeReader.load(ordering: .sequentiallyConsistent))
        quire_el_prep_term(editLine, 1)
        var count: Int32 = 0
        guard let raw = el_gets(editLine, &count) else {
            let interrupted = InterruptHandler.takePromptInterrupt()
            if interrupted || (count < 0 && errno == EINTR) {
                el_reset(editLine)
                return .interrupted
            }
            return .endOfInput
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    func remember(_ line: String) {
        guard !line.allSatisfy({ $0 == " " || $0 == "\t" }) else { return }
        quire_history_enter(history, line)
        // Saved at once, so that a session that ends badly keeps its history; a history file
        // that cannot be written is not worth an error message.
        if let historyPath { _ = quire_history_save(history, historyPath) }
    }

    /// The tab key: inserts the completion, or lists the candidates when they share no more.
    private func completeAtCursor() -> UInt8 {
        guard let info = el_line(editLine)?.pointee, let buffer = info.buffer else { return UInt8(CC_ERROR) }
        let length = buffer.distance(to: info.cursor)
        let before = buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
        let completion = complete(before)
        let insertion = completion.insertion
        if !insertion.isEmpty {
            return el_insertstr(editLine, insertion) == 0 ? UInt8(CC_REFRESH) : UInt8(CC_ERROR)
        }
        guard completion.listsCandidates else { return UInt8(CC_REFRESH_BEEP) }
        let width = Int(quire_terminal_columns(1))
        quire_flush_output()
        writeToTerminal("\n" + completion.listing(width: width > 0 ? width : defaultTerminalWidth))
        return UInt8(CC_REDISPLAY)
    }
}

/// The width assumed when the terminal does not say.
let defaultTerminalWidth = 80

/// Lines from standard input without editing: for when it is not a terminal.
final class PlainReader: LineReader {
    func readLine(prompt: String) -> ReadResult {
        writeToTerminal(prompt)
        guard let line = Swift.readLine() else { return .endOfInput }
        return .line(line)
    }

    func remember(_ line: String) {}
}

/// Writes straight to standard output (file descriptor 1), past any buffering.
func writeToTerminal(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { Foundation.write(1, $0.baseAddress! + offset, $0.count - offset) }
        if n <= 0 { return }
        offset += n
    }
}

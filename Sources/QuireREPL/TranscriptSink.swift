import QuireLang

/// The REPL's output sink: passes everything to the terminal and also records the text each
/// input produced, for `:save`.
final class TranscriptSink: OutputSink {
    let output: StandardOutput
    /// The inputs that ran without error, with the text each produced.
    private(set) var entries: [(input: String, output: String)] = []
    private var captured: String?

    init(output: StandardOutput) { self.output = output }

    func write(_ text: String) {
        output.write(text)
        captured? += text
    }

    func display(_ value: Value) {
        output.display(value)
        guard captured != nil else { return }
        if case .none = value { return }
        if case .object(let object) = value, case .figure? = object.richDisplay() {
            // The figure's file name is chosen inside StandardOutput; a saved notebook draws
            // the figure again when it runs, so the record only says that one was shown.
            captured? += "[figure]\n"
        } else {
            captured? += Printer.repr(value) + "\n"
        }
    }

    /// Starts recording the output of an input.
    func begin() { captured = "" }

    /// Keeps the input and what it produced since `begin`.
    func commit(_ input: String) {
        if let captured { entries.append((input, captured)) }
        captured = nil
    }

    /// Forgets what was recorded since `begin` (the input failed).
    func discard() { captured = nil }

    func clear() { entries = [] }
}

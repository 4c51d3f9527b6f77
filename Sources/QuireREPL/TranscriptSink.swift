import QuireLang

/// The REPL's output sink: passes everything to the terminal and also records the text each
/// input produced, for `:save`.
final class TranscriptSink: OutputSink {
    let output: StandardOutput
    /// The inputs that ran without error (or were stopped by Ctrl-C), with what each produced.
    private(set) var entries: [SavedInput] = []
    private var captured: String?
    private var figures: [any FigureDisplay] = []

    /// How figures are shown: inline on a terminal that can show pictures, otherwise as files
    /// whose paths are printed.
    var images: TerminalImages.Kind = .none

    init(output: StandardOutput) { self.output = output }

    func write(_ text: String) {
        output.write(text)
        captured? += text
    }

    func display(_ value: Value) {
        if !showInline(value) { output.display(value) }
        guard captured != nil else { return }
        if case .none = value { return }
        if case .object(let object) = value, case .figure(let figure)? = object.richDisplay() {
            // Kept to be written beside the notebook and linked, as `quire run --update` does.
            figures.append(figure)
        } else {
            captured? += Printer.repr(value) + "\n"
        }
    }

    /// Draws a figure in the terminal; false when `value` is no figure, the terminal cannot
    /// show pictures, or the picture could not be drawn (it then goes to a file).
    private func showInline(_ value: Value) -> Bool {
        guard images != .none, case .object(let object) = value, case .figure(let figure)? = object.richDisplay(),
              let png = try? figure.data(format: "png"), let text = TerminalImages.sequence(png, as: images)
        else { return false }
        output.write(text)
        return true
    }

    /// Starts recording the output of an input.
    func begin() {
        captured = ""
        figures = []
    }

    /// Keeps the input and what it produced since `begin`.
    func commit(_ input: String) {
        if let captured { entries.append(SavedInput(input: input, output: captured, figures: figures)) }
        captured = nil
        figures = []
    }

    /// Keeps an input that Ctrl-C stopped, marked as such (a saved notebook does not run it).
    func commitInterrupted(_ input: String) {
        if captured != nil { entries.append(SavedInput(input: input, output: "", interrupted: true)) }
        captured = nil
        figures = []
    }

    /// Forgets what was recorded since `begin` (the input failed).
    func discard() {
        captured = nil
        figures = []
    }

    func clear() { entries = [] }
}

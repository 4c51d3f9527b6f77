/// One REPL input as `:save` writes it into a notebook: the code, the text it printed and
/// displayed, the figures it showed (written beside the notebook as `quire run --update` does),
/// and whether Ctrl-C stopped it.
public struct SavedInput {
    public var input: String
    public var output: String
    public var figures: [any FigureDisplay]
    /// Stopped by Ctrl-C: saved as a cell that is not run (`#| skip`).
    public var interrupted: Bool

    public init(input: String, output: String, figures: [any FigureDisplay] = [], interrupted: Bool = false) {
        self.input = input
        self.output = output
        self.figures = figures
        self.interrupted = interrupted
    }
}

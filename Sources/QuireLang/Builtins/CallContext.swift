/// What a builtin may ask of the running interpreter.
public protocol CallContext: AnyObject {
    /// Calls a Quire function value (for `map`, `filter`, `sorted(key=)`).
    func call(_ function: Value, _ arguments: [Value]) throws -> Value
    /// Calls a method by name on a value (`sqrt(a)` forwards to the array's own `sqrt`).
    func callMethod(_ receiver: Value, _ name: String, _ arguments: [Value]) throws -> Value
    /// Writes text to the program's output (the terminal, or the notebook cell's output).
    func write(_ text: String)
    /// Shows a value as a cell's result would be shown (a figure in the middle of a cell).
    func display(_ value: Value)
    /// Throws if the user pressed Ctrl-C or a cell ran out of time; long loops call this.
    func checkInterrupt() throws
    /// Makes a path given in a program absolute: relative to the notebook's or script's folder.
    func resolvePath(_ path: String) -> String
    /// True when output goes to a terminal, so long work may show a progress bar.
    var isInteractive: Bool { get }
    /// The figures drawn and not yet shown or saved (matplotlib's open figures).
    var figures: DrawnFigures { get }
    /// The registry, for builtins that need to find others (help, completion).
    var registry: BuiltinRegistry { get }
}

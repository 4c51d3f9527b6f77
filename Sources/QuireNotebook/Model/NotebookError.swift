/// A problem with a notebook itself (its file or its Markdown), as opposed to an error of the
/// Quire code in a cell.
public struct NotebookError: Error, Sendable, CustomStringConvertible {
    public let message: String
    /// The notebook path, if the error is about one.
    public let path: String?
    /// The 1-based line of the notebook file the error points at.
    public let line: Int?
    public let hint: String?
    /// The full text to show when the error wraps a cell's Quire error (already located).
    public let rendered: String?

    public init(_ message: String, path: String? = nil, line: Int? = nil, hint: String? = nil, rendered: String? = nil) {
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint
        self.rendered = rendered
    }

    /// The error as shown to users: message, location, hint.
    public func render() -> String {
        if let rendered { return rendered }
        var out = "error: \(message)\n"
        if let path {
            out += "  --> \(path)" + (line.map { ":\($0)" } ?? "") + "\n"
        }
        if let hint { out += "  hint: \(hint)\n" }
        return out
    }

    public var description: String { render() }
}

/// Every error a Quire program can meet: parse errors, runtime errors, errors of builtins.
///
/// Wording is made by the factory functions in `QuireError+Messages.swift`; the interpreter adds
/// the location and the Quire call stack.
public struct QuireError: Error, @unchecked Sendable {
    public enum Kind: String, Sendable {
        case syntax, name, type, value, index, key, argument, zeroDivision, overflow
        case recursion, io, assertion, interrupted, timeout, importError, runtime, memory
        /// A syntax error at the end of the input: an open bracket, block or string. A REPL or a
        /// kernel reads another line instead of reporting it.
        case incompleteInput
    }

    public var kind: Kind
    public var message: String
    public var hint: String?
    public var span: SourceSpan?
    /// When the error is about one argument of a call, its parameter name: the interpreter then
    /// points at that argument instead of the whole call.
    public var argument: String?
    /// The Quire call stack, innermost first: function name and the call's span.
    public var stack: [(function: String, span: SourceSpan)] = []
    /// Calls left out of `stack` because it was long enough (deep recursion).
    public var omittedCalls = 0

    public init(_ kind: Kind, _ message: String, hint: String? = nil, span: SourceSpan? = nil, argument: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
        self.span = span
        self.argument = argument
    }

    /// Gives the same error pointing at `span`, unless it already points somewhere.
    public func located(at span: SourceSpan) -> QuireError {
        var copy = self
        if copy.span == nil { copy.span = span }
        return copy
    }
}

extension QuireError {
    /// The most characters of a source line an error shows; longer lines are cut around the
    /// column, with an ellipsis at each cut.
    static let maxLineShown = 160

    /// The part of `text` (of `length` characters) to show around `column`, and the column
    /// within it.
    static func window(_ text: String, _ length: Int, _ column: Int) -> (text: String, column: Int) {
        guard length > maxLineShown else { return (text, column) }
        let before = maxLineShown / 3
        let from = max(0, min(column - 1 - before, length - maxLineShown))
        let to = min(length, from + maxLineShown)
        let start = text.index(text.startIndex, offsetBy: from)
        let end = text.index(start, offsetBy: to - from)
        let lead = from > 0 ? "..." : ""
        let tail = to < length ? "..." : ""
        return (lead + text[start..<end] + tail, column - from + lead.count)
    }
}

extension QuireError: CustomStringConvertible {
    public var description: String { render() }

    /// The error as shown to users: message, location, the line with the spot underlined, hint,
    /// and the call stack.
    public func render() -> String {
        var out = "error: \(message)\n"
        guard let span else {
            if let hint { out += "  hint: \(hint)\n" }
            return out
        }
        let (rawLine, column) = span.source.lineAndColumn(of: span.start)
        let line = rawLine + span.source.lineOffset
        var where_ = "\(span.source.name):\(line):\(column)"
        if let cell = span.source.cell { where_ += " (cell \(cell))" }
        let fullText = span.source.lineText(rawLine)
        let gutter = String(repeating: " ", count: String(line).count)
        out += "\(gutter)--> \(where_)\n"
        out += "\(gutter) |\n"
        let lineLength = fullText.count
        let (endLine, endColumn) = span.source.lineAndColumn(of: span.end)
        var width = endLine == rawLine ? max(1, endColumn - column) : max(1, lineLength - column + 1)
        // A long line is shown as a window around the column, so that an error on a line of
        // megabytes prints a screenful.
        var (text, shownColumn) = QuireError.window(fullText, lineLength, column)
        // A lone carriage return would send the terminal's cursor back over the line.
        if span.source.hasLoneCarriageReturns { text = text.replacingOccurrences(of: "\r", with: " ") }
        width = min(width, max(1, text.count - shownColumn + 1))
        out += "\(line) | \(text)\n"
        let prefix = String(text.prefix(shownColumn - 1).map { $0 == "\t" ? "\t" : " " })
        out += "\(gutter) | \(prefix)\(String(repeating: "^", count: width))"
        if let hint { out += " \(hint)" }
        out += "\n"
        if span.source.hasLoneCarriageReturns {
            out += "  note: \(span.source.name) ends its lines with a lone carriage return (\\r, old Mac style), so it reads as one line; save it with \\n or \\r\\n line endings\n"
        }
        if !stack.isEmpty {
            out += "call stack (innermost first):\n"
            var lines: [(text: String, repeats: Int)] = []
            for entry in stack {
                let text = "  in \(entry.function), called at \(entry.span.source.name):\(entry.span.line):\(entry.span.column)"
                if lines.last?.text == text { lines[lines.count - 1].repeats += 1 } else { lines.append((text, 1)) }
            }
            if omittedCalls > 0, !lines.isEmpty { lines[lines.count - 1].repeats += omittedCalls }
            for line in lines.prefix(maxStackLinesShown) {
                out += line.text + (line.repeats > 1 ? " (\(line.repeats) times)" : "") + "\n"
            }
            if lines.count > maxStackLinesShown { out += "  ... \(lines.count - maxStackLinesShown) more calls\n" }
        }
        return out
    }
}

/// Deep recursion would print thousands of identical lines; the first few tell the story.
let maxStackLinesShown = 12

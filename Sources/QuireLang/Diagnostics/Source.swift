/// A piece of program text: a script, a REPL line, or a notebook cell.
public final class Source: @unchecked Sendable {
    /// The name shown in error messages (a path, `<repl>`, `<command line>`).
    public let name: String
    public let text: String
    /// Added to line numbers when reporting, so a notebook cell reports lines of the notebook file.
    public let lineOffset: Int
    /// The notebook cell number, if this source is a cell.
    public let cell: Int?
    /// The folder that relative paths in this source are resolved against.
    public let directory: String?
    let utf8: [UInt8]
    // Plain index loops below: QuireLang is not optimised in debug builds, where enumerated()
    // costs seconds on a line of megabytes.
    private(set) lazy var lineStarts: [Int] = {
        var starts = [0]
        utf8.withUnsafeBufferPointer { bytes in
            for i in 0..<bytes.count where bytes[i] == UInt8(ascii: "\n") { starts.append(i + 1) }
        }
        return starts
    }()

    public init(name: String, text: String, lineOffset: Int = 0, cell: Int? = nil, directory: String? = nil) {
        self.name = name
        self.text = text
        self.lineOffset = lineOffset
        self.cell = cell
        self.directory = directory
        self.utf8 = Array(text.utf8)
    }

    /// True when lines end with a carriage return alone (classic Mac line endings) more often
    /// than with a newline: the lexer sees such a file as one long line, and errors say why. (A
    /// stray carriage return in an otherwise ordinary file is not worth the note.)
    public private(set) lazy var hasLoneCarriageReturns: Bool = {
        utf8.withUnsafeBufferPointer { bytes in
            var lone = 0, newlines = 0
            for i in 0..<bytes.count {
                if bytes[i] == UInt8(ascii: "\n") {
                    newlines += 1
                } else if bytes[i] == UInt8(ascii: "\r"), i + 1 == bytes.count || bytes[i + 1] != UInt8(ascii: "\n") {
                    lone += 1
                }
            }
            return lone > newlines
        }
    }()

    /// The 1-based line and column (in characters) of a byte offset.
    public func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        let start = lineStarts[lo]
        let end = min(max(offset, start), utf8.count)
        let column = String(decoding: utf8[start..<end], as: UTF8.self).count + 1
        return (lo + 1, column)
    }

    /// The text of a 1-based line, without its newline.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : utf8.count
        if end > start, utf8[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: utf8[start..<max(start, end)], as: UTF8.self)
    }
}

/// A span of source text: where an error points.
public struct SourceSpan: @unchecked Sendable {
    public let source: Source
    public let start: Int
    public let end: Int

    public init(source: Source, start: Int, end: Int) {
        self.source = source
        self.start = start
        self.end = max(end, start)
    }

    /// Line and column as reported to users (notebook lines include the cell's offset).
    public var line: Int { source.lineAndColumn(of: start).line + source.lineOffset }
    public var column: Int { source.lineAndColumn(of: start).column }

    public func through(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(source: source, start: min(start, other.start), end: max(end, other.end))
    }
}

import Foundation

/// The student version of a lesson: solutions replaced by `___` blanks, hidden tests removed,
/// the outputs of exercise cells cleared, everything else byte for byte.
public enum Handout {
    /// The marker of one solution line: `blurred = gaussian_blur(img, (5, 5), 0)  #| solution`.
    static let lineMarker = "#| solution"
    /// The markers around solution lines: `#| begin solution` ... `#| end solution`.
    static let beginMarker = "#| begin solution"
    static let endMarker = "#| end solution"

    /// The handout's text.
    public static func text(of notebook: Notebook) -> String {
        var out = ""
        var previous: Notebook.Piece?
        var removed = false
        for piece in notebook.pieces {
            defer { previous = piece }
            switch piece {
            case .prose(var text):
                // A removed cell leaves one blank line, not two.
                if removed, out.hasSuffix("\n\n") || out.isEmpty {
                    if text.hasPrefix("\r\n") || text.hasPrefix("\n") { text.removeFirst() }
                }
                removed = false
                out += text
            case .cell(let cell):
                if cell.options.hiddenTest != nil {
                    removed = true
                    continue
                }
                out += stubbed(cell)
            case .attachment(let a):
                // The outputs of exercise cells and hidden tests are left out.
                if case .cell(let cell) = previous, cell.options.exercise != nil || cell.options.hiddenTest != nil { continue }
                out += a.raw
            }
        }
        return out
    }

    /// A cell's text with its solution replaced by blanks.
    static func stubbed(_ cell: Cell) -> String {
        let lines = NotebookParser.splitLines(cell.raw).map(String.init)
        guard lines.count >= 2 else { return cell.raw }
        let open = lines[0], close = lines[lines.count - 1]
        var body = Array(lines[1..<(lines.count - 1)])
        if cell.options.solution {
            let options = body.prefix { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#|") }
                .filter { !isSolutionOption($0) }
            let code = body.drop { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#|") }
            body = options + stub(Array(code), indent: "", newline: newline(of: open))
        } else {
            body = stubMarkedLines(body, newline: newline(of: open))
        }
        return open + body.joined() + close
    }

    static func isSolutionOption(_ line: String) -> Bool {
        let t = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard t.hasPrefix("#|") else { return false }
        let name = t.dropFirst(2).split(separator: ":", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces)
        return name == "solution"
    }

    static func newline(of line: String) -> String { line.hasSuffix("\r\n") ? "\r\n" : "\n" }

    /// Lines marked `#| solution` at their end, and blocks between `#| begin solution` and
    /// `#| end solution`, replaced by their stubs.
    static func stubMarkedLines(_ body: [String], newline: String) -> [String] {
        var out: [String] = []
        var i = 0
        while i < body.count {
            let line = body[i]
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed == beginMarker {
                let indent = String(line.prefix { $0 == " " || $0 == "\t" })
                var block: [String] = []
                i += 1
                while i < body.count, body[i].trimmingCharacters(in: .whitespacesAndNewlines) != endMarker {
                    block.append(body[i])
                    i += 1
                }
                i += 1  // the end marker (or the end of the cell)
                out += stub(block, indent: indent, newline: newline)
                continue
            }
            if trimmed.hasSuffix(lineMarker), trimmed != lineMarker {
                let code = String(line.trimmingTrailingNewlines.dropLast(lineMarker.count))
                let indent = String(code.prefix { $0 == " " || $0 == "\t" })
                out += stub([code + newline], indent: indent, newline: newline, comment: false)
                i += 1
                continue
            }
            out.append(line)
            i += 1
        }
        return out
    }

    /// The stub of solution lines: `NAME = ___` for each assignment at the block's own indent,
    /// or one `___` when there is none; preceded by `# your code here`.
    static func stub(_ lines: [String], indent: String, newline: String, comment: Bool = true) -> [String] {
        var out: [String] = comment ? [indent + "# your code here" + newline] : []
        var any = false
        let baseIndent = lines.first { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            .map { String($0.prefix { $0 == " " || $0 == "\t" }) } ?? indent
        for line in lines {
            guard line.hasPrefix(baseIndent) else { continue }
            let rest = line.dropFirst(baseIndent.count)
            guard let first = rest.first, first != " " && first != "\t" else { continue }
            if let target = assignmentTarget(String(rest)) {
                out.append(indent + target + " = ___" + newline)
                any = true
            }
        }
        if !any { out.append(indent + "___" + newline) }
        return out
    }

    /// The left side of `x = ...` or `a, b = ...` (not `==`, `<=`, `+=` and the like).
    static func assignmentTarget(_ line: String) -> String? {
        let chars = Array(line)
        var i = 0
        while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "," || chars[i] == " " {
            i += 1
        }
        guard i < chars.count, chars[i] == "=", i + 1 >= chars.count || chars[i + 1] != "=" else { return nil }
        let target = String(chars[0..<i]).trimmingCharacters(in: .whitespaces)
        guard let first = target.first, first.isLetter || first == "_" else { return nil }
        let names = target.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard names.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) else { return nil }
        return names.joined(separator: ", ")
    }
}

extension String {
    var trimmingTrailingNewlines: Substring { Substring(self).trimmingTrailingNewline }
}

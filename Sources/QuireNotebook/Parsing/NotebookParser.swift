import QuireLang

/// Reads a Markdown notebook into prose, cells and the attachments the runner wrote.
public enum NotebookParser {
    /// Parses notebook text. `path` names the notebook in errors.
    public static func parse(_ text: String, path: String) throws(NotebookError) -> Notebook {
        var scanner = LineScanner(lines: splitLines(text), path: path)
        let notebook = try scanner.scan()
        try checkExercises(notebook)
        return notebook
    }

    /// Each exercise is named once, and each test cell follows the exercise it tests.
    static func checkExercises(_ notebook: Notebook) throws(NotebookError) {
        var seen: [String: Int] = [:]
        for cell in notebook.cells {
            if let id = cell.options.exercise {
                if let first = seen[id] {
                    throw NotebookError(
                        "exercise \"\(id)\" is defined twice (cells \(first) and \(cell.number))", path: notebook.path,
                        line: cell.firstCodeLine, hint: "give each exercise a name of its own")
                }
                seen[id] = cell.number
            }
            if let id = cell.options.testedExercise, seen[id] == nil {
                var hint = "a test cell comes after the cell marked \"#| exercise: \(id)\""
                if let close = Suggest.closest(to: id, in: Array(seen.keys)) { hint = "did you mean \"\(close)\"? (\(hint))" }
                throw NotebookError(
                    "cell \(cell.number) tests exercise \"\(id)\", but no exercise of that name comes before it",
                    path: notebook.path, line: cell.firstCodeLine, hint: hint)
            }
        }
    }

    /// The lines of `text`, each with its line terminator (the last may have none).
    static func splitLines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        var start = text.startIndex
        var i = text.startIndex
        while i < text.endIndex {
            // "\r\n" is one Character in Swift, so this also keeps Windows line ends whole.
            if text[i] == "\n" || text[i] == "\r\n" {
                let next = text.index(after: i)
                lines.append(text[start..<next])
                start = next
            }
            i = text.index(after: i)
        }
        if start < text.endIndex { lines.append(text[start...]) }
        return lines
    }
}

/// A fence line: "```quire", "~~~~", "```output".
struct Fence: Equatable {
    let character: Character
    let length: Int
    /// The first word of the info string ("quire", "output"), or "".
    let language: String

    /// fence -> indent{0,3} ("```" | "~~~") ["`"|"~"]* info
    static func opening(_ line: Substring) -> Fence? {
        let body = line.trimmingTrailingNewline
        let indent = body.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = body.dropFirst(indent)
        guard let ch = rest.first, ch == "`" || ch == "~" else { return nil }
        let length = rest.prefix { $0 == ch }.count
        guard length >= 3 else { return nil }
        let info = rest.dropFirst(length)
        // CommonMark: a backtick fence's info string cannot contain backticks (it is a code span).
        if ch == "`" && info.contains("`") { return nil }
        let word = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
        return Fence(character: ch, length: length, language: word)
    }

    /// Whether `line` closes this fence: the same character, at least as many, nothing after.
    func isClosed(by line: Substring) -> Bool {
        let body = line.trimmingTrailingNewline
        let indent = body.prefix { $0 == " " }.count
        guard indent <= 3 else { return false }
        let rest = body.dropFirst(indent)
        let count = rest.prefix { $0 == character }.count
        guard count >= length else { return false }
        return rest.dropFirst(count).allSatisfy { $0 == " " || $0 == "\t" }
    }
}

/// Walks the lines of a notebook, cutting them into pieces.
struct LineScanner {
    let lines: [Substring]
    let path: String
    var pieces: [Notebook.Piece] = []
    var prose = ""
    var cellCount = 0

    init(lines: [Substring], path: String) {
        self.lines = lines
        self.path = path
    }

    mutating func scan() throws(NotebookError) -> Notebook {
        var i = 0
        while i < lines.count {
            guard let fence = Fence.opening(lines[i]) else {
                prose += lines[i]
                i += 1
                continue
            }
            let close = try closingLine(of: fence, openedAt: i)
            if fence.language == "quire" {
                try addCell(from: i, to: close)
                i = close + 1
                if let (attachment, next) = attachment(from: i) {
                    pieces.append(.attachment(attachment))
                    i = next
                }
            } else {
                for line in lines[i...close] { prose += line }
                i = close + 1
            }
        }
        flushProse()
        return Notebook(path: path, pieces: pieces)
    }

    /// The index of the line that closes `fence`, opened at line index `start`.
    func closingLine(of fence: Fence, openedAt start: Int) throws(NotebookError) -> Int {
        var j = start + 1
        while j < lines.count {
            if fence.isClosed(by: lines[j]) { return j }
            j += 1
        }
        let what = fence.language.isEmpty ? "code block" : "\"\(fence.language)\" block"
        throw NotebookError(
            "this \(what) is never closed", path: path, line: start + 1,
            hint: "end it with a line of \(String(repeating: fence.character, count: fence.length))")
    }

    mutating func flushProse() {
        if !prose.isEmpty { pieces.append(.prose(prose)) }
        prose = ""
    }

    mutating func addCell(from open: Int, to close: Int) throws(NotebookError) {
        flushProse()
        cellCount += 1
        let raw = lines[open...close].joined()
        let code = lines[(open + 1)..<close].joined()
        let options = try CellOptionParser.parse(lines[(open + 1)..<close], firstLine: open + 2, path: path)
        pieces.append(.cell(Cell(number: cellCount, raw: raw, code: code, firstCodeLine: open + 2, options: options)))
    }

    /// The `output` block and figure links right after a cell (blank lines allowed before each),
    /// and the index of the line after them; nil when the cell has neither.
    func attachment(from start: Int) -> (Attachment, Int)? {
        var i = skipBlank(from: start)
        var output: String?
        var end = start
        var firstLine: Int?
        if i < lines.count, let fence = Fence.opening(lines[i]), fence.language == "output",
            let close = (i + 1..<lines.count).first(where: { fence.isClosed(by: lines[$0]) })
        {
            output = lines[(i + 1)..<close].joined()
            firstLine = i + 1
            end = close + 1
            i = skipBlank(from: end)
        }
        var figures: [String] = []
        while i < lines.count, let target = figureLink(lines[i]) {
            figures.append(target)
            if firstLine == nil { firstLine = i + 1 }
            end = i + 1
            i = skipBlank(from: end)
        }
        guard let firstLine else { return nil }
        let raw = lines[start..<end].joined()
        return (Attachment(raw: raw, output: output, figures: figures, line: firstLine), end)
    }

    func skipBlank(from start: Int) -> Int {
        var i = start
        while i < lines.count, lines[i].allSatisfy({ $0.isWhitespace }) { i += 1 }
        return i
    }

    /// The target of a figure link the runner wrote: `![cell 2](NAME.out/cell-2-1.svg)`.
    func figureLink(_ line: Substring) -> String? {
        let body = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard body.hasPrefix("![cell "), body.hasSuffix(")"), let mid = body.range(of: "](") else { return nil }
        let number = body[body.index(body.startIndex, offsetBy: 7)..<mid.lowerBound]
        guard !number.isEmpty, number.allSatisfy(\.isNumber) else { return nil }
        let target = body[mid.upperBound..<body.index(before: body.endIndex)]
        guard target.contains("/cell-") else { return nil }
        return String(target)
    }
}

extension Substring {
    /// The line without its "\n" or "\r\n".
    var trimmingTrailingNewline: Substring {
        var s = self
        while let last = s.last, last == "\n" || last == "\r\n" || last == "\r" { s = s.dropLast() }
        return s
    }
}

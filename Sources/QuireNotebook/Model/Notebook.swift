/// A Markdown notebook as read from its file: prose kept byte for byte, and the code cells.
///
/// The file is a sequence of pieces whose concatenation is exactly the file's text, so writing
/// a notebook back without changes gives the same bytes.
public struct Notebook: Sendable {
    /// The path the notebook was read from, as the user gave it.
    public let path: String
    public var pieces: [Piece]

    public enum Piece: Sendable {
        /// Prose and other (non-`quire`) fenced blocks, exactly as written.
        case prose(String)
        /// A `quire` cell, from its opening fence through its closing fence line.
        case cell(Cell)
        /// What the runner wrote after a cell: its `output` block and figure links, with the
        /// blank lines before them, exactly as written.
        case attachment(Attachment)
    }

    public init(path: String, pieces: [Piece]) {
        self.path = path
        self.pieces = pieces
    }

    /// The cells, in order.
    public var cells: [Cell] {
        pieces.compactMap { if case .cell(let c) = $0 { c } else { nil } }
    }

    /// The attachment right after the cell numbered `number`, if the file has one.
    public func attachment(ofCell number: Int) -> Attachment? {
        for (i, piece) in pieces.enumerated() {
            guard case .cell(let c) = piece, c.number == number else { continue }
            if i + 1 < pieces.count, case .attachment(let a) = pieces[i + 1] { return a }
            return nil
        }
        return nil
    }

    /// The notebook's text: the concatenation of its pieces.
    public var text: String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .prose(let s): out += s
            case .cell(let c): out += c.raw
            case .attachment(let a): out += a.raw
            }
        }
        return out
    }

    /// The name of the folder beside the notebook that holds its figures and HTML (`NAME.out`).
    public var outputFolderName: String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        let stem = file.hasSuffix(".md") ? String(file.dropLast(3)) : file.hasSuffix(".ipynb") ? String(file.dropLast(6)) : file
        return stem + ".out"
    }
}

/// One `quire` code cell.
public struct Cell: Sendable {
    /// 1-based, in file order.
    public let number: Int
    /// The cell's text from its opening fence line through its closing fence line.
    public let raw: String
    /// The code between the fences (including `#|` option lines, which are comments).
    public var code: String
    /// The 1-based line of the notebook file holding the first line of `code`.
    public let firstCodeLine: Int
    public var options: CellOptions
}

/// The `#|` options at the top of a cell.
public struct CellOptions: Sendable, Equatable {
    /// Seconds the cell may run, if limited.
    public var timeout: Double?
    /// The cell teaches an error: it must fail, and the error is its output.
    public var expectError = false
    /// Whether `quire check` compares the cell's output (false for timings and the like).
    public var check = true
    /// Teaching: the exercise this cell is (`#| exercise: q1, points: 2`), and its points.
    public var exercise: String?
    public var points: Double?
    /// Teaching: the whole cell is the teacher's solution (stubbed in the handout).
    public var solution = false
    /// Teaching: the exercise this cell tests, publicly (`#| test: q1`) or only when grading
    /// (`#| hidden-test: q1`, removed from the handout).
    public var test: String?
    public var hiddenTest: String?
    /// Teaching: shown after a failed test (`#| hint: look at the kernel size`).
    public var hint: String?
    /// The cell is not run (`#| skip`, or `#| skip: why`): a REPL input stopped with Ctrl-C.
    public var skip: String?

    /// The exercise a test cell (public or hidden) belongs to.
    public var testedExercise: String? { test ?? hiddenTest }
    /// The cell holds the defaults of `quire run -p NAME VALUE` (papermill's "parameters" tag).
    public var parameters = false
    /// The cell was added by `quire run -p`, after the parameters cell.
    public var injectedParameters = false

    public init(timeout: Double? = nil, expectError: Bool = false, check: Bool = true) {
        self.timeout = timeout
        self.expectError = expectError
        self.check = check
    }
}

/// The `output` block and figure links the runner wrote after a cell.
public struct Attachment: Sendable {
    /// The exact text, from the first blank line after the cell through the last link line.
    public let raw: String
    /// The text inside the `output` block (each line ending in a newline), if there is one.
    public let output: String?
    /// The targets of the figure links, in order (`NAME.out/cell-2-1.svg`).
    public let figures: [String]
    /// The 1-based line of the `output` block's opening fence (or of the first link).
    public let line: Int
}

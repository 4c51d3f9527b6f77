import QuireLang

/// How a cell's run ended.
public enum CellStatus: String, Codable, Sendable {
    case ok
    case error
    /// An `expect-error` cell that failed, as it should.
    case expectedError = "expected-error"
    case timeout
    /// Not run, because an earlier cell failed.
    case skipped
    /// Not run: the cell still has a `___` blank, or tests an exercise that has one.
    case notDone = "not-done"
}

/// Where a cell's error points in the notebook file.
public struct ErrorLocation: Codable, Sendable, Equatable {
    public let line: Int
    public let column: Int
}

/// What running one cell gave.
public struct CellResult {
    public let cell: Cell
    public var status: CellStatus
    /// Seconds the cell ran.
    public var duration: Double = 0
    /// Printed text, displayed values and figures, in order.
    public var items: [OutputItem] = []
    /// The error's one-line message, when the cell failed (or failed as expected).
    public var errorMessage: String?
    /// The error as rendered for people (message, place, underline, hint).
    public var errorText: String?
    public var errorLocation: ErrorLocation?
    /// The Quire error itself, kept so that its text can be rendered again for new line numbers.
    public var error: QuireError?
    /// The figure files written for this cell, relative to the notebook's folder.
    public var figureLinks: [String] = []

    /// Whether the cell ended as the notebook says it should.
    public var isExpected: Bool { status == .ok || status == .expectedError || status == .notDone }

    /// The text that belongs in the cell's `output` block: what it printed and displayed, and
    /// for an `expect-error` cell, its error.
    public var outputText: String {
        var out = ""
        for item in items {
            switch item {
            case .text(let t): out += t
            case .html(let t, _): out += t
            case .figure: break
            }
        }
        if status == .expectedError, let errorText {
            if !out.isEmpty && !out.hasSuffix("\n") { out += "\n" }
            out += errorText
        }
        return out
    }
}

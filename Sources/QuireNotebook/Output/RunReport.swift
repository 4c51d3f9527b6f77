import Foundation
import QuireSupport

/// The machine-readable journal of a run (`--report FILE.json`).
struct RunReport: Encodable {
    struct CellEntry: Encodable {
        let cell: Int
        let line: Int
        let status: CellStatus
        /// Seconds.
        let duration: Double
        let output: String
        let figures: [String]
        let error: ErrorEntry?
    }

    struct ErrorEntry: Encodable {
        let message: String
        let line: Int?
        let column: Int?
        let text: String
    }

    let notebook: String
    /// "ok" when every cell ran as expected, "failed" otherwise, "invalid" when the notebook
    /// could not be read or parsed.
    let status: String
    let error: ErrorEntry?
    let cells: [CellEntry]

    init(notebook: String, results: [CellResult]) {
        self.notebook = notebook
        self.status = results.contains { !$0.isExpected && $0.status != .skipped } ? "failed" : "ok"
        self.error = nil
        self.cells = results.map { r in
            CellEntry(
                cell: r.cell.number, line: r.cell.firstCodeLine, status: r.status,
                duration: (r.duration * 1e6).rounded() / 1e6, output: r.outputText, figures: r.figureLinks,
                error: r.errorText.map {
                    ErrorEntry(message: r.errorMessage ?? "", line: r.errorLocation?.line, column: r.errorLocation?.column, text: $0)
                })
        }
    }

    init(notebook: String, invalid: NotebookError) {
        self.notebook = notebook
        self.status = "invalid"
        self.error = ErrorEntry(message: invalid.message, line: invalid.line, column: nil, text: invalid.render())
        self.cells = []
    }

    func write(to path: String) throws(NotebookError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(self)
            try AtomicWrite.write(String(decoding: data, as: UTF8.self) + "\n", to: path)
        } catch let error as WriteError {
            throw NotebookError("cannot write the report \(path): \(error.reason)", hint: "--report takes the path of a JSON file, such as run.json")
        } catch {
            throw NotebookError("cannot write the report \(path): \(error)")
        }
    }
}

import Foundation
import QuireSupport

/// Writes notebooks: the text with fresh `output` blocks, and files replaced atomically.
public enum NotebookWriter {
    /// The notebook's text with each cell's `output` block and figure links set to what its run
    /// gave. A cell whose output and figures did not change keeps its attachment byte for byte.
    public static func updatedText(_ notebook: Notebook, results: [CellResult]) -> String {
        let first = assemble(notebook, results: results)
        // Errors stored for expect-error cells name lines, and the new blocks moved the cells:
        // render them again for the new lines. Their line count does not depend on the line
        // numbers, so the second text has the cells where the first had them.
        guard results.contains(where: { $0.status == .expectedError && $0.error != nil }),
            let moved = try? NotebookParser.parse(first, path: notebook.path)
        else { return first }
        var relocation = ErrorRelocation(
            path: notebook.path, offsets: Dictionary(moved.cells.map { ($0.number, $0.firstCodeLine - 1) }, uniquingKeysWith: { a, _ in a })
        )
        let relocated = results.map { result -> CellResult in
            guard result.status == .expectedError, let error = result.error else { return result }
            var copy = result
            copy.errorText = relocation.render(error)
            return copy
        }
        return assemble(notebook, results: relocated)
    }

    static func assemble(_ notebook: Notebook, results: [CellResult]) -> String {
        let byCell = Dictionary(results.map { ($0.cell.number, $0) }, uniquingKeysWith: { a, _ in a })
        var pieces: [Notebook.Piece] = []
        var i = 0
        let old = notebook.pieces
        while i < old.count {
            guard case .cell(let cell) = old[i] else {
                pieces.append(old[i])
                i += 1
                continue
            }
            pieces.append(old[i])
            i += 1
            var previous: Attachment?
            if i < old.count, case .attachment(let a) = old[i] {
                previous = a
                i += 1
            }
            guard let result = byCell[cell.number], result.status != .skipped, result.status != .notDone else {
                if let previous { pieces.append(.attachment(previous)) }
                continue
            }
            if let fresh = attachment(for: result, after: cell, replacing: previous) {
                pieces.append(.attachment(fresh))
            }
        }
        return Notebook(path: notebook.path, pieces: pieces).text
    }

    /// The attachment a cell should have after `result`; the old one when nothing changed.
    static func attachment(for result: CellResult, after cell: Cell, replacing previous: Attachment?) -> Attachment? {
        let output = result.outputText
        let figures = result.figureLinks
        if let previous, normalized(previous.output ?? "") == normalized(output), previous.figures == figures {
            return previous
        }
        if output.isEmpty && figures.isEmpty { return nil }
        var raw = cell.raw.hasSuffix("\n") ? "" : "\n"
        if !output.isEmpty {
            let fence = outputFence(for: output)
            raw += "\n\(fence)output\n\(terminated(output))\(fence)\n"
        }
        for link in figures {
            raw += "\n![cell \(cell.number)](\(link))\n"
        }
        return Attachment(raw: raw, output: output.isEmpty ? nil : output, figures: figures, line: 0)
    }

    /// A backtick fence longer than any backtick run that starts a line of `output`.
    static func outputFence(for output: String) -> String {
        var longest = 0
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            longest = max(longest, trimmed.prefix { $0 == "`" }.count)
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }

    /// Output compared as whole lines: a missing final newline is not a difference.
    static func normalized(_ text: String) -> String {
        text.isEmpty ? "" : terminated(text.replacingOccurrences(of: "\r\n", with: "\n"))
    }

    /// Replaces the file at `path` with `text` all at once: written to a temporary file beside
    /// it (`.NAME.quire-tmp-...`), then renamed over it, so a crash leaves either the old file or
    /// the new one. Temporary files that an earlier, killed update left are removed first.
    public static func writeAtomically(_ text: String, to path: String) throws(NotebookError) {
        try writeAtomically(Data(text.utf8), to: path)
    }

    /// The same for bytes (a notebook written as `.ipynb` JSON).
    public static func writeAtomically(_ data: Data, to path: String) throws(NotebookError) {
        AtomicWrite.removeStaleTemporaries(of: path)
        do {
            try AtomicWrite.write(data, to: path)
        } catch {
            throw NotebookError("cannot write \(path): \(error.reason)", path: path, hint: "the notebook was left as it was")
        }
    }

    /// Refuses early when `path` may not be rewritten: a read-only file (honoured even for the
    /// superuser, who could otherwise rename over it) or a folder that takes no new files.
    public static func checkWritable(_ path: String) throws(NotebookError) {
        let manager = FileManager.default
        let permissions = ((try? manager.attributesOfItem(atPath: path))?[.posixPermissions] as? NSNumber)?.intValue ?? 0o644
        if permissions & 0o222 == 0 || access(path, W_OK) != 0 {
            throw NotebookError(
                "cannot update \(path): the file is read-only", path: path,
                hint: "make it writable (chmod u+w \(path)), or run without --update; the notebook was not changed")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if access(folder, W_OK) != 0 {
            throw NotebookError(
                "cannot update \(path): its folder \(folder) is not writable", path: path,
                hint: "the update writes a temporary file beside the notebook; the notebook was not changed")
        }
    }
}

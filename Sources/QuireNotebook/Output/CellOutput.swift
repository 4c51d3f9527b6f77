import Foundation
import QuireLang
import QuireSupport

/// One thing a cell shows, as every output format of a notebook receives it: the one output
/// seam between running (or reading stored outputs) and writing a page or a document.
public enum CellOutput: Equatable {
    /// Printed text, and shown values that have no richer form.
    case text(String)
    /// A table: its text (as printed, ending in a newline) and its HTML.
    case table(text: String, html: String)
    /// A figure, drawn to memory or read from the file a run wrote.
    case figure(FigureImage)
    /// A cell's error as rendered for people (place, underline, hint).
    case error(String)
}

/// A figure's bytes in one format.
public struct FigureImage: Equatable {
    /// "svg" or "png".
    public let format: String
    public let data: Data
}

/// A format a notebook is written in (the HTML page, the `.ipynb` document): it is handed the
/// notebook's pieces in order, each cell with its outputs. The walk is `write(_:outputs:)`.
protocol NotebookOutputFormat {
    /// A stretch of prose, exactly as written.
    mutating func prose(_ text: String)
    /// A code cell, with how it ran (when it did) and what it shows.
    mutating func cell(_ cell: Cell, result: CellResult?, outputs: [CellOutput])
    /// The stored attachment that followed the cell in the file, exactly as written.
    mutating func attachment(_ attachment: Attachment)
}

extension NotebookOutputFormat {
    /// Hands every piece of `notebook` to this format, each cell with the outputs `outputs` gives.
    mutating func write<Failure: Error>(
        _ notebook: Notebook, outputs: (Cell) throws(Failure) -> (CellResult?, [CellOutput])
    ) throws(Failure) {
        for piece in notebook.pieces {
            switch piece {
            case .prose(let text): prose(text)
            case .cell(let cell):
                let (result, shown) = try outputs(cell)
                self.cell(cell, result: result, outputs: shown)
            case .attachment(let attachment): self.attachment(attachment)
            }
        }
    }
}

extension CellOutput {
    /// What a cell showed in this run: its items in order (figures read from the files the run
    /// wrote, or drawn to memory when it wrote none), then its error.
    static func ofRun(_ result: CellResult, directory: String) -> [CellOutput] {
        var outputs: [CellOutput] = []
        var figure = 0
        for item in result.items {
            switch item {
            case .text(let text): outputs.append(.text(text))
            case .html(let text, let html): outputs.append(.table(text: text, html: html))
            case .figure(let drawing):
                figure += 1
                if figure <= result.figureLinks.count {
                    let link = result.figureLinks[figure - 1]
                    let path = (directory as NSString).appendingPathComponent(link)
                    if let data = FileManager.default.contents(atPath: path) {
                        outputs.append(.figure(FigureImage(format: URL(fileURLWithPath: link).pathExtension.lowercased(), data: data)))
                        continue
                    }
                }
                let format = drawing.preferredExtension
                outputs.append(.figure(FigureImage(format: format, data: (try? drawing.data(format: format)) ?? Data())))
            }
        }
        if let error = result.errorText { outputs.append(.error(error)) }
        return outputs
    }

    /// What a notebook file stores for the cell numbered `number`: its `output` block, with the
    /// tables the last run recorded (`StoredTables`) found in it, and its linked figures.
    static func stored(ofCell number: Int, in notebook: Notebook, directory: String) throws(NotebookError) -> [CellOutput] {
        guard let attachment = notebook.attachment(ofCell: number) else { return [] }
        var outputs: [CellOutput] = []
        if let text = attachment.output {
            outputs += StoredTables.split(text, tables: StoredTables.read(cell: number, of: notebook, in: directory))
        }
        for link in attachment.figures {
            let file = (directory as NSString).appendingPathComponent(link)
            guard let data = FileManager.default.contents(atPath: file) else {
                throw NotebookError(
                    "the figure \(link) linked from \(notebook.path) is missing", path: notebook.path,
                    hint: "run `quire run --update \(notebook.path)` to write the figures first")
            }
            outputs.append(.figure(FigureImage(format: link.lowercased().hasSuffix(".svg") ? "svg" : "png", data: data)))
        }
        return outputs
    }
}

/// The tables of a run, kept beside its figures (`NAME.out/cell-N.tables.json`: their text and
/// HTML, in order), so that a notebook's stored outputs can give a table as HTML where the
/// `output` block holds only its text. A table is used only where its text is found, whole
/// lines, in the stored block, so a stale file never puts a wrong table into a document.
enum StoredTables {
    struct Table: Codable, Equatable {
        let text: String
        let html: String
    }

    static func file(cell number: Int) -> String { "cell-\(number).tables.json" }

    /// Records the tables `result` showed (and removes the record of a cell that shows none).
    static func write(_ result: CellResult, of notebook: Notebook, in directory: String) throws(NotebookError) {
        let tables = result.items.compactMap { item -> Table? in
            if case .html(let text, let html) = item { return Table(text: text, html: html) }
            return nil
        }
        let name = file(cell: result.cell.number)
        guard !tables.isEmpty else {
            let path = (directory as NSString).appendingPathComponent(notebook.outputFolderName + "/" + name)
            if FileManager.default.fileExists(atPath: path) { try? FileManager.default.removeItem(atPath: path) }
            return
        }
        let folder = try OutputFolder.create(for: notebook, in: directory)
        do {
            let data = try JSONEncoder.sortedKeys.encode(tables)
            try AtomicWrite.write(data, to: (folder as NSString).appendingPathComponent(name))
        } catch let error as WriteError {
            throw OutputFolder.error(error, shownAs: name, notebook: notebook)
        } catch {
            throw NotebookError("cannot write the tables of cell \(result.cell.number): \(error)", path: notebook.path)
        }
    }

    /// The tables recorded for a cell; none when there is no record or it cannot be read.
    static func read(cell number: Int, of notebook: Notebook, in directory: String) -> [Table] {
        let path = (directory as NSString).appendingPathComponent(notebook.outputFolderName + "/" + file(cell: number))
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return (try? JSONDecoder().decode([Table].self, from: data)) ?? []
    }

    /// `text` cut into plain text and the tables found in it, in order. A table whose text is
    /// not there (whole lines, after the previous table) stays text.
    static func split(_ text: String, tables: [Table]) -> [CellOutput] {
        var outputs: [CellOutput] = []
        var rest = Substring(text)
        for table in tables where !table.text.isEmpty {
            var search = rest.startIndex
            var found: Range<Substring.Index>?
            while let range = rest[search...].range(of: table.text) {
                let atLineStart = range.lowerBound == rest.startIndex || rest[rest.index(before: range.lowerBound)] == "\n"
                let atLineEnd = table.text.hasSuffix("\n") || range.upperBound == rest.endIndex || rest[range.upperBound] == "\n"
                if atLineStart && atLineEnd {
                    found = range
                    break
                }
                search = rest.index(after: range.lowerBound)
            }
            guard let range = found else { continue }
            if range.lowerBound > rest.startIndex { outputs.append(.text(String(rest[..<range.lowerBound]))) }
            outputs.append(.table(text: String(rest[range]), html: table.html))
            rest = rest[range.upperBound...]
        }
        if !rest.isEmpty { outputs.append(.text(String(rest))) }
        return outputs
    }
}

extension JSONEncoder {
    static var sortedKeys: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

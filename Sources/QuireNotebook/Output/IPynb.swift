import Foundation

/// `.ipynb` (nbformat 4.5) both ways.
///
/// A Quire notebook becomes: one Markdown cell per stretch of prose, one code cell per `quire`
/// cell (its code as written, `#|` options included, the options also as metadata and tags), with
/// the stored outputs: the `output` block as a `stream` and each linked figure as `display_data`
/// (PNG base64, SVG as text). What Markdown needs back byte for byte (fences, blank lines, the
/// output block as written) rides in each cell's `quire` metadata, so `.md` → `.ipynb` → `.md`
/// gives the same bytes. A notebook edited in Jupyter (or made there) comes back from its cells
/// and outputs. A notebook of another kernel (Python) comes back as prose with its code in fenced
/// blocks of its language, to translate by hand.
public enum IPynb {
    /// Jupyter's name for the Quire kernel and its language.
    public static var kernelspec: [String: Any] { ["name": "quire", "display_name": "Quire", "language": "quire"] }
    static var languageInfo: [String: Any] { [
        "name": "quire", "file_extension": ".qr", "mimetype": "text/x-quire", "codemirror_mode": "python",
    ] }

    // MARK: Markdown → ipynb

    /// The `.ipynb` JSON of a parsed notebook with its stored outputs; figures linked from it
    /// (and the tables its last run recorded) are read from `directory`.
    public static func json(from notebook: Notebook, directory: String) throws(NotebookError) -> Data {
        var document = IPynbDocument()
        try document.write(notebook) { cell throws(NotebookError) in
            (nil, try CellOutput.stored(ofCell: cell.number, in: notebook, directory: directory))
        }
        return try document.data(path: notebook.path)
    }

    static func codeCell(_ cell: Cell) -> [String: Any] {
        let open = String(cell.raw.prefix { $0 != "\n" }) + (cell.raw.contains("\n") ? "\n" : "")
        let close = String(cell.raw.dropFirst(open.count + cell.code.count))
        var quire: [String: Any] = ["fence": open, "close": close]
        var tags: [String] = []
        var options: [String: Any] = [:]
        if cell.options.expectError {
            tags += ["expect-error", "raises-exception"]  // nbclient runs on past a cell tagged raises-exception
            options["expect-error"] = true
        }
        if !cell.options.check { options["check"] = false }
        if let timeout = cell.options.timeout { options["timeout"] = timeout }
        teachingMetadata(cell.options, tags: &tags, options: &options)
        for line in cell.code.split(separator: "\n") where line.trimmingCharacters(in: .whitespaces).hasPrefix("#|") {
            let body = line.trimmingCharacters(in: .whitespaces).dropFirst(2).trimmingCharacters(in: .whitespaces)
            if body == "parameters" || body == "injected-parameters" { tags.append(body) }
        }
        quire["options"] = options
        var metadata: [String: Any] = ["quire": quire]
        if !tags.isEmpty { metadata["tags"] = tags }
        return [
            "cell_type": "code", "id": "cell-\(cell.number)", "metadata": metadata, "source": lines(cell.code),
            "outputs": [Any](), "execution_count": cell.number,
        ]
    }

    /// Teaching cells tagged so that Jupyter shows what they are (`exercise:q1`, `points:2`,
    /// `test:q1`), their options also kept in the `quire` metadata.
    static func teachingMetadata(_ cell: CellOptions, tags: inout [String], options: inout [String: Any]) {
        if let id = cell.exercise {
            let points = cell.points ?? 1
            tags += ["exercise:\(id)", "points:\(GradeReport.points(points))"]
            options["exercise"] = id
            options["points"] = points
        }
        if let id = cell.test {
            tags.append("test:\(id)")
            options["test"] = id
        }
        if let id = cell.hiddenTest {
            tags.append("hidden-test:\(id)")
            options["hidden-test"] = id
        }
        if cell.solution { options["solution"] = true }
        if let hint = cell.hint { options["hint"] = hint }
    }

    static func appendQuireMetadata(_ cell: inout [String: Any], _ key: String, _ text: String) {
        var metadata = cell["metadata"] as? [String: Any] ?? [:]
        var quire = metadata["quire"] as? [String: Any] ?? [:]
        quire[key] = (quire[key] as? String ?? "") + text
        metadata["quire"] = quire
        cell["metadata"] = metadata
    }

    /// A cell's outputs as nbformat's: text as a `stream`, a table as an `execute_result` when it
    /// is the cell's last output (its value) and a `display_data` otherwise, with `text/html`
    /// beside `text/plain`; a figure as a `display_data`; an error as an `error`.
    static func outputs(_ shown: [CellOutput], executionCount: Int) -> [[String: Any]] {
        var outputs: [[String: Any]] = []
        for (index, output) in shown.enumerated() {
            switch output {
            case .text(let text):
                outputs.append(["output_type": "stream", "name": "stdout", "text": lines(text)])
            case .table(let text, let html):
                // the text without its last newline, as a kernel sends a value's text
                let plain = text.hasSuffix("\n") ? String(text.dropLast()) : text
                let data: [String: Any] = ["text/plain": lines(plain), "text/html": lines(html)]
                if index == shown.count - 1 {
                    outputs.append(["output_type": "execute_result", "data": data, "metadata": [String: Any](), "execution_count": executionCount])
                } else {
                    outputs.append(["output_type": "display_data", "data": data, "metadata": [String: Any]()])
                }
            case .figure(let image):
                let mime: [String: Any] =
                    image.format == "svg"
                    ? ["image/svg+xml": lines(String(decoding: image.data, as: UTF8.self)), "text/plain": ["<Figure>"]]
                    : ["image/png": image.data.base64EncodedString(), "text/plain": ["<Figure>"]]
                outputs.append(["output_type": "display_data", "data": mime, "metadata": [String: Any]()])
            case .error(let text):
                let first = String(text.prefix { $0 != "\n" })
                let message = first.hasPrefix("error: ") ? String(first.dropFirst(7)) : first
                outputs.append([
                    "output_type": "error", "ename": "Error", "evalue": message,
                    "traceback": text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                ])
            }
        }
        return outputs
    }

    /// Text as nbformat stores it: a list of lines, each but the last ending in a newline.
    static func lines(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == "\n" {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    // MARK: ipynb → Markdown

    /// What an `.ipynb` holds, read and checked.
    public struct Document {
        /// The kernel's name (`quire`, `python3`), when the notebook names one.
        public var kernelName: String?
        /// The language of the code cells (`quire`, `python`).
        public var language: String
        public var cells: [[String: Any]]

        public var isQuire: Bool { language == "quire" || kernelName == "quire" }
    }

    /// Reads an `.ipynb` file's JSON; errors say what is wrong in a user's words.
    public static func read(_ data: Data, path: String) throws(NotebookError) -> Document {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw NotebookError("\(path) is not a Jupyter notebook: it is not valid JSON", path: path, hint: "open it in Jupyter to see whether it is damaged")
        }
        guard let format = object["nbformat"] as? Int else {
            throw NotebookError("\(path) is not a Jupyter notebook: it has no \"nbformat\" version", path: path)
        }
        guard format == 4 else {
            throw NotebookError(
                "\(path) is a version \(format) notebook; Quire reads nbformat 4", path: path,
                hint: "convert it with `jupyter nbconvert --to notebook --nbformat 4 \(path)`")
        }
        guard let cells = object["cells"] as? [[String: Any]] else {
            throw NotebookError("\(path) is not a Jupyter notebook: it has no list of \"cells\"", path: path)
        }
        let metadata = object["metadata"] as? [String: Any] ?? [:]
        let spec = metadata["kernelspec"] as? [String: Any] ?? [:]
        let info = metadata["language_info"] as? [String: Any] ?? [:]
        let language = (spec["language"] as? String) ?? (info["name"] as? String) ?? "python"
        return Document(kernelName: spec["name"] as? String, language: language.lowercased(), cells: cells)
    }

    /// The Markdown of a notebook. Figures in outputs of cells not made by Quire are written to
    /// `figureFolder` (the `NAME.out` folder) through `writeFigure(relativeLink, bytes)`.
    /// `errorsNaming` renames the notebook in stored errors (`NB.md:3:1` → `NB.ipynb:3:1`), so
    /// that a converted notebook checks as `.ipynb` as it did as `.md`.
    public static func markdown(
        from document: Document, outputFolderName: String, errorsNaming rename: (from: String, to: String)? = nil,
        writeFigure: (String, Data) throws -> Void = { _, _ in }
    ) throws -> String {
        var out = ""
        var number = 0
        for cell in document.cells {
            let type = cell["cell_type"] as? String ?? ""
            let source = text(cell["source"])
            let metadata = cell["metadata"] as? [String: Any] ?? [:]
            let quire = metadata["quire"] as? [String: Any] ?? [:]
            switch type {
            case "markdown", "raw":
                out += quire["verbatim"] as? Bool == true ? source : separated(out, terminatedLine(source))
            case "code" where document.isQuire:
                number += 1
                if let open = quire["fence"] as? String, let close = quire["close"] as? String {
                    // (a cell edited in Jupyter may have lost its last newline)
                    out += open + terminatedLine(source) + close
                } else {
                    // papermill's tags become the cell options they stand for
                    var options = ""
                    for tag in metadata["tags"] as? [String] ?? [] where ["parameters", "injected-parameters"].contains(tag) {
                        if !source.contains("#| \(tag)") { options += "#| \(tag)\n" }
                    }
                    out += separated(out, "```quire\n" + options + terminatedLine(source) + "```\n")
                }
                if let attachment = quire["attachment"] as? String, storedOutputText(attachment) == outputText(cell) {
                    out += rename.map { attachment.replacingOccurrences(of: " \($0.from):", with: " \($0.to):") } ?? attachment
                } else {
                    out += try freshAttachment(cell, number: number, outputFolderName: outputFolderName, writeFigure: writeFigure)
                }
                out += quire["after"] as? String ?? ""
            case "code":
                let language = document.language == "python3" ? "python" : document.language
                out += separated(out, "```\(language)\n" + terminatedLine(source) + "```\n")
                let printed = outputText(cell)
                if !printed.isEmpty { out += "\n```text\n" + terminatedLine(printed) + "```\n" }
            default:
                continue
            }
        }
        return out
    }

    /// `next` after `soFar`, with a blank line between when `soFar` does not end in one.
    static func separated(_ soFar: String, _ next: String) -> String {
        if soFar.isEmpty || soFar.hasSuffix("\n\n") { return next }
        return (soFar.hasSuffix("\n") ? "\n" : "\n\n") + next
    }

    static func terminatedLine(_ text: String) -> String {
        text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
    }

    /// nbformat's multiline text: a string or a list of strings.
    static func text(_ value: Any?) -> String {
        if let s = value as? String { return s }
        if let list = value as? [Any] { return list.compactMap { $0 as? String }.joined() }
        return ""
    }

    /// The text a code cell's outputs show: streams, results' plain text and errors, in order.
    static func outputText(_ cell: [String: Any]) -> String {
        var out = ""
        for output in cell["outputs"] as? [[String: Any]] ?? [] {
            switch output["output_type"] as? String {
            case "stream":
                out += text(output["text"])
            case "execute_result":
                let data = output["data"] as? [String: Any] ?? [:]
                out += terminatedLine(text(data["text/plain"]))
            case "display_data":
                // a shown value (a table) prints as its text; a figure is not text
                let data = output["data"] as? [String: Any] ?? [:]
                if data["image/png"] == nil, data["image/svg+xml"] == nil, let plain = data["text/plain"] {
                    out += terminatedLine(text(plain))
                }
            case "error":
                out += terminatedLine((output["traceback"] as? [String] ?? []).joined(separator: "\n"))
            default:
                break
            }
        }
        return out
    }

    /// The text inside the `output` block of a stored attachment.
    static func storedOutputText(_ raw: String) -> String {
        guard let parsed = try? NotebookParser.parse("```quire\n```\n" + raw, path: "x.md"),
            let attachment = parsed.attachment(ofCell: 1)
        else { return "" }
        return attachment.output ?? ""
    }

    /// An output block and figure links made from a cell's outputs.
    static func freshAttachment(
        _ cell: [String: Any], number: Int, outputFolderName: String, writeFigure: (String, Data) throws -> Void
    ) throws -> String {
        var raw = ""
        let printed = outputText(cell)
        if !printed.isEmpty {
            let fence = NotebookWriter.outputFence(for: printed)
            raw += "\n\(fence)output\n\(terminatedLine(printed))\(fence)\n"
        }
        var figure = 0
        for output in cell["outputs"] as? [[String: Any]] ?? [] {
            let data = output["data"] as? [String: Any] ?? [:]
            let bytes: Data?
            let ext: String
            if let svg = data["image/svg+xml"] {
                bytes = Data(text(svg).utf8)
                ext = "svg"
            } else if let png = data["image/png"] {
                bytes = Data(base64Encoded: text(png).filter { !$0.isWhitespace })
                ext = "png"
            } else {
                continue
            }
            guard let bytes else { continue }
            figure += 1
            let link = "\(outputFolderName)/cell-\(number)-\(figure).\(ext)"
            try writeFigure(link, bytes)
            raw += "\n![cell \(number)](\(link))\n"
        }
        return raw
    }
}

/// The `.ipynb` document as a notebook output format: one Markdown cell per stretch of prose,
/// one code cell per `quire` cell with its outputs, and what Markdown needs back byte for byte
/// (fences, blank lines, the attachment as written) in each cell's `quire` metadata.
struct IPynbDocument: NotebookOutputFormat {
    var cells: [[String: Any]] = []
    var markdownCount = 0

    mutating func prose(_ text: String) {
        // Blank lines between cells stay with the cell before, not as empty Markdown cells.
        if text.allSatisfy(\.isWhitespace), !cells.isEmpty, cells[cells.count - 1]["cell_type"] as? String == "code" {
            IPynb.appendQuireMetadata(&cells[cells.count - 1], "after", text)
            return
        }
        markdownCount += 1
        // "verbatim": the text keeps its own blank lines, so none are added between cells.
        cells.append([
            "cell_type": "markdown", "id": "md-\(markdownCount)", "metadata": ["quire": ["verbatim": true]],
            "source": IPynb.lines(text),
        ])
    }

    mutating func cell(_ cell: Cell, result: CellResult?, outputs: [CellOutput]) {
        var code = IPynb.codeCell(cell)
        code["outputs"] = IPynb.outputs(outputs, executionCount: cell.number)
        cells.append(code)
    }

    mutating func attachment(_ attachment: Attachment) {
        guard !cells.isEmpty else { return }
        IPynb.appendQuireMetadata(&cells[cells.count - 1], "attachment", attachment.raw)
    }

    /// The JSON of the document (sorted keys, two-space indentation, a final newline).
    func data(path: String) throws(NotebookError) -> Data {
        let document: [String: Any] = [
            "nbformat": 4, "nbformat_minor": 5, "cells": cells,
            "metadata": ["kernelspec": IPynb.kernelspec, "language_info": IPynb.languageInfo] as [String: Any],
        ]
        do {
            var data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            data.append(0x0A)
            return data
        } catch {
            throw NotebookError("cannot write \(path) as JSON: \(error)", path: path)
        }
    }
}

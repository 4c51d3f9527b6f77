import Foundation
import QuireLang
import QuireSupport

/// The self-contained page of a run: prose, highlighted code, outputs, tables, figures and
/// errors, with figures and local images embedded so the file works offline and alone.
struct HTMLPage {
    let notebook: Notebook
    let results: [CellResult]
    /// The absolute folder of the notebook (figures and prose images are read from there).
    var directory: String = ""
    /// What the page left out of the prose (refused images and links), one sentence each.
    let warnings = PageWarnings()

    init(notebook: Notebook, results: [CellResult]) {
        self.notebook = notebook
        self.results = results
    }

    /// Writes `NAME.out/index.html` beside the notebook and returns its path.
    func write(besideNotebook directory: String) throws(NotebookError) -> String {
        var page = self
        page.directory = directory
        let folder = try OutputFolder.create(for: notebook, in: directory)
        let path = (folder as NSString).appendingPathComponent("index.html")
        do {
            try AtomicWrite.write(page.html(), to: path)
        } catch {
            throw OutputFolder.error(error, shownAs: "index.html", notebook: notebook)
        }
        return path
    }

    func html() -> String {
        let folder = NotebookFolder(directory)
        let markdown = MarkdownRenderer(imageSource: { embeddedImage($0, from: folder) }, linkTarget: liveLink)
        let byCell = Dictionary(results.map { ($0.cell.number, $0) }, uniquingKeysWith: { a, _ in a })
        var format = HTMLBody(page: self, markdown: markdown)
        format.write(notebook) { cell in
            let result = byCell[cell.number]
            return (result, result.map { CellOutput.ofRun($0, directory: directory) } ?? [])
        }
        let body = format.body
        let file = URL(fileURLWithPath: notebook.path).lastPathComponent
        let title =
            notebook.pieces.lazy.compactMap { piece -> String? in
                guard case .prose(let text) = piece else { return nil }
                return text.split(separator: "\n").first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) }
            }.first ?? file
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="quire">
            <title>\(HTMLEscape.escape(title))</title>
            <style>
            \(Stylesheet.css)
            </style>
            </head>
            <body>
            <main>
            \(banner(file))
            \(body)
            </main>
            </body>
            </html>

            """
    }

    func banner(_ file: String) -> String {
        let failed = results.filter { !$0.isExpected && $0.status != .skipped }.count
        let total = results.reduce(0) { $0 + $1.duration }
        let state =
            failed == 0
            ? "<span class=\"ok\">all cells ran as expected</span>"
            : "<span class=\"bad\">\(failed) cell\(failed == 1 ? "" : "s") failed</span>"
        return "<p class=\"banner\">\(HTMLEscape.escape(file)) · \(results.count) cells · \(formatDuration(max(total, 0.001))) · \(state)</p>"
    }

    func cell(_ cell: Cell, _ result: CellResult?, _ shown: [CellOutput]) -> String {
        let status = result?.status ?? .skipped
        var out = "<section class=\"cell \(status.rawValue)\" id=\"cell-\(cell.number)\">\n"
        var meta = "<span class=\"label\">[\(cell.number)]</span>"
        if cell.options.injectedParameters { meta += "<span class=\"label\">parameters injected by quire run -p</span>" }
        switch status {
        case .ok: meta += "<span class=\"time\">\(formatDuration(max(result?.duration ?? 0, 0.001)))</span>"
        case .expectedError: meta += "<span class=\"time\">failed as expected · \(formatDuration(max(result?.duration ?? 0, 0.001)))</span>"
        case .error: meta += "<span class=\"time bad\">error · \(formatDuration(max(result?.duration ?? 0, 0.001)))</span>"
        case .timeout: meta += "<span class=\"time bad\">timed out after \(formatDuration(result?.duration ?? 0))</span>"
        case .skipped: meta += "<span class=\"time\">not run</span>"
        case .notDone: meta += "<span class=\"time\">\(HTMLEscape.escape(result?.errorMessage ?? "not done yet"))</span>"
        }
        out += "<div class=\"meta\">\(meta)</div>\n"
        var code = cell.code
        if code.hasSuffix("\n") { code.removeLast() }
        out += "<pre class=\"code\"><code>\(QuireHighlighter.highlight(code))</code></pre>\n"
        if let result { out += outputs(shown, cell: result.cell.number) }
        return out + "</section>\n"
    }

    func outputs(_ shown: [CellOutput], cell number: Int) -> String {
        var parts: [String] = []
        var figure = 0
        for output in shown {
            switch output {
            case .text(let t): parts.append("<pre class=\"out\">\(HTMLEscape.escape(t))</pre>")
            case .table(_, let html): parts.append("<div class=\"rich\">\(html)</div>")
            case .figure(let image):
                figure += 1
                let source = image.data.isEmpty ? "" : dataURI(image.data, type: image.format)
                parts.append("<figure><img alt=\"figure \(figure) of cell \(number)\" src=\"\(source)\"></figure>")
            case .error(let text): parts.append("<pre class=\"err\">\(HTMLEscape.escape(text))</pre>")
            }
        }
        return parts.isEmpty ? "" : "<div class=\"output\">\n" + parts.joined(separator: "\n") + "\n</div>\n"
    }

    /// An image named in the prose: embedded when it is a file inside the notebook's folder,
    /// loaded by the browser when it is an http(s) address, linked when it is missing from the
    /// folder; refused (nil, with a warning) otherwise, so a page never carries other files.
    func embeddedImage(_ target: String, from folder: NotebookFolder) -> String? {
        let form = LinkPolicy.browserForm(target)
        if let scheme = LinkPolicy.scheme(form) {
            if LinkPolicy.remoteImageSchemes.contains(scheme) { return target }
            warnings.add("the image \(target) was not embedded: only images inside the notebook's folder or at http(s) addresses are")
            return nil
        }
        switch folder.locate(form.removingPercentEncoding ?? form) {
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                warnings.add("the image \(target) was not embedded: it cannot be read")
                return nil
            }
            return dataURI(data, path: path)
        case .missing:
            return "../" + target
        case .refused(let reason):
            warnings.add("the image \(target) was not embedded: \(reason)")
            return nil
        }
    }

    /// A prose link's target when it may be live (http, https, mailto, relative); nil with a
    /// warning otherwise.
    func liveLink(_ target: String) -> String? {
        if LinkPolicy.isLive(target) { return target }
        warnings.add("the link \(target) was not made live: only http, https, mailto and relative links are")
        return nil
    }

    func dataURI(_ data: Data, path: String) -> String {
        dataURI(data, type: URL(fileURLWithPath: path).pathExtension.lowercased())
    }

    func dataURI(_ data: Data, type fileExtension: String) -> String {
        let types = ["svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif"]
        let type = types[fileExtension] ?? "application/octet-stream"
        return "data:\(type);base64,\(data.base64EncodedString())"
    }
}

/// Sentences about what a page left out, gathered while it is rendered.
final class PageWarnings {
    private(set) var messages: [String] = []
    func add(_ message: String) { if !messages.contains(message) { messages.append(message) } }
}

/// The page's body as a notebook output format: prose rendered from Markdown, each cell with
/// its code, how it ran and its outputs; stored attachments are left out (this run's outputs
/// are shown instead).
struct HTMLBody: NotebookOutputFormat {
    let page: HTMLPage
    let markdown: MarkdownRenderer
    var body = ""

    mutating func prose(_ text: String) { body += markdown.render(text) }
    mutating func cell(_ cell: Cell, result: CellResult?, outputs: [CellOutput]) { body += page.cell(cell, result, outputs) }
    mutating func attachment(_ attachment: Attachment) {}
}

import QuireLang

/// Renders a cell's error again as if its cells started at other lines of the file.
///
/// `--update` inserts output blocks, which moves the cells below them; an `expect-error` cell's
/// stored error must name the lines of the file as written, not as it was before the update.
struct ErrorRelocation {
    let path: String
    /// For each cell number, the line offset its code has in the new text.
    let offsets: [Int: Int]
    private var sources: [Int: Source] = [:]

    init(path: String, offsets: [Int: Int]) {
        self.path = path
        self.offsets = offsets
    }

    /// The error's text with every span in a cell of this notebook moved to the new lines.
    mutating func render(_ error: QuireError) -> String {
        var moved = error
        moved.span = error.span.map { move($0) }
        moved.stack = error.stack.map { ($0.function, move($0.span)) }
        return NotebookRunner.portable(moved.render(), path: path)
    }

    mutating func move(_ span: SourceSpan) -> SourceSpan {
        let old = span.source
        guard old.name == path, let cell = old.cell, let offset = offsets[cell], offset != old.lineOffset else { return span }
        let source =
            sources[cell] ?? Source(name: old.name, text: old.text, lineOffset: offset, cell: cell, directory: old.directory)
        sources[cell] = source
        return SourceSpan(source: source, start: span.start, end: span.end)
    }
}

import QuireSupport

extension DataFrame {
    /// The frame as an HTML table laid out as pandas' notebook display: a header row, the index
    /// in `<th>` cells, long frames cut to their first and last 5 rows, wide ones to 20 columns.
    public func htmlText() -> String {
        /// pandas' `display.max_columns` in a notebook.
        let maxColumns = 20
        let cutRows = rowCount > DisplayOptions.maxRows
        let half = DisplayOptions.minRows / 2
        let rows = cutRows ? Array(0..<half) + Array((rowCount - half)..<rowCount) : Array(0..<rowCount)
        let cutColumns = columnCount > maxColumns
        let shownColumns = cutColumns
            ? Array(0..<(maxColumns / 2)) + Array((columnCount - maxColumns / 2)..<columnCount) : Array(0..<columnCount)
        let shown = taking(rows)
        let labels = CellFormat.labels(shown.index)
        let cells = shownColumns.map { CellFormat.cells(shown.columns[$0], leadingSpace: false) }
        var html = "<div>\n<table border=\"1\" class=\"dataframe\">\n  <thead>\n    <tr style=\"text-align: right;\">\n      <th></th>\n"
        for (k, j) in shownColumns.enumerated() {
            if cutColumns && k == maxColumns / 2 { html += "      <th>...</th>\n" }
            html += "      <th>\(HTMLEscape.escape(names[j]))</th>\n"
        }
        html += "    </tr>\n"
        if let name = index.name {
            html += "    <tr>\n      <th>\(HTMLEscape.escape(name))</th>\n"
            html += String(repeating: "      <th></th>\n", count: shownColumns.count + (cutColumns ? 1 : 0)) + "    </tr>\n"
        }
        html += "  </thead>\n  <tbody>\n"
        for r in rows.indices {
            if cutRows && r == half {
                html += "    <tr>\n      <th>...</th>\n"
                html += String(repeating: "      <td>...</td>\n", count: shownColumns.count + (cutColumns ? 1 : 0)) + "    </tr>\n"
            }
            html += "    <tr>\n      <th>\(HTMLEscape.escape(labels[r]))</th>\n"
            for k in shownColumns.indices {
                if cutColumns && k == maxColumns / 2 { html += "      <td>...</td>\n" }
                html += "      <td>\(HTMLEscape.escape(cells[k][r].trimmingLeadingSpaces()))</td>\n"
            }
            html += "    </tr>\n"
        }
        html += "  </tbody>\n</table>\n"
        if cutRows || cutColumns { html += "<p>\(rowCount) rows × \(columnCount) columns</p>\n" }
        return html + "</div>"
    }
}

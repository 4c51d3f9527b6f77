extension DataFrame {
    /// The frame as pandas prints it in an 80-column terminal: index on the left, columns
    /// right-aligned, long frames cut to their first and last 5 rows, wide frames cut in the
    /// middle with `...`, and the `[2000 rows x 21 columns]` footer when anything was cut.
    public func displayText(width: Int = DisplayOptions.width) -> String {
        if columns.isEmpty || rowCount == 0 { return emptyText() }
        let cutRows = rowCount > DisplayOptions.maxRows
        let half = DisplayOptions.minRows / 2
        let shown = cutRows ? taking(Array(0..<half) + Array((rowCount - half)..<rowCount)) : self
        var strcols = shown.stringColumns()
        if cutRows { insertDotRow(&strcols, at: half + headerRows) }
        let (fitted, cutColumns) = fitToWidth(strcols, width: width)
        var text = adjoin(fitted, space: 1)
        if let name = columnsName, let levels = index.multi?.levels.count {
            // pandas writes the columns' name from the left edge, across all the index levels.
            let width = fitted.prefix(levels).map { ($0.first?.count ?? 0) + 1 }.reduce(0, +)
            if name.count < width { text = name.padRight(width) + text.dropFirst(width) }
        }
        if cutRows || cutColumns { text += "\n\n[\(rowCount) rows x \(columnCount) columns]" }
        return text
    }

    /// Header lines above the values: the column names, plus the index's name when it has one.
    var headerRows: Int { (index.showsNames ? 2 : 1) + (hasColumnGroups ? 1 : 0) }

    /// Whether the column labels have two levels to print.
    var hasColumnGroups: Bool { columnGroups?.count == columns.count && !columns.isEmpty }

    func emptyText() -> String {
        let indexText: String
        if rowCount == 0 { indexText = "[]" } else { indexText = "[" + CellFormat.labels(index).joined(separator: ", ") + "]" }
        return "Empty DataFrame\nColumns: [" + names.joined(separator: ", ") + "]\nIndex: " + indexText
    }

    /// One list of cells per printed column (the index first), headers on top, all padded.
    func stringColumns() -> [[String]] {
        var strcols: [[String]] = []
        var indexHeader = hasColumnGroups ? ["", columnsName ?? ""] : [columnsName ?? ""]
        if let name = index.name { indexHeader.append(name) }
        if let multi = index.multi {
            for (level, labels) in multi.sparseLabels().enumerated() {
                let header = (hasColumnGroups ? [""] : []) + (index.showsNames ? ["", multi.names[level] ?? ""] : [""])
                strcols.append(CellFormat.fixedWidth(header + labels, left: true))
            }
        } else {
            strcols.append(CellFormat.fixedWidth(indexHeader + CellFormat.labels(index), left: true))
        }
        for (j, column) in columns.enumerated() {
            // pandas pads a numeric column's name with a space, but not the labels of two levels.
            var header = [(column.type == .string || hasColumnGroups ? "" : " ") + names[j]]
            if index.showsNames { header.append("") }
            if hasColumnGroups, let groups = columnGroups {
                // The outer label over the first column of its run, as pandas sparsifies it.
                header.insert(j == 0 || groups[j] != groups[j - 1] ? groups[j] : "", at: 0)
            }
            let headerWidth = header.map(\.count).max() ?? 0
            let values = CellFormat.fixedWidth(CellFormat.cells(column, leadingSpace: true), minimum: headerWidth)
            let width = max(headerWidth, values.first?.count ?? 0)
            strcols.append(header.map { $0.padLeft(width) } + values)
        }
        return strcols
    }

    /// pandas' row of dots where rows were cut: `..` in narrow columns, `...` in wider ones.
    func insertDotRow(_ strcols: inout [[String]], at row: Int) {
        for j in strcols.indices {
            let width = strcols[j][0].count
            let dots = width > 3 ? "..." : ".."
            strcols[j].insert(j < (index.multi?.levels.count ?? 1) ? dots.padRight(width) : dots.padLeft(width), at: row)
        }
    }

    /// Drops middle columns until the table fits `width`, as pandas does when it fits a frame to
    /// the terminal; returns the columns to print and whether any were dropped.
    func fitToWidth(_ strcols: [[String]], width: Int) -> ([[String]], Bool) {
        var lengths = strcols.map { $0.map(\.count).max() ?? 0 }
        var remaining = lengths.count
        let total = lengths.reduce(0, +) + remaining - 1
        var excess = total - width + 1
        guard excess > 0 else { return (strcols, false) }
        // Room for the " ..." column and its separator.
        excess += 4 + 1
        while excess > 0 && remaining > 1 {
            let mid = pythonRound(Double(remaining) / 2)
            excess -= lengths.remove(at: mid) + 1
            remaining -= 1
        }
        let fitted = max(remaining - 1, 2)
        guard fitted < strcols.count - 1 else { return (strcols, false) }
        let half = fitted / 2
        var kept = Array(strcols[0..<(half + 1)])
        kept.append([String](repeating: " ...", count: strcols[0].count))
        kept += strcols[(strcols.count - half)...]
        return (kept, true)
    }
}

/// Python's `round` for halves: to the even neighbour.
func pythonRound(_ x: Double) -> Int { Int(x.rounded(.toNearestOrEven)) }

/// pandas' `adjoin`: columns side by side, each padded to its width plus `space`.
func adjoin(_ columns: [[String]], space: Int) -> String {
    let widths = columns.enumerated().map { j, col in (col.map(\.count).max() ?? 0) + (j == columns.count - 1 ? 0 : space) }
    let height = columns.map(\.count).max() ?? 0
    var lines: [String] = []
    for i in 0..<height {
        var line = ""
        for (j, col) in columns.enumerated() {
            // Shorter columns are padded at the top, as pandas pads them.
            let offset = height - col.count
            line += (i >= offset ? col[i - offset] : "").padRight(widths[j])
        }
        lines.append(line)
    }
    return lines.joined(separator: "\n")
}

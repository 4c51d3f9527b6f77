extension Series {
    /// The series as pandas prints it: index, values, and `Name: x, dtype: int64`.
    public func displayText() -> String {
        let footer = footerText()
        if count == 0 { return "Series([], \(footer))" }
        let cut = count > DisplayOptions.maxRows
        let half = DisplayOptions.minRows / 2
        let shown = cut ? taking(Array(0..<half) + Array((count - half)..<count)) : self
        var values = CellFormat.fixedWidth(CellFormat.cells(shown.column, leadingSpace: true))
        var labels = CellFormat.labels(shown.index)
        if cut {
            let width = values[half - 1].count
            values.insert((width > 3 ? "..." : "..").centered(width), at: half)
            labels.insert("", at: half)
        }
        var text = ""
        if let indexName = index.name { text += indexName + "\n" }
        if let multi = shown.index.multi {
            // pandas joins the levels two spaces apart, their names on a line above.
            var levels = multi.sparseLabels(breakAt: cut ? half : nil)
            if cut { levels = levels.map { var l = $0; l.insert("", at: half); return l } }
            let named = index.showsNames
            let joined = adjoin(zip(levels, multi.names).map { named ? [$1 ?? ""] + $0 : $0 }, space: 2).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if named { text += joined[0].trimmingTrailingSpaces() + "\n" }
            labels = Array(joined.dropFirst(named ? 1 : 0))
        }
        text += adjoin([labels, values], space: 3)
        if !footer.isEmpty { text += "\n" + footer }
        return text
    }

    func footerText() -> String {
        var parts: [String] = []
        if let name { parts.append("Name: " + CellFormat.escaped(name)) }
        if count > DisplayOptions.maxRows { parts.append("Length: \(count)") }
        parts.append("dtype: " + (dtypeName ?? column.pandasDtype))
        return parts.joined(separator: ", ")
    }
}

extension Series {
    /// The series as an HTML table for notebooks: one column named after the series (`0` when it
    /// has no name), as pandas shows `s.to_frame()`.
    public func htmlText() -> String {
        DataFrame(names: [name ?? "0"], columns: [column], index: index).htmlText()
    }
}

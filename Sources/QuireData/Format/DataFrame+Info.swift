import Foundation

extension DataFrame {
    /// The summary pandas' `df.info()` prints: index range, one line per column with its
    /// non-null count and dtype, the dtype counts and the memory used.
    public func infoText() -> String {
        var lines = ["<class 'DataFrame'>", indexSummary()]
        if columns.isEmpty {
            lines.append("Empty DataFrame")
            return lines.joined(separator: "\n")
        }
        lines.append("Data columns (total \(columnCount) columns):")
        let headers = [" # ", "Column", "Non-Null Count", "Dtype"]
        let rows = names.indices.map { j in
            [" \(j)", CellFormat.escaped(names[j]), "\(columns[j].validCount) non-null", columns[j].pandasDtype]
        }
        let widths = headers.indices.map { k in max(headers[k].count, rows.map { $0[k].count }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            cells.indices.map { String(cells[$0].prefix(widths[$0])).padRight(widths[$0]) }.joined(separator: "  ")
        }
        lines.append(line(headers))
        lines.append(line(headers.map { String(repeating: "-", count: $0.count) }))
        lines += rows.map(line)
        var dtypeCounts: [String: Int] = [:]
        for c in columns { dtypeCounts[c.pandasDtype, default: 0] += 1 }
        lines.append("dtypes: " + dtypeCounts.keys.sorted().map { "\($0)(\(dtypeCounts[$0]!))" }.joined(separator: ", "))
        lines.append("memory usage: " + memoryText())
        return lines.joined(separator: "\n")
    }

    func indexSummary() -> String {
        let kind = index.isRange ? "RangeIndex" : "Index"
        guard rowCount > 0 else { return "\(kind): 0 entries" }
        let labels = CellFormat.labels(index.taking([0, rowCount - 1]))
        return "\(kind): \(rowCount) entries, \(labels[0]) to \(labels[1])"
    }

    /// pandas' shallow memory estimate: 8 bytes per number or object reference, 1 per bool,
    /// 132 for a RangeIndex; `+` when object columns hold more than it counts.
    func memoryText() -> String {
        /// What `sys.getsizeof` reports for a RangeIndex, which pandas adds.
        let rangeIndexBytes = 132
        var bytes = index.isRange ? rangeIndexBytes : rowCount * 8
        var partial = false
        for c in columns {
            bytes += rowCount * (c.type == .bool && c.validity == nil ? 1 : 8)
            if c.pandasDtype == "object" { partial = true }
        }
        var size = Double(bytes)
        let qualifier = partial ? "+" : ""
        for unit in ["bytes", "KB", "MB", "GB", "TB"] {
            if size < 1024 { return String(format: "%3.1f", size) + qualifier + " " + unit }
            size /= 1024
        }
        return String(format: "%3.1f", size) + qualifier + " PB"
    }
}

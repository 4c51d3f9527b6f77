import QuireSupport

/// Turning columns into the cells pandas' repr prints.
enum CellFormat {
    /// The cells of `column` as pandas formats a column's values: numbers and text with one
    /// leading space (`leadingSpace`, when an index is shown), floats with a shared precision.
    static func cells(_ column: Column, leadingSpace: Bool) -> [String] {
        let space = leadingSpace ? " " : ""
        switch column.storage {
        case .float64(let v):
            return formatFloatCells(v, leadingSpace: leadingSpace)
        case .int64(let v) where column.isDatetime:
            // pandas prints time stamps without the leading space, and dates alone when every
            // stamp is at midnight.
            let dateOnly = DateTime.allMidnight(v) { !column.isMissing($0) }
            return v.indices.map { column.isMissing($0) ? "NaT" : DateTime.text(v[$0], dateOnly: dateOnly) }
        case .int64(let v):
            return v.indices.map { column.isMissing($0) ? space + "NaN" : (v[$0] < 0 ? "" : space) + String(v[$0]) }
        case .bool(let v):
            return v.indices.map { space + (column.isMissing($0) ? "NaN" : (v[$0] ? "true" : "false")) }
        case .string(let v):
            return v.indices.map { space + (column.isMissing($0) ? "NaN" : escaped(v[$0])) }
        }
    }

    /// Index labels as pandas prints them (no leading space).
    static func labels(_ index: RowIndex) -> [String] {
        switch index.kind {
        case .range(let n): return (0..<n).map(String.init)
        case .labels(let c): return cells(c, leadingSpace: false).map { $0.trimmingLeadingSpaces() }
        }
    }

    /// Tabs and newlines shown as `\t` and `\n`, as pandas' pprint_thing does.
    static func escaped(_ s: String) -> String {
        guard s.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return s }
        return TextEscape.replacing(s, ["\t": "\\t", "\n": "\\n", "\r": "\\r"])
    }

    /// Cells padded to one width (at least `minimum`), cut to `display.max_colwidth` with "...".
    static func fixedWidth(_ cells: [String], minimum: Int = 0, left: Bool = false) -> [String] {
        let limit = DisplayOptions.maxColumnWidth
        let cut = cells.map { $0.count > limit ? String($0.prefix(limit - 3)) + "..." : $0 }
        let width = max(minimum, cut.map(\.count).max() ?? 0)
        return cut.map { left ? $0.padRight(width) : $0.padLeft(width) }
    }
}

extension String {
    func padLeft(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }

    func padRight(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// Python's `str.center`: the odd space goes left when the width is odd.
    func centered(_ width: Int) -> String {
        let margin = width - count
        guard margin > 0 else { return self }
        let left = margin / 2 + (margin & width & 1)
        return String(repeating: " ", count: left) + self + String(repeating: " ", count: margin - left)
    }

    func trimmingLeadingSpaces() -> String { String(drop { $0 == " " }) }
}

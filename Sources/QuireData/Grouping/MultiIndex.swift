/// Row labels of several levels, as pandas' MultiIndex: one column per level, each with a name.
/// A `RowIndex` carries it beside a column of tuple texts, which serves lookups and alignment.
public struct MultiIndex: Sendable {
    public var levels: [Column]
    public var names: [String?]

    public init(levels: [Column], names: [String?]) {
        precondition(levels.count == names.count && levels.count > 1, "a name per level, at least two levels")
        self.levels = levels
        self.names = names
    }

    public var count: Int { levels[0].count }

    public func taking(_ rows: [Int]) -> MultiIndex {
        MultiIndex(levels: levels.map { $0.taking(rows) }, names: names)
    }

    /// The labels as pandas prints them, level by level, each outer label blanked where it and
    /// every level outside it repeat the row above (pandas' `sparsify`; the innermost level is
    /// always shown). `breakAt` is a row after which nothing is blanked (the cut in a long table).
    func sparseLabels(breakAt: Int? = nil) -> [[String]] {
        let texts = levels.map { CellFormat.cells($0, leadingSpace: false).map { $0.trimmingLeadingSpaces() } }
        var out = texts
        for i in 1..<max(count, 1) where i != breakAt {
            for l in 0..<(levels.count - 1) {
                guard (0...l).allSatisfy({ texts[$0][i] == texts[$0][i - 1] }) else { break }
                out[l][i] = ""
            }
        }
        return out
    }

    /// The levels as columns in front of `columns` (pandas' `reset_index`; an unnamed level is
    /// `level_N`), with labels 0, 1, ...
    func columnsBefore(names: [String], columns: [Column]) throws -> DataFrame {
        let labels = self.names.enumerated().map { $1 ?? "level_\($0)" }
        if let taken = labels.first(where: names.contains) { throw DataError.columnExists(name: taken) }
        return DataFrame(names: labels + names, columns: levels + columns, index: RowIndex(range: count))
    }

    /// One text per row, "(east, apple)", for lookups by position.
    var tupleTexts: Column {
        let texts = levels.map { CellFormat.cells($0, leadingSpace: false).map { $0.trimmingLeadingSpaces() } }
        return Column(string: (0..<count).map { i in "(" + texts.map { $0[i] }.joined(separator: ", ") + ")" })
    }
}

extension RowIndex {
    /// Whether the repr shows a line of index names (a named index, or a MultiIndex with names).
    var showsNames: Bool { name != nil || multi?.names.contains { $0 != nil } == true }

    /// A MultiIndex as row labels.
    public init(multi: MultiIndex) {
        self.init(labels: multi.tupleTexts)
        self.multi = multi
    }
}

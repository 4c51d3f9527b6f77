import QuireSupport

/// pandas' `merge(how=)`.
public enum JoinKind: String, Sendable, CaseIterable {
    case inner, left, right, outer
}

extension DataFrame {
    /// pandas' `merge`: rows of `self` and `right` paired where the key columns are equal.
    /// `inner` and `left` keep the left rows' order, `right` the right's, `outer` sorts the keys.
    /// Key columns named alike on both sides appear once; other shared names get the suffixes.
    /// Missing keys match each other, as in pandas.
    public func merged(
        with right: DataFrame, how: JoinKind, leftOn: [String], rightOn: [String], suffixes: (String, String) = ("_x", "_y")
    ) throws -> DataFrame {
        precondition(leftOn.count == rightOn.count && !leftOn.isEmpty, "one right key per left key")
        let leftKeys = try leftOn.map { try column($0).column }
        let rightKeys = try rightOn.map { try right.column($0).column }
        let n = rowCount
        let keys = try JoinCodes(left: leftKeys, right: rightKeys)
        let plan = JoinPlan(keys, how: how)
        // nil: each left row once, in order (a lookup join keeps the left columns as they are).
        let leftRows = plan.left, rightRows = plan.right
        var names: [String] = [], columns: [Column] = []
        // Keys named alike on both sides are one column, filled from the right where a row has
        // no left side.
        let sharedKeys = Set(zip(leftOn, rightOn).filter { $0 == $1 }.map(\.0))
        let leftMissing = leftRows?.contains(where: { $0 < 0 }) ?? false
        for (j, name) in self.names.enumerated() {
            var c = leftRows.map { self.columns[j].taking(rowsOrMissing: $0) } ?? self.columns[j]
            if sharedKeys.contains(name), leftMissing, let leftRows {
                let other = try right.column(name).column
                let combined = Column.joining(self.columns[j], other).column
                c = combined.taking(leftRows.indices.map { leftRows[$0] >= 0 ? leftRows[$0] : n + rightRows[$0] })
            }
            let clash = !sharedKeys.contains(name) && right.names.contains(name)
            names.append(clash ? name + suffixes.0 : name)
            columns.append(c)
        }
        for (j, name) in right.names.enumerated() where !sharedKeys.contains(name) {
            let clash = self.names.contains(name)
            names.append(clash ? name + suffixes.1 : name)
            columns.append(right.columns[j].taking(rowsOrMissing: rightRows))
        }
        var result = DataFrame(names: names, columns: columns)
        if how == .outer {
            // pandas sorts an outer join's keys; equal keys keep their order.
            let keyNames = leftOn.map { sharedKeys.contains($0) ? $0 : (names.contains($0) ? $0 : $0 + suffixes.0) }
            let order = try result.sortOrder(by: keyNames, ascending: keyNames.map { _ in true })
            result = result.taking(order)
            result.index = RowIndex(range: result.rowCount)
        }
        return result
    }

    /// pandas' `concat` of frames one above another: the union of the columns (in order of
    /// first appearance), missing where a frame lacks one; the row labels kept unless
    /// `ignoreIndex`.
    public static func concatenatingRows(_ frames: [DataFrame], ignoreIndex: Bool) -> DataFrame {
        var names: [String] = []
        for f in frames { for name in f.names where !names.contains(name) { names.append(name) } }
        var columns: [Column] = []
        for name in names {
            var combined: Column?
            for f in frames {
                let part = f.names.firstIndex(of: name).map { f.columns[$0] } ?? Column.missing(f.rowCount)
                combined = combined.map { Column.joining($0, part).column } ?? part
            }
            columns.append(combined ?? Column(float64: []))
        }
        var index = RowIndex(range: frames.reduce(0) { $0 + $1.rowCount })
        if !ignoreIndex, frames.contains(where: { !$0.index.isRange }) || frames.count > 1 {
            var labels = frames.first!.index.labels
            for f in frames.dropFirst() { labels = Column.joining(labels, f.index.labels).column }
            index = RowIndex(labels: labels)
            index.fromRange = frames.allSatisfy { $0.index.isRange || $0.index.fromRange }
        }
        return DataFrame(names: names, columns: columns, index: index)
    }

    /// pandas' `concat(axis=1)` of frames side by side, lined up by row label (the union).
    public static func concatenatingColumns(_ frames: [DataFrame]) throws -> DataFrame {
        var result = frames[0]
        for f in frames.dropFirst() {
            guard let a = result.index.aligned(with: f.index) else {
                for (j, name) in f.names.enumerated() { result.appendColumn(name, f.columns[j]) }
                continue
            }
            var out = DataFrame(names: [], columns: [], index: a.index)
            for (j, name) in result.names.enumerated() { out.appendColumn(name, result.columns[j].taking(rowsOrMissing: a.left)) }
            for (j, name) in f.names.enumerated() { out.appendColumn(name, f.columns[j].taking(rowsOrMissing: a.right)) }
            result = out
        }
        return result
    }
}

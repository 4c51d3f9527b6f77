import QuireData
import QuireLang

/// pandas' `iloc` (by position) and `loc` (by label) on a DataFrame or a Series:
/// `df.iloc[0:3]`, `df.iloc[0]`, `df.iloc[:, 1:3]`, `df.loc[df.alcohol > 14, "hue"]`,
/// `df.loc[5, ["alcohol", "hue"]]`, and assignment `df.loc[mask, "col"] = value`.
final class IndexerObject: NativeObject {
    enum Mode { case position, label }
    enum Target {
        case frame(DataFrameObject)
        case series(SeriesObject)
    }

    let mode: Mode
    let target: Target

    init(_ mode: Mode, _ target: Target) {
        self.mode = mode
        self.target = target
    }

    var name: String { mode == .position ? "iloc" : "loc" }
    var typeName: String { mode == .position ? "iloc indexer" : "loc indexer" }

    func displayText() -> String {
        switch target {
        case .frame: "<\(typeName): use .\(name)[rows] or .\(name)[rows, columns]>"
        case .series: "<\(typeName): use .\(name)[rows]>"
        }
    }

    /// The attributes that hand out indexers, registered with the other attributes.
    static let attributes: [Builtin] = [
        Builtin(attribute: "iloc", on: "DataFrame", doc: "Rows and columns by position: df.iloc[0], df.iloc[0:3], df.iloc[:, 1:3], df.iloc[[0, 2], 0]; assign with df.iloc[0, 1] = value.",
                example: "df.iloc[0:3]") { args in .object(IndexerObject(.position, .frame(args.receiver(as: DataFrameObject.self)))) },
        Builtin(attribute: "loc", on: "DataFrame", doc: "Rows by label or bool mask, columns by name: df.loc[5], df.loc[df.x > 0, \"y\"], df.loc[0:4, [\"a\", \"b\"]] (label slices include their end); assign with df.loc[mask, \"y\"] = value.",
                example: "df.loc[df.alcohol > 14, [\"alcohol\", \"hue\"]]") { args in .object(IndexerObject(.label, .frame(args.receiver(as: DataFrameObject.self)))) },
        Builtin(attribute: "iloc", on: "Series", doc: "Values by position: s.iloc[0], s.iloc[-1], s.iloc[0:3], s.iloc[[0, 2]].",
                example: "df.alcohol.iloc[0]") { args in .object(IndexerObject(.position, .series(args.receiver(as: SeriesObject.self)))) },
        Builtin(attribute: "loc", on: "Series", doc: "Values by label or bool mask: s.loc[5], s.loc[0:4] (the end included), s.loc[s > 0].",
                example: "counts.loc[3]") { args in .object(IndexerObject(.label, .series(args.receiver(as: SeriesObject.self)))) },
    ]

    /// Rows chosen by the first part of the brackets: one row (the result drops that axis) or
    /// several, in order.
    enum Pick {
        case one(Int)
        case many([Int])
        var rows: [Int] {
            switch self {
            case .one(let r): [r]
            case .many(let rs): rs
            }
        }
    }

    func subscriptGet(_ index: Value) throws -> Value {
        switch target {
        case .series(let s):
            if case .tuple = index { throw QuireError(.index, "a Series has one axis: .\(name)[rows], not .\(name)[rows, columns]") }
            let pick = try rows(index, of: s.series.index, count: s.series.count)
            switch pick {
            case .one(let r): return DataConversions.value(s.series.column[r])
            case .many(let rs): return .object(SeriesObject(s.series.taking(rs)))
            }
        case .frame(let f):
            let (rowPart, columnPart) = try parts(index)
            let frame = f.frame
            let pick = try rows(rowPart, of: frame.index, count: frame.rowCount)
            let columns = try columnPart.map { try self.columns($0, of: frame) } ?? .many(Array(frame.names.indices))
            switch (pick, columns) {
            case (.one(let r), .one(let c)):
                return DataConversions.value(frame.columns[c][r])
            case (.one(let r), .many(let cs)):
                // A row as a Series indexed by the column names, named by the row's label.
                let values = Column(scalars: cs.map { frame.columns[$0][r] })
                let label = frame.index[r]
                return .object(SeriesObject(Series(name: IndexerObject.text(label), column: values,
                                                   index: RowIndex(labels: Column(string: cs.map { frame.names[$0] })))))
            case (.many(let rs), .one(let c)):
                return .object(SeriesObject(frame.series(at: c).taking(rs)))
            case (.many(let rs), .many(let cs)):
                let chosen = try DataConversions.run { try frame.selecting(cs.map { frame.names[$0] }) }
                return .object(DataFrameObject(chosen.taking(rs)))
            }
        }
    }

    func subscriptSet(_ index: Value, _ value: Value) throws {
        guard case .frame(let f) = target else {
            throw QuireError(.type, "a Series' .\(name)[...] cannot be assigned in Quire", hint: "assign through its DataFrame: df.\(name)[rows, \"column\"] = value")
        }
        let (rowPart, columnPart) = try parts(index)
        let pick = try rows(rowPart, of: f.frame.index, count: f.frame.rowCount)
        var names: [String]
        if mode == .label, let part = columnPart, case .string(let new) = part, !f.frame.names.contains(new) {
            // df.loc[mask, "new"] = v makes the column, missing elsewhere, as pandas does.
            names = [new]
            let empty = Column(scalars: [Scalar](repeating: .missing, count: f.frame.rowCount))
            try DataConversions.run { try f.frame.setColumn(new, empty) }
        } else {
            names = try columnPart.map { try self.columns($0, of: f.frame).indices(f.frame) } ?? f.frame.names
        }
        let rows = pick.rows
        let values = try assigned(value, count: rows.count, columns: names.count)
        for (k, name) in names.enumerated() {
            let old = try DataConversions.run { try f.frame.column(name) }.column
            var scalars = (0..<old.count).map { old[$0] }
            for (i, r) in rows.enumerated() { scalars[r] = values[k][i] }
            try DataConversions.run { try f.frame.setColumn(name, Column(scalars: scalars)) }
        }
    }

    /// The values an assignment writes: one value for every cell, a list (or Series) of one per
    /// row for one column, or a DataFrame of the same shape.
    private func assigned(_ value: Value, count: Int, columns: Int) throws -> [[Scalar]] {
        if let one = DataConversions.scalar(value) {
            return [[Scalar]](repeating: [Scalar](repeating: one, count: count), count: columns)
        }
        let items: [Value]
        switch value {
        case .list(let l): items = l.items
        case .tuple(let t): items = t
        case .object(let s as SeriesObject): items = (0..<s.series.count).map { DataConversions.value(s.series.column[$0]) }
        case .object(let d as DataFrameObject):
            guard d.frame.rowCount == count, d.frame.columnCount == columns else {
                throw QuireError(.value, "cannot assign a \(d.frame.rowCount) x \(d.frame.columnCount) DataFrame to \(count) rows x \(columns) columns")
            }
            return d.frame.columns.map { c in (0..<count).map { c[$0] } }
        default:
            throw QuireError(.type, "cannot assign \(value.typeNoun) to DataFrame cells", hint: "assign a number, text, a bool, or a list with one value per row")
        }
        guard items.count == count else {
            throw QuireError(.value, "cannot assign \(items.count) values to \(count) rows", hint: "give one value per chosen row, or a single value for all")
        }
        let column = try DataConversions.column(items)
        return [[Scalar]](repeating: (0..<count).map { column[$0] }, count: columns)
    }

    /// `[rows]` or `[rows, columns]`.
    private func parts(_ index: Value) throws -> (Value, Value?) {
        guard case .tuple(let items) = index else { return (index, nil) }
        guard items.count == 2 else {
            throw QuireError(.index, "too many indexers: .\(name)[rows, columns] takes at most two parts, got \(items.count)")
        }
        return (items[0], items[1])
    }

    // MARK: rows

    private func rows(_ part: Value, of labels: RowIndex, count: Int) throws -> Pick {
        mode == .position ? try positions(part, count: count, axis: "row") : try labelled(part, of: labels, count: count)
    }

    /// Positions along an axis of `count`: an int (negative counts from the end), a slice, a list
    /// of ints, or a list of bools (one per row).
    private func positions(_ part: Value, count: Int, axis: String) throws -> Pick {
        switch part {
        case .int(let i):
            return .one(try position(i, count: count, axis: axis))
        case .object(let slice as SliceValue):
            _ = try slice.bounds(count: count)  // a zero step is an error
            return .many(Array(slice.indices(count: count)))
        case .list(let l):
            return .many(try positionList(l.items, count: count, axis: axis))
        case .tuple(let t) where axis == "column":
            return .many(try positionList(t, count: count, axis: axis))
        case .object(let s as SeriesObject) where s.series.column.type == .bool:
            throw QuireError(.type, "iloc takes positions, not a bool Series", hint: "select rows with a mask by label: df.loc[mask] or df[mask]")
        default:
            throw QuireError(.type, "iloc takes \(axis) positions (an int, a slice, a list of ints or bools), not \(part.typeNoun)",
                             hint: part.isString ? "to pick by name or label, use .loc[...]" : nil)
        }
    }

    private func position(_ i: Int, count: Int, axis: String) throws -> Int {
        let p = i < 0 ? i + count : i
        guard p >= 0, p < count else {
            throw QuireError(.index, "\(axis) position \(i) is out of range (\(count) \(axis)\(count == 1 ? "" : "s"))")
        }
        return p
    }

    private func positionList(_ items: [Value], count: Int, axis: String) throws -> [Int] {
        if !items.isEmpty, items.allSatisfy({ if case .bool = $0 { true } else { false } }) {
            guard items.count == count else {
                throw QuireError(.index, "a bool list picks \(axis)s one per \(axis): it has \(items.count) values for \(count) \(axis)s")
            }
            return items.indices.filter { if case .bool(true) = items[$0] { true } else { false } }
        }
        return try items.map { item in
            guard case .int(let i) = item else {
                throw QuireError(.type, "iloc takes \(axis) positions (ints), not \(item.typeNoun)", hint: item.isString ? "to pick by name or label, use .loc[...]" : nil)
            }
            return try position(i, count: count, axis: axis)
        }
    }

    /// Rows by label: one label, a list of labels, a slice of labels (both ends included), or a
    /// bool mask (a Series lined up by label, or a list).
    private func labelled(_ part: Value, of labels: RowIndex, count: Int) throws -> Pick {
        switch part {
        case .object(let mask as SeriesObject):
            guard mask.series.column.type == .bool else {
                return .many(try mask.series.column.scalarsList.map { try rowsLabelled($0, part, labels) }.flatMap { $0 })
            }
            let frame = DataFrame(names: ["row"], columns: [Column(int64: (0..<count).map(Int64.init))], index: labels)
            let kept = try DataConversions.run { try frame.filtered(by: mask.series) }
            return .many(kept.columns[0].int64Values)
        case .object(let slice as SliceValue):
            guard slice.step == nil || slice.step! > 0 else {
                throw QuireError(.value, "loc slices go forward: give a positive step")
            }
            let from = try slice.start.map { try firstRow(.int(Int64($0)), labels) } ?? 0
            let through = try slice.stop.map { try lastRow(.int(Int64($0)), labels) } ?? count - 1
            return .many(from <= through ? Array(stride(from: from, through: through, by: slice.step ?? 1)) : [])
        case .list(let l):
            if !l.items.isEmpty, l.items.allSatisfy({ if case .bool = $0 { true } else { false } }) {
                return try positions(part, count: count, axis: "row")
            }
            return .many(try l.items.flatMap { try rowsLabelled(try label($0), $0, labels) })
        default:
            let found = try rowsLabelled(try label(part), part, labels)
            return found.count == 1 ? .one(found[0]) : .many(found)
        }
    }

    private func label(_ v: Value) throws -> Scalar {
        guard let s = DataConversions.scalar(v), s != .missing else {
            throw QuireError(.type, "loc takes row labels (numbers, text or bools), not \(v.typeNoun)")
        }
        return s
    }

    private func rowsLabelled(_ label: Scalar, _ shown: Value, _ labels: RowIndex) throws -> [Int] {
        if case .range(let n) = labels.kind {
            if case .int(let i) = label, i >= 0, i < n { return [Int(i)] }
        } else {
            let found = (0..<labels.count).filter { labels[$0] == label || (labels[$0].double != nil && labels[$0].double == label.double) }
            if !found.isEmpty { return found }
        }
        var hint = "loc looks rows up by label"
        if case .range = labels.kind, case .int = label { hint += "; the rows are labelled 0 to \(labels.count - 1)" }
        if !labels.isRange, case .int = label { hint += "; to pick by position, use .iloc[...]" }
        throw QuireError(.key, "no row labelled \(Printer.repr(shown))", hint: hint)
    }

    private func firstRow(_ label: Scalar, _ labels: RowIndex) throws -> Int {
        if case .range(let n) = labels.kind, case .int(let i) = label { return Int(max(0, min(i, Int64(n)))) }
        return try rowsLabelled(label, DataConversions.value(label), labels).first!
    }

    private func lastRow(_ label: Scalar, _ labels: RowIndex) throws -> Int {
        if case .range(let n) = labels.kind, case .int(let i) = label { return Int(min(i, Int64(n) - 1)) }
        return try rowsLabelled(label, DataConversions.value(label), labels).last!
    }

    // MARK: columns

    private enum ColumnPick {
        case one(Int)
        case many([Int])
        func indices(_ frame: DataFrame) -> [String] {
            switch self {
            case .one(let c): [frame.names[c]]
            case .many(let cs): cs.map { frame.names[$0] }
            }
        }
    }

    private func columns(_ part: Value, of frame: DataFrame) throws -> ColumnPick {
        if mode == .position {
            switch try positions(part, count: frame.columnCount, axis: "column") {
            case .one(let c): return .one(c)
            case .many(let cs): return .many(cs)
            }
        }
        switch part {
        case .string(let name):
            return .one(try columnIndex(name, frame))
        case .list(let l) where !l.items.isEmpty && l.items.allSatisfy({ if case .bool = $0 { true } else { false } }):
            guard l.items.count == frame.columnCount else {
                throw QuireError(.index, "a bool list picks columns one per column: it has \(l.items.count) values for \(frame.columnCount) columns")
            }
            return .many(l.items.indices.filter { if case .bool(true) = l.items[$0] { true } else { false } })
        case .list, .tuple:
            return .many(try DataFrameObject.names(part).map { try columnIndex($0, frame) })
        case .object(let slice as SliceValue) where slice.start == nil && slice.stop == nil:
            return .many(Array(slice.indices(count: frame.columnCount)))
        default:
            throw QuireError(.type, "loc takes columns by name (a string or a list of names), not \(part.typeNoun)",
                             hint: "to pick columns by position, use .iloc[rows, positions]")
        }
    }

    private func columnIndex(_ name: String, _ frame: DataFrame) throws -> Int {
        guard let j = frame.names.firstIndex(of: name) else {
            throw DataConversions.error(.noSuchColumn(name: name, columns: frame.names))
        }
        return j
    }

    /// A label as pandas names a row Series.
    static func text(_ s: Scalar) -> String {
        switch s {
        case .int(let i): String(i)
        case .string(let t): t
        default: formatScalar(s)
        }
    }
}

extension Value {
    var isString: Bool { if case .string = self { true } else { false } }
}

extension Column {
    var scalarsList: [Scalar] { (0..<count).map { self[$0] } }
    var int64Values: [Int] {
        if case .int64(let v) = storage { return v.map { Int($0) } }
        return (0..<count).compactMap { if case .int(let i) = self[$0] { Int(i) } else { nil } }
    }
}

import QuireArray
import QuireData
import QuireLang

/// The row labels of a DataFrame or Series (`df.index`), printed as pandas prints an Index;
/// iterating, `len` and `idx[i]` (by position) work as on a list.
final class IndexObject: ArrayConvertible {
    let index: RowIndex

    init(_ index: RowIndex) { self.index = index }

    var typeName: String { "Index" }
    var length: Int? { index.count }
    func displayText() -> String { index.reprText() }
    func toNDArray() throws -> NDArray { try SeriesObject(Series(name: "index", column: index.labels)).toNDArray() }
    func elements() throws -> [Value]? { (0..<index.count).map { DataConversions.value(index[$0]) } }

    func subscriptGet(_ position: Value) throws -> Value {
        guard case .int(let i) = position else {
            throw QuireError(.type, "an Index is indexed by a position (an int), not \(position.typeNoun)")
        }
        let k = i < 0 ? i + index.count : i
        guard k >= 0 && k < index.count else { throw QuireError(.index, "position \(i) is out of range (\(index.count) labels)") }
        return DataConversions.value(index[k])
    }

    static let attributes: [Builtin] = [
        Builtin(attribute: "name", on: "Index", doc: "The index's name (the column it came from), or none.", example: "df.set_index(\"id\").index.name") { args in
            args.receiver(as: IndexObject.self).index.name.map(Value.string) ?? .none
        },
    ]

    static let methods: [Builtin] = [
        Builtin("to_list", on: "Index", doc: "The labels as a list.", example: "df.index.to_list()") { args in
            .list(ListBox(try args.receiver(as: IndexObject.self).elements() ?? []))
        },
    ]
}

extension IndexObject {
    /// New row labels for `obj.index = value`: a list, tuple, Index or Series of `count` labels.
    static func labels(_ value: Value, count: Int, of what: String) throws -> RowIndex {
        let index: RowIndex
        switch value {
        case .object(let i as IndexObject): index = i.index
        case .object(let s as SeriesObject): index = RowIndex(labels: s.series.column, name: s.series.name)
        case .list(let l): index = RowIndex(labels: try DataConversions.column(l.items))
        case .tuple(let t): index = RowIndex(labels: try DataConversions.column(t))
        default: throw QuireError(.type, "an index is made of a list, an Index or a Series, not \(value.typeNoun)")
        }
        guard index.count == count else {
            throw QuireError(.value, "the new index has \(index.count) labels but the \(what) has \(count) rows",
                             hint: "give one label per row")
        }
        return index
    }
}

import QuireArray
import QuireData
import QuireLang

/// A Series in the language: a column with its labels; operators work element by element.
final class SeriesObject: SeriesLike {
    /// Mutable for `s.index = labels` only.
    private(set) var series: Series

    /// A row of mixed kinds handed to `apply(axis=1)`: each cell as it was (pandas' object
    /// Series), so `row["name"]` is text and `row["x"]` a number.
    var rowCells: [Value]?

    init(_ series: Series) { self.series = series }

    var typeName: String { "Series" }
    var length: Int? { series.count }
    /// The attributes of a Series, registered like its methods.
    static let attributes: [Builtin] = [
        attribute("name", "The Series' name (its column's name), or none.", "df.price.name") { $0.series.name.map(Value.string) ?? .none },
        attribute("dtype", "pandas' name for the element type: \"int64\", \"float64\", \"bool\" or \"object\".", "df.price.dtype") {
            .string($0.series.column.pandasDtype)
        },
        attribute("shape", "(length,), as a tuple.", "df.price.shape") { .tuple([.int($0.series.count)]) },
        attribute("size", "The number of values.", "df.price.size") { .int($0.series.count) },
        attribute("index", "The row labels, as an Index (printed as pandas prints it; iterate it or call to_list()); set them with obj.index = [...].", "counts.index") { o in
            .object(IndexObject(o.series.index))
        },
        attribute("values", "The values as an Array.", "df.price.values") { .object(ArrayObject(try $0.toNDArray())) },
    ]

    private static func attribute(_ name: String, _ doc: String, _ example: String, _ read: @escaping (SeriesObject) throws -> Value) -> Builtin {
        Builtin(attribute: name, on: "Series", doc: doc, example: example) { args in try read(args.receiver(as: SeriesObject.self)) }
    }

    /// `s.index = labels`: new labels, one per value.
    func setMember(_ name: String, _ value: Value) throws -> Bool {
        guard name == "index" else { return false }
        series.index = try IndexObject.labels(value, count: series.count, of: "Series")
        return true
    }

    /// `s[mask]`, `s[2:5]`, or one value by its label (`counts[3]`, `counts["a"]`).
    func subscriptGet(_ index: Value) throws -> Value {
        switch index {
        case .object(let mask as SeriesObject):
            return .object(SeriesObject(try DataConversions.run { try series.filtered(by: mask.series) }))
        case .object(let slice as SliceValue):
            return .object(SeriesObject(series.taking(Array(slice.indices(count: series.count)))))
        default:
            guard let label = DataConversions.scalar(index) else {
                throw QuireError(.type, "a Series is indexed by a label, a slice or a bool mask, not \(index.typeNoun)")
            }
            let labels = series.index
            for i in 0..<series.count where labels[i] == label || (labels[i].double != nil && labels[i].double == label.double) {
                if let rowCells { return rowCells[i] }
                return DataConversions.value(series.column[i])
            }
            throw QuireError(.key, "no label \(Printer.repr(index)) in this Series", hint: "labels: " + DataConversions.columnList(series.indexLabelTexts))
        }
    }

    func binary(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        // A Series with a DataFrame: the frame lines the Series up with its columns.
        if case .object(let frame as DataFrameObject) = other { return try frame.binary(op, .object(self), reflected: !reflected) }
        guard let operand = DataConversions.operand(other) else { return nil }
        let result: Series? = try DataConversions.run {
            switch op {
            case .add: try series.arithmetic(.add, operand, reflected: reflected)
            case .subtract: try series.arithmetic(.subtract, operand, reflected: reflected)
            case .multiply: try series.arithmetic(.multiply, operand, reflected: reflected)
            case .divide: try series.arithmetic(.divide, operand, reflected: reflected)
            case .floorDivide: try series.arithmetic(.floorDivide, operand, reflected: reflected)
            case .modulo: try series.arithmetic(.modulo, operand, reflected: reflected)
            case .power: try series.arithmetic(.power, operand, reflected: reflected)
            case .equal: try series.compare(.equal, operand, reflected: reflected)
            case .notEqual: try series.compare(.notEqual, operand, reflected: reflected)
            case .less: try series.compare(.less, operand, reflected: reflected)
            case .lessEqual: try series.compare(.lessEqual, operand, reflected: reflected)
            case .greater: try series.compare(.greater, operand, reflected: reflected)
            case .greaterEqual: try series.compare(.greaterEqual, operand, reflected: reflected)
            case .and, .bitAnd: try series.logical(and: true, operand)
            case .or, .bitOr: try series.logical(and: false, operand)
            case .contains: nil
            }
        }
        return result.map { .object(SeriesObject($0)) }
    }

    func unary(_ op: UnaryOperator) throws -> Value? {
        try DataConversions.run {
            switch op {
            case .not: .object(SeriesObject(try series.logicalNot()))
            case .negate: .object(SeriesObject(try series.negated()))
            case .plus: .object(self)
            }
        }
    }

    func truth() throws -> Bool {
        throw QuireError(.value, "the truth of a Series is ambiguous", hint: "use .any() or .all()")
    }

    func elements() throws -> [Value]? { (0..<series.count).map { DataConversions.value(series.column[$0]) } }
    func displayText() -> String { series.displayText() }
    /// In notebooks and the Jupyter kernel, a one-column table (the HTML of `s.to_frame()`).
    func richDisplay() -> RichDisplay? { .html(series.htmlText()) }

    func toNDArray() throws -> NDArray {
        let n = series.count
        switch series.column.storage {
        case .int64(let v) where !series.column.hasMissing: return NDArray(shape: [n], int64: v)
        case .bool(let v) where !series.column.hasMissing: return NDArray(shape: [n], bool: v)
        case .string: throw DataConversions.error(.notNumeric(column: series.name ?? "this Series"))
        default: return NDArray(shape: [n], float64: series.column.doubles ?? [])
        }
    }

    var indexLabels: [String] { series.indexLabelTexts }
    var numericValues: [Double] { series.column.doubles ?? [Double](repeating: .nan, count: series.count) }
    var seriesName: String? { series.name }
}

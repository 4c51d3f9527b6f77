import QuireArray
import QuireData
import QuireLang

/// A DataFrame in the language: columns by name (`df.price`, `df["price"]`), masks, displays.
final class DataFrameObject: ArrayConvertible {
    /// Mutable because `df["new"] = ...` adds a column in place, as in pandas.
    var frame: DataFrame

    init(_ frame: DataFrame) { self.frame = frame }

    var typeName: String { "DataFrame" }
    var length: Int? { frame.rowCount }
    /// The attributes of a DataFrame, registered like its methods; its columns are members too.
    static let attributes: [Builtin] = [
        attribute("shape", "(rows, columns), as a tuple.", "df.shape") { .tuple([.int($0.frame.rowCount), .int($0.frame.columnCount)]) },
        attribute("columns", "The column names, as a list.", "df.columns") { .list(ListBox($0.frame.names.map(Value.string))) },
        attribute("dtypes", "pandas' dtype of each column, as a Series indexed by column name.", "df.dtypes") { o in
            var s = Series(name: nil, column: Column(string: o.frame.dtypes), index: RowIndex(labels: Column(string: o.frame.names)))
            s.dtypeName = "object"
            return .object(SeriesObject(s))
        },
        attribute("index", "The row labels, as an Index (printed as pandas prints it; iterate it or call to_list()); set them with obj.index = [...].", "df.index") { o in
            .object(IndexObject(o.frame.index))
        },
        attribute("values", "The table as a 2-D Array.", "df.values") { .object(ArrayObject(try $0.toNDArray())) },
    ]

    private static func attribute(_ name: String, _ doc: String, _ example: String, _ read: @escaping (DataFrameObject) throws -> Value) -> Builtin {
        Builtin(attribute: name, on: "DataFrame", doc: doc, example: example) { args in try read(args.receiver(as: DataFrameObject.self)) }
    }

    var memberNames: [String] { frame.names }
    var columnLabels: [String]? { frame.names }

    /// A column as a member: `df.price`.
    func member(_ name: String) throws -> Value? {
        if frame.names.contains(name) { return .object(SeriesObject(try frame.column(name))) }
        // A misspelt method gets the interpreter's own did-you-mean; anything else is a column.
        if Suggest.closest(to: name, in: frame.names) == nil,
           Suggest.closest(to: name, in: Builtins.registry.methodNames(on: typeName) + Builtins.registry.attributeNames(on: typeName)) != nil {
            return nil
        }
        throw DataConversions.error(.noSuchColumn(name: name, columns: frame.names))
    }

    /// `df["col"]`, `df[["a", "b"]]`, `df[mask]`, `df[10:20]`.
    func subscriptGet(_ index: Value) throws -> Value {
        try DataConversions.run {
            switch index {
            case .string(let name):
                return .object(SeriesObject(try frame.column(name)))
            case .list, .tuple:
                let names = try Self.names(index)
                return .object(DataFrameObject(try frame.selecting(names)))
            case .object(let mask as SeriesObject):
                return .object(DataFrameObject(try frame.filtered(by: mask.series)))
            case .object(let slice as SliceValue):
                return .object(DataFrameObject(frame.taking(Array(slice.indices(count: frame.rowCount)))))
            default:
                throw QuireError(.type, "a DataFrame is indexed by a column name, a list of names, a bool mask or a slice, not \(index.typeNoun)")
            }
        }
    }

    /// `df.index = labels`: new row labels, one per row.
    func setMember(_ name: String, _ value: Value) throws -> Bool {
        guard name == "index" else { return false }
        frame.index = try IndexObject.labels(value, count: frame.rowCount, of: "DataFrame")
        return true
    }

    /// `df["col"] = series`, a list of values, or one value for every row.
    func subscriptSet(_ index: Value, _ value: Value) throws {
        guard case .string(let name) = index else {
            throw QuireError(.type, "a new column needs a name (a string), not \(index.typeNoun)")
        }
        let column: Column
        switch value {
        case .object(let s as SeriesObject):
            return try DataConversions.run { try frame.setColumn(name, aligning: s.series) }
        case .list(let l): column = try DataConversions.column(l.items)
        case .tuple(let t): column = try DataConversions.column(t)
        default:
            guard let scalar = DataConversions.scalar(value) else {
                throw QuireError(.type, "a column is made of a Series, a list or one value, not \(value.typeNoun)")
            }
            column = Column(scalars: [QuireData.Scalar](repeating: scalar, count: frame.rowCount))
        }
        try DataConversions.run { try frame.setColumn(name, column) }
    }

    /// Arithmetic with a number, a Series (aligned on the column names) or a DataFrame (aligned
    /// on rows and columns); comparisons with a number or an identically labelled DataFrame.
    func binary(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        guard let operand = DataBuiltins.frameOperand(other) else { return nil }
        let arithmetic: [BinaryOperator: QuireData.ArithmeticOperator] = [
            .add: .add, .subtract: .subtract, .multiply: .multiply, .divide: .divide,
            .floorDivide: .floorDivide, .modulo: .modulo, .power: .power,
        ]
        let comparison: [BinaryOperator: QuireData.ComparisonOperator] = [
            .equal: .equal, .notEqual: .notEqual, .less: .less, .lessEqual: .lessEqual,
            .greater: .greater, .greaterEqual: .greaterEqual,
        ]
        return try DataConversions.run {
            if let a = arithmetic[op] { return .object(DataFrameObject(try frame.arithmetic(a, operand, reflected: reflected))) }
            if let c = comparison[op] { return .object(DataFrameObject(try frame.compare(c, operand, reflected: reflected))) }
            return nil
        }
    }

    func truth() throws -> Bool {
        throw QuireError(.value, "the truth of a DataFrame is ambiguous", hint: "use .any() or .all()")
    }

    /// Iterating a DataFrame gives its column names, as in pandas.
    func elements() throws -> [Value]? { frame.names.map(Value.string) }
    func displayText() -> String { frame.displayText() }
    func richDisplay() -> RichDisplay? { .html(frame.htmlText()) }

    func toNDArray() throws -> NDArray {
        let m = try DataConversions.run { try frame.toMatrix() }
        return NDArray(shape: [m.rows, m.columns], float64: m.values)
    }

    /// Column names from a list or tuple of strings.
    static func names(_ v: Value) throws -> [String] {
        let items: [Value]
        switch v {
        case .list(let l): items = l.items
        case .tuple(let t): items = t
        case .string(let s): return [s]
        default: throw QuireError(.type, "expected a column name or a list of names, got \(v.typeNoun)")
        }
        return try items.map {
            guard case .string(let s) = $0 else { throw QuireError(.type, "column names are strings, not \($0.typeNoun)") }
            return s
        }
    }
}

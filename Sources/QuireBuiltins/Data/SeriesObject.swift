import QuireArray
import QuireData
import QuireLang

/// A Series in the language: a column with its labels; operators work element by element.
final class SeriesObject: SeriesLike {
    let series: Series

    init(_ series: Series) { self.series = series }

    var typeName: String { "Series" }
    var length: Int? { series.count }
    var memberNames: [String] { ["name", "dtype", "shape", "size", "index", "values"] }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "name": return series.name.map(Value.string) ?? Value.none
        case "dtype": return .string(series.column.pandasDtype)
        case "shape": return .tuple([.int(series.count)])
        case "size": return .int(series.count)
        case "index": return .list(ListBox((0..<series.count).map { DataConversions.value(series.index[$0]) }))
        case "values": return .object(ArrayObject(try toNDArray()))
        default: return nil
        }
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
                return DataConversions.value(series.column[i])
            }
            throw QuireError(.key, "no label \(Printer.repr(index)) in this Series", hint: "labels: " + DataConversions.columnList(series.indexLabelTexts))
        }
    }

    func binary(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
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

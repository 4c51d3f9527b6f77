import QuireArray
import QuireData
import QuireLang
import QuireLearn

/// Labels between the language and QuireLearn: a Series, a list or an array of ints, floats,
/// bools or strings becomes a `LabelList`, and back (strings as a list, the others as an array).
enum LabelConversions {
    /// The argument `name` as labels.
    static func labels(_ args: Arguments, _ name: String, value given: Value? = nil) throws -> LabelList {
        let value = given ?? args.value(name)
        if case .object(let s as SeriesObject) = value { return try seriesLabels(s.series, args, name) }
        if let items = flatItems(value) { return try listLabels(items, args, name) }
        // Arrays, tables and nested lists: numbers only, one label per row.
        let array = try given.map(ndarray(from:)) ?? ndarray(args, name)
        do {
            let values = try labelValues(array)
            switch array.storage {
            case .bool(let v): return .bools(v)
            case .int64(let v): return .ints(v)
            case .uint8(let v): return .ints(v.map { Int64($0) })
            case .float32, .float64: return .floats(values)
            }
        } catch LearnError.labelsNotOneDimensional(let shape) {
            throw QuireError(.value, "\(name) must be one label per row (1-D), got an array of shape \(LearnErrors.shapeText(shape))",
                hint: "give a column (df.species), a list or a 1-D array", argument: name)
        } catch let error as LearnError {
            throw LearnErrors.sentence(error, args, argument: name)
        }
    }

    /// The argument `name` as labels where some may be missing (none, NaN, a missing cell): the
    /// labels present and the rows that are missing.
    static func labelsAllowingMissing(_ args: Arguments, _ name: String) throws -> (labels: LabelList, missing: [Int]) {
        let value = args.value(name)
        var missing: [Int] = []
        if case .object(let s as SeriesObject) = value {
            let column = s.series.column
            var floats: [Double] = []
            if case .float64(let v) = column.storage { floats = v }
            missing = (0..<column.count).filter { column.isMissing($0) || (!floats.isEmpty && floats[$0].isNaN) }
            if missing.isEmpty { return (try seriesLabels(s.series, args, name), []) }
            let kept = Set(missing)
            let rows = (0..<column.count).filter { !kept.contains($0) }
            return (try seriesLabels(Series(name: s.series.name, column: column.taking(rows)), args, name), missing)
        }
        if let items = flatItems(value) {
            missing = items.indices.filter { if case .none = items[$0] { true } else if case .double(let d) = items[$0] { d.isNaN } else { false } }
            let kept = Set(missing)
            return (try listLabels(items.indices.filter { !kept.contains($0) }.map { items[$0] }, args, name), missing)
        }
        let all = try labels(args, name)
        return (all, [])
    }

    /// The items of a list or tuple that holds no lists, tuples or arrays (nil otherwise).
    private static func flatItems(_ value: Value) -> [Value]? {
        let items: [Value]
        switch value {
        case .list(let l): items = l.items
        case .tuple(let t): items = t
        default: return nil
        }
        for item in items {
            switch item {
            case .list, .tuple, .object: return nil
            default: continue
            }
        }
        return items
    }

    private static func seriesLabels(_ series: Series, _ args: Arguments, _ name: String) throws -> LabelList {
        let column = series.column
        if let row = (0..<column.count).first(where: { column.isMissing($0) }) {
            throw missing(row, args, name)
        }
        switch column.storage {
        case .int64(let v): return .ints(v)
        case .bool(let v): return .bools(v)
        case .string(let v): return .strings(v)
        case .float64(let v):
            if let row = v.firstIndex(where: \.isNaN) { throw missing(row, args, name) }
            return .floats(v)
        }
    }

    /// A list as numpy types it: all bools, all ints (bools count as ints), floats when any is a
    /// float, or all strings; strings mixed with numbers are refused.
    private static func listLabels(_ items: [Value], _ args: Arguments, _ name: String) throws -> LabelList {
        var firstString: Int?, firstNumber: Int?
        var allBool = true, anyFloat = false
        for (i, item) in items.enumerated() {
            switch item {
            case .string: firstString = firstString ?? i
            case .bool: firstNumber = firstNumber ?? i
            case .int:
                firstNumber = firstNumber ?? i
                allBool = false
            case .double(let d):
                if d.isNaN { throw missing(i, args, name) }
                firstNumber = firstNumber ?? i
                allBool = false
                anyFloat = true
            case .none: throw missing(i, args, name)
            default:
                throw QuireError(
                    .value, "\(name) holds \(item.typeNoun) (\(Printer.shortRepr(item))) at position \(i); labels are ints, floats, bools or strings",
                    argument: name)
            }
        }
        if let s = firstString, let n = firstNumber {
            throw QuireError(
                .value,
                "\(name) mixes strings and numbers (\(Printer.repr(items[s])) at position \(s), \(Printer.repr(items[n])) at position \(n)); labels must all be of one kind",
                hint: "make every label a string (\"1\") or every label a number", argument: name)
        }
        if firstString != nil { return .strings(items.map { if case .string(let s) = $0 { s } else { "" } }) }
        if items.isEmpty || anyFloat { return .floats(items.map { $0.asDouble ?? 0 }) }
        if allBool { return .bools(items.map { if case .bool(let b) = $0 { b } else { false } }) }
        return .ints(items.map {
            switch $0 {
            case .int(let i): Int64(i)
            case .bool(let b): b ? 1 : 0
            default: 0
            }
        })
    }

    private static func missing(_ row: Int, _ args: Arguments, _ name: String) -> QuireError {
        QuireError(.value, "\(name) has a missing value at row \(row); every row needs a label",
            hint: "drop the rows without a label (dropna) before using them", argument: name)
    }

    /// Labels as a value: ints, floats and bools as an array of that dtype, strings as a list.
    static func value(_ labels: LabelList) -> Value {
        switch labels {
        case .ints(let v): .object(ArrayObject(NDArray(shape: [v.count], int64: v)))
        case .floats(let v): .object(ArrayObject(NDArray(shape: [v.count], float64: v)))
        case .bools(let v): .object(ArrayObject(NDArray(shape: [v.count], bool: v)))
        case .strings(let v): .list(ListBox(v.map(Value.string)))
        }
    }

    /// The label at position `i` as a value.
    static func element(_ labels: LabelList, _ i: Int) -> Value {
        switch labels {
        case .ints(let v): .int(Int(v[i]))
        case .floats(let v): .double(v[i])
        case .bools(let v): .bool(v[i])
        case .strings(let v): .string(v[i])
        }
    }

    /// One label given as a value (`pos_label=`), as a list of one.
    static func single(_ value: Value) -> LabelList? {
        switch value {
        case .int(let i): .ints([Int64(i)])
        case .double(let d) where !d.isNaN: .floats([d])
        case .bool(let b): .bools([b])
        case .string(let s): .strings([s])
        default: nil
        }
    }

    /// "strings", "numbers" or "bools": a kind as the messages name it.
    static func kindNoun(_ kind: LabelList.Kind) -> String {
        switch kind {
        case .strings: "strings"
        case .ints, .floats: "numbers"
        case .bools: "bools"
        }
    }

    /// The classes of two lists of labels together, each list as class positions; labels of
    /// kinds that cannot be compared (strings and numbers) are an error, as scikit-learn's
    /// "Labels in y_true and y_pred should be of the same type".
    /// `says` words each side: ("y_true holds", "y_pred holds"); `argument` is the one blamed.
    static func union(
        _ a: LabelList, _ b: LabelList, says: (String, String), argument: String, _ args: Arguments
    ) throws -> (labels: Labels, a: [Double], b: [Double]) {
        guard let labels = Labels(union: a, b) else {
            throw QuireError(
                .value, "\(says.0) \(kindNoun(a.kind)) but \(says.1) \(kindNoun(b.kind)); labels of both must be of the same kind",
                hint: "are these the predictions of a model trained on these labels?", argument: argument)
        }
        let codes = { (y: LabelList) in (try? labels.codes(y).get())?.map(Double.init) ?? [] }
        return (labels, codes(a), codes(b))
    }
}

extension LabelConversions {
    /// The labels `name` to train on: their classes, the values the numeric model learns (see
    /// `Labels.trainingValues`) and the class position of each row (for stratifying).
    static func training(_ args: Arguments, _ name: String) throws -> (labels: Labels, values: [Double], codes: [Double]) {
        let y = try labels(args, name)
        let classes = Labels(fitting: y)
        let codes = (try? classes.codes(y).get()) ?? []
        let values = classes.classes.kind == .strings ? codes.map(Double.init) : (y.numbers ?? [])
        return (classes, values, codes.map(Double.init))
    }

    /// The model to train on `labels`: with string classes, the keys of a `class_weight` dict
    /// become the class positions the model trains on (a key that is not one of the classes
    /// matches none). The model's own dict is unchanged when the classes are not strings.
    static func forTraining(_ model: any Classifier, _ labels: Labels) -> any Classifier {
        guard case .strings(let classNames) = labels.classes,
            case .classWeights(let entries)? = model.hyperParameters.first(where: { $0.name == "class_weight" })?.value
        else { return model }
        let translated = entries.map { entry -> ClassWeight in
            guard case .string(let name) = entry.label else {
                return ClassWeight(label: .string(entry.label.pythonRepr), weight: entry.weight)
            }
            guard let position = classNames.firstIndex(of: name) else { return entry }
            return ClassWeight(label: .int(position), weight: entry.weight)
        }
        var copy = model
        try? copy.set("class_weight", .classWeights(translated))
        return copy
    }

    /// Runs library code that stratifies on class positions: an error about a class names it as
    /// the user wrote it.
    static func namingClass<T>(_ labels: Labels, _ args: Arguments, argument: String? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch LearnError.classTooSmall(let code, let count) {
            let names = labels.classes.names
            let name = names.indices.contains(Int(code)) ? names[Int(code)] : labelText(code)
            throw QuireError(.value, "class \(name) has only \(count) row; stratifying needs at least 2 of every class", argument: "stratify")
        } catch LearnError.oneClass(let value) {
            // A model fitted on one fold's rows saw a single class (a value it trains on).
            let names = labels.classes.names
            let name = labels.trainingClasses.firstIndex(of: value).map { names[$0] } ?? labelText(value)
            throw QuireError(
                .value, "the training rows of a fold hold only one class (\(name)); a classifier needs at least two",
                hint: "shuffle the folds (kfold(shuffle=true)) or use stratified folds (cv=5)", argument: argument)
        } catch LearnError.classesNotWeighted(let values) {
            throw LearnErrors.classesNotWeighted(names(of: values, labels))
        } catch let error as LearnError {
            throw LearnErrors.sentence(error, args, argument: argument)
        }
    }

    /// Classes the model trains on (values), named as the user wrote them.
    static func names(of values: [Double], _ labels: Labels) -> [String] {
        let names = labels.classes.names
        return values.map { value in labels.trainingClasses.firstIndex(of: value).map { names[$0] } ?? labelText(value) }
    }
}

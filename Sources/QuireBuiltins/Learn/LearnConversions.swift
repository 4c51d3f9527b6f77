import QuireArray
import QuireLang
import QuireLearn

/// Conversions between the language's values and QuireLearn's types, with the shared wording.
enum LearnConversions {
    /// The features argument as a checked matrix (2-D, no missing values).
    static func matrix(_ args: Arguments, _ name: String) throws -> Matrix {
        if case .object(_ as SparseMatrixObject) = args.value(name) {
            let who = args.receiver.flatMap { v -> String? in
                if case .object(let m as ModelObject) = v { return m.model.estimatorName }
                if case .object(let s as ScalerObject) = v { return s.scaler.repr }
                return nil
            }
            guard let who else {
                throw QuireError(.value, "\(args.builtin.qualifiedName) does not take a sparse matrix yet",
                    hint: "make it dense with \(name).toarray() (fine for small data)", argument: name)
            }
            throw ModelInput.sparseRefused(who, name)
        }
        let array = try ndarray(args, name)
        do {
            return try Matrix(array)
        } catch let error as LearnError {
            throw LearnErrors.sentence(error, args, argument: name, columns: columnLabels(args.value(name)))
        }
    }

    static func columnLabels(_ value: Value) -> [String]? {
        if case .object(let o as ArrayConvertible) = value { return o.columnLabels }
        return nil
    }

    /// A matrix as a float64 array.
    static func arrayValue(_ m: Matrix) -> Value { .object(ArrayObject(m.ndarray)) }

    /// A language value as a hyperparameter value.
    static func parameter(_ value: Value) -> ParameterValue? {
        switch value {
        case .none: ParameterValue.none
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        case .dict(let box): classWeights(box)
        case .list(let box): ints(box.items)
        case .tuple(let items): ints(items)
        default: nil
        }
    }

    /// A list or tuple of ints (`hidden_layer_sizes=[64, 32]`); nil when an item is not an int.
    private static func ints(_ items: [Value]) -> ParameterValue? {
        var values: [Int] = []
        for item in items {
            guard case .int(let i) = item else { return nil }
            values.append(i)
        }
        return .ints(values)
    }

    /// A dict of class labels to weights (`class_weight={0: 1, 1: 5}`); nil when a key or a
    /// weight is not a plain value.
    private static func classWeights(_ box: DictBox) -> ParameterValue? {
        var entries: [ClassWeight] = []
        for (key, weight) in zip(box.keys, box.values) {
            guard let label = parameter(key), let w = parameter(weight) else { return nil }
            if case .classWeights = label { return nil }
            if case .classWeights = w { return nil }
            entries.append(ClassWeight(label: label, weight: w))
        }
        return .classWeights(entries)
    }

    /// A hyperparameter value as a language value.
    static func value(_ p: ParameterValue) -> Value {
        switch p {
        case .none: Value.none
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        case .classWeights(let entries):
            .dict((try? DictBox(entries.map { (value($0.label), value($0.weight)) })) ?? DictBox())
        case .ints(let values): .tuple(values.map { .int($0) })
        }
    }

    /// A constructor builtin's parameters, derived from the model's declared settings: type,
    /// default, choices and doc line come from the one declaration.
    static func parameters(_ settings: [Setting]) -> [Parameter] {
        settings.map { .opt($0.name, accepts($0.kind), value($0.defaultValue), choices: $0.kind.choices, doc: $0.doc) }
    }

    /// What the language checks before the model does: the value's type.
    static func accepts(_ kind: SettingKind) -> Accepts {
        switch kind {
        case .int, .intRange: return .int
        case .number, .wholeOrNumber, .fraction, .interval: return .number
        case .layerSizes: return .oneOf([.int, .sequence])
        case .bool: return .bool
        case .choice: return .string
        case .classWeights: return .dict
        case .optional(let inner): return .optional(accepts(inner))
        case .oneOf(let kinds, _):
            // "a string or a number": an int is a number already.
            let all = kinds.map(accepts)
            let types = all.reduce(into: [Accepts]()) { types, a in
                if !types.contains(a) && !(a == .int && all.contains(.number)) { types.append(a) }
            }
            return types.count == 1 ? types[0] : .oneOf(types)
        }
    }

    /// Sets every declared parameter of a constructor builtin on a new estimator.
    static func configure<E: Estimator>(_ estimator: E, _ args: Arguments, except: Set<String> = []) throws -> E {
        var estimator = estimator
        for parameter in args.builtin.parameters where !except.contains(parameter.name) {
            let v = args.value(parameter.name)
            guard let p = Self.parameter(v) else {
                if case .dict = v { throw args.bad(parameter.name, expected: "a dict whose keys are class labels and whose values are weights") }
                if case .list = v { throw args.bad(parameter.name, expected: "a list of ints") }
                if case .tuple = v { throw args.bad(parameter.name, expected: "a list of ints") }
                throw args.bad(parameter.name, expected: "a number, a string, a bool or none")
            }
            do {
                try estimator.set(parameter.name, p)
            } catch let error as LearnError {
                throw LearnErrors.sentence(error, args, argument: parameter.name)
            }
        }
        return estimator
    }

    /// The rows `rows` of any value that has rows: a RowSelectable object keeps its kind,
    /// anything else becomes an array.
    static func selectRows(_ value: Value, _ rows: [Int]) throws -> Value {
        if case .object(let o as RowSelectable) = value { return o.selectingRows(rows) }
        let array = try ndarray(from: value)
        return .object(ArrayObject(selectingRows(array, rows)))
    }

    /// The number of rows of a value (its length, or its array's first dimension).
    static func rowCount(_ value: Value) throws -> Int {
        if case .object(let o as RowSelectable) = value, let n = o.length { return n }
        let array = try ndarray(from: value)
        guard let n = array.shape.first else { throw QuireError(.value, "a single number has no rows to split") }
        return n
    }

    /// The rows of an array along its first axis, whatever its element type.
    static func selectingRows(_ array: NDArray, _ rows: [Int]) -> NDArray {
        let width = array.shape.dropFirst().reduce(1, *)
        let shape = [rows.count] + array.shape.dropFirst()
        func pick<T>(_ v: [T]) -> [T] {
            var out: [T] = []
            out.reserveCapacity(rows.count * width)
            for r in rows { out += v[(r * width)..<((r + 1) * width)] }
            return out
        }
        switch array.storage {
        case .bool(let v): return NDArray(shape: shape, bool: pick(v))
        case .uint8(let v): return NDArray(shape: shape, uint8: pick(v))
        case .int64(let v): return NDArray(shape: shape, int64: pick(v))
        case .float32(let v): return NDArray(shape: shape, float32: pick(v))
        case .float64(let v): return NDArray(shape: shape, float64: pick(v))
        }
    }
}

import QuireArray
import QuireLang
import QuireLearn

/// `label_encoder()`: labels to the integers 0..k-1 and back, as scikit-learn's LabelEncoder.
final class LabelEncoderObject: NativeObject {
    var labels: Labels?

    var typeName: String { "LabelEncoder" }
    func displayText() -> String { "LabelEncoder()" }

    /// The classes, or the error of an encoder not fitted yet.
    func fitted() throws -> Labels {
        guard let labels else { throw QuireError(.value, "this LabelEncoder is not fitted yet", hint: "call fit(y) first, or fit_transform(y)") }
        return labels
    }

    /// The class position of each label of `y`; a label that is not a class is an error, as
    /// scikit-learn's "y contains previously unseen labels".
    func encode(_ args: Arguments, _ name: String) throws -> Value {
        let labels = try fitted()
        let y = try LabelConversions.labels(args, name)
        guard LabelList.common(y, labels.classes) != nil else {
            throw QuireError(
                .value, "\(name) holds \(LabelConversions.kindNoun(y.kind)) but the encoder was fitted on \(LabelConversions.kindNoun(labels.classes.kind))",
                hint: "the classes are \(labels.classes.listText)", argument: name)
        }
        switch labels.codes(y) {
        case .success(let codes):
            return .object(ArrayObject(NDArray(shape: [codes.count], int64: codes.map { Int64($0) })))
        case .failure(let unseen):
            throw QuireError(
                .value, "\(name) holds a label the encoder has not seen: \(Printer.repr(LabelConversions.element(y, unseen.row))) at row \(unseen.row)",
                hint: "the classes are \(labels.classes.listText); fit the encoder on every label first", argument: name)
        }
    }
}

extension LearnBuiltins {
    static let labelEncoding: [Builtin] = [
        Builtin("label_encoder", [], doc: "Turns labels into the integers 0..k-1 (classes sorted) and back, as scikit-learn's LabelEncoder.",
            example: "le = label_encoder().fit(df.species)"
        ) { _ in .object(LabelEncoderObject()) },
        Builtin("fit", on: "LabelEncoder", [Parameter("y")], doc: "Learns the classes of y (sorted); returns the encoder.",
            example: "le.fit(df.species)"
        ) { args in
            let object = args.receiver(as: LabelEncoderObject.self)
            object.labels = Labels(fitting: try LabelConversions.labels(args, "y"))
            return args.receiver!
        },
        Builtin("transform", on: "LabelEncoder", [Parameter("y")], doc: "The class number (0..k-1) of each label.",
            example: "codes = le.transform(df.species)"
        ) { args in try args.receiver(as: LabelEncoderObject.self).encode(args, "y") },
        Builtin("fit_transform", on: "LabelEncoder", [Parameter("y")], doc: "Learns the classes of y and gives each label's class number.",
            example: "codes = label_encoder().fit_transform(df.species)"
        ) { args in
            let object = args.receiver(as: LabelEncoderObject.self)
            object.labels = Labels(fitting: try LabelConversions.labels(args, "y"))
            return try object.encode(args, "y")
        },
        Builtin("inverse_transform", on: "LabelEncoder", [Parameter("y")], doc: "The label of each class number.",
            example: "le.inverse_transform(model.predict(X_test))"
        ) { args in
            let labels = try args.receiver(as: LabelEncoderObject.self).fitted()
            let given = try LabelConversions.labels(args, "y")
            let k = labels.count
            var codes: [Int] = []
            if case .floats(let v) = given, v.allSatisfy({ $0 == $0.rounded() }) {
                codes = v.map { $0 >= 0 && $0 < Double(k) ? Int($0) : -1 }
            } else if case .ints(let v) = given {
                codes = v.map { $0 >= 0 && $0 < Int64(k) ? Int($0) : -1 }
            } else {
                throw args.bad("y", expected: "class numbers (ints from 0 to \(k - 1))")
            }
            if let row = codes.firstIndex(of: -1) {
                throw QuireError(
                    .value, "y holds \(Printer.repr(LabelConversions.element(given, row))) at row \(row), which is not a class number",
                    hint: "class numbers go from 0 to \(k - 1) (\(k) classes)", argument: "y")
            }
            return LabelConversions.value(labels.decode(codes))
        },
        Builtin(attribute: "classes", on: "LabelEncoder", doc: "The classes seen by fit, sorted.", example: "le.classes") { args in
            LabelConversions.value(try args.receiver(as: LabelEncoderObject.self).fitted().classes)
        },
        Builtin("factorize", [Parameter("values")],
            doc: "Codes in order of first appearance and the distinct values, as pandas' factorize; missing values get -1.",
            example: "codes, uniques = factorize(df.species)"
        ) { args in
            let (present, missing) = try LabelConversions.labelsAllowingMissing(args, "values")
            let (codes, uniques) = Labels.factorize(present)
            var all: [Int64] = []
            all.reserveCapacity(codes.count + missing.count)
            var next = 0
            var m = 0
            for row in 0..<(codes.count + missing.count) {
                if m < missing.count, missing[m] == row {
                    all.append(-1)
                    m += 1
                } else {
                    all.append(Int64(codes[next]))
                    next += 1
                }
            }
            return .tuple([.object(ArrayObject(NDArray(shape: [all.count], int64: all))), LabelConversions.value(uniques)])
        },
    ]
}

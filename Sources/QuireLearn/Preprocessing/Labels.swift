/// Labels of one kind, as a typed list: what `y` holds (ints, floats, bools or strings).
public enum LabelList: Sendable, Equatable {
    case ints([Int64])
    case floats([Double])
    case bools([Bool])
    case strings([String])

    /// The kind of the labels, in words ("strings", "numbers", "bools").
    public enum Kind: String, Sendable {
        case ints, floats, bools, strings
    }

    public var kind: Kind {
        switch self {
        case .ints: .ints
        case .floats: .floats
        case .bools: .bools
        case .strings: .strings
        }
    }

    public var count: Int {
        switch self {
        case .ints(let v): v.count
        case .floats(let v): v.count
        case .bools(let v): v.count
        case .strings(let v): v.count
        }
    }

    /// The labels as numbers (bools as 0 and 1); nil for strings.
    public var numbers: [Double]? {
        switch self {
        case .ints(let v): v.map { Double($0) }
        case .floats(let v): v
        case .bools(let v): v.map { $0 ? 1 : 0 }
        case .strings: nil
        }
    }

    /// Each label as scikit-learn prints it in a report (`"%s" % label`): `3`, `2.5`, `True`, `setosa`.
    public var names: [String] {
        switch self {
        case .ints(let v): v.map { String($0) }
        case .floats(let v): v.map(formatPythonFloat)
        case .bools(let v): v.map { $0 ? "True" : "False" }
        case .strings(let v): v
        }
    }

    /// The labels as numpy's repr writes them in a list: `[0, 1]`, `['no', 'yes']`.
    public var listText: String {
        switch self {
        case .strings(let v): "[" + v.map { "'\($0)'" }.joined(separator: ", ") + "]"
        default: "[" + names.joined(separator: ", ") + "]"
        }
    }

    /// The labels at these positions.
    public func taking(_ rows: [Int]) -> LabelList {
        switch self {
        case .ints(let v): .ints(rows.map { v[$0] })
        case .floats(let v): .floats(rows.map { v[$0] })
        case .bools(let v): .bools(rows.map { v[$0] })
        case .strings(let v): .strings(rows.map { v[$0] })
        }
    }

    /// Two lists as one kind, as numpy combines them: bools with ints are ints, ints with floats
    /// are floats; strings with anything else cannot be combined (nil).
    public static func common(_ a: LabelList, _ b: LabelList) -> (LabelList, LabelList)? {
        if a.kind == b.kind { return (a, b) }
        if a.kind == .strings || b.kind == .strings { return nil }
        if a.kind == .floats || b.kind == .floats { return (.floats(a.numbers!), .floats(b.numbers!)) }
        // One is bools and the other ints.
        return (.ints(a.numbers!.map { Int64($0) }), .ints(b.numbers!.map { Int64($0) }))
    }

    /// The list concatenated with another of the same kind (nil for another kind).
    func appending(_ other: LabelList) -> LabelList? {
        switch (self, other) {
        case (.ints(let a), .ints(let b)): .ints(a + b)
        case (.floats(let a), .floats(let b)): .floats(a + b)
        case (.bools(let a), .bools(let b)): .bools(a + b)
        case (.strings(let a), .strings(let b)): .strings(a + b)
        default: nil
        }
    }
}

/// A string compared and hashed by its code points, as numpy compares strings: "é" written as
/// one code point and as "e" plus an accent are two labels, and "Z" sorts before "a".
struct CodePointString: Hashable, Comparable {
    let text: String

    static func == (a: Self, b: Self) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
    // UTF-8 bytes sort in code-point order.
    static func < (a: Self, b: Self) -> Bool { a.text.utf8.lexicographicallyPrecedes(b.text.utf8) }
    func hash(into hasher: inout Hasher) {
        for byte in text.utf8 { hasher.combine(byte) }
    }
}

/// The classes of a set of labels, sorted as `np.unique` sorts them (numbers by value, bools
/// False before True, strings by code point), as scikit-learn's LabelEncoder: labels encode to
/// their class's position 0..k-1 and positions decode back to labels.
public struct Labels: Sendable, Equatable {
    /// The distinct labels, sorted.
    public let classes: LabelList

    /// The sorted distinct labels of `y`.
    public init(fitting y: LabelList) {
        switch y {
        case .ints(let v): classes = .ints(Array(Set(v)).sorted())
        case .floats(let v): classes = .floats(Array(Set(v)).sorted())
        case .bools(let v): classes = .bools([false, true].filter(v.contains))
        case .strings(let v): classes = .strings(Array(Set(v.map(CodePointString.init))).sorted().map(\.text))
        }
    }

    /// Classes given as they are (already sorted and distinct, as a saved model keeps them).
    public init(classes: LabelList) { self.classes = classes }

    /// The sorted distinct labels of both lists together (`np.union1d`), which must be of kinds
    /// that combine (see `LabelList.common`).
    public init?(union a: LabelList, _ b: LabelList) {
        guard let (a, b) = LabelList.common(a, b), let both = a.appending(b) else { return nil }
        self.init(fitting: both)
    }

    public var count: Int { classes.count }

    /// The position of each label among the classes; nil for a label that is not a class (the
    /// first such label is given back).
    public func codes(_ y: LabelList) -> Result<[Int], Unseen> {
        func lookup<T: Hashable>(_ values: [T], _ classes: [T]) -> Result<[Int], Unseen> {
            var index: [T: Int] = [:]
            for (i, c) in classes.enumerated() { index[c] = i }
            var codes: [Int] = []
            codes.reserveCapacity(values.count)
            for (row, v) in values.enumerated() {
                guard let code = index[v] else { return .failure(Unseen(row: row)) }
                codes.append(code)
            }
            return .success(codes)
        }
        guard let (y, classes) = LabelList.common(y, self.classes) else { return .failure(Unseen(row: 0)) }
        switch (y, classes) {
        case (.ints(let v), .ints(let c)): return lookup(v, c)
        case (.floats(let v), .floats(let c)): return lookup(v, c)
        case (.bools(let v), .bools(let c)): return lookup(v, c)
        case (.strings(let v), .strings(let c)): return lookup(v.map(CodePointString.init), c.map(CodePointString.init))
        default: return .failure(Unseen(row: 0))
        }
    }

    /// The first label of a list that is not a class.
    public struct Unseen: Error, Equatable {
        public let row: Int
        public init(row: Int) { self.row = row }
    }

    /// The labels of these class positions.
    public func decode(_ codes: [Int]) -> LabelList { classes.taking(codes) }

    /// The labels as a model's numeric core is trained on them: numbers as they are (bools as 0
    /// and 1), strings as their class position. Both keep the classes' order.
    public func trainingValues(_ y: LabelList) -> Result<[Double], Unseen> {
        if let numbers = y.numbers, classes.kind != .strings { return .success(numbers) }
        return codes(y).map { $0.map(Double.init) }
    }

    /// The classes as a model's numeric core knows them (see `trainingValues`).
    public var trainingClasses: [Double] { classes.numbers ?? (0..<count).map(Double.init) }

    /// Predictions of a model's numeric core (values among `modelClasses`, which are sorted as
    /// `classes` are) as labels.
    public func decode(predictions: [Double], modelClasses: [Double]) -> LabelList {
        var index: [Double: Int] = [:]
        for (i, c) in modelClasses.enumerated() { index[c] = i }
        return decode(predictions.map { index[$0] ?? 0 })
    }

    /// Codes in order of first appearance and the distinct labels in that order, as pandas'
    /// `factorize`.
    public static func factorize(_ y: LabelList) -> (codes: [Int], uniques: LabelList) {
        func firstSeen<T: Hashable>(_ values: [T]) -> (codes: [Int], uniques: [Int]) {
            var seen: [T: Int] = [:]
            var codes: [Int] = [], uniques: [Int] = []
            codes.reserveCapacity(values.count)
            for (row, v) in values.enumerated() {
                if let code = seen[v] {
                    codes.append(code)
                } else {
                    seen[v] = uniques.count
                    codes.append(uniques.count)
                    uniques.append(row)
                }
            }
            return (codes, uniques)
        }
        let (codes, rows): ([Int], [Int])
        switch y {
        case .ints(let v): (codes, rows) = firstSeen(v)
        case .floats(let v): (codes, rows) = firstSeen(v)
        case .bools(let v): (codes, rows) = firstSeen(v)
        case .strings(let v): (codes, rows) = firstSeen(v.map(CodePointString.init))
        }
        return (codes, y.taking(rows))
    }
}

extension LabelList: Codable {
    private enum Keys: String, CodingKey { case kind, values }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        switch try c.decode(String.self, forKey: .kind) {
        case "ints": self = .ints(try c.decode([Int64].self, forKey: .values))
        case "floats": self = .floats(try c.decode([Double].self, forKey: .values))
        case "bools": self = .bools(try c.decode([Bool].self, forKey: .values))
        case "strings": self = .strings(try c.decode([String].self, forKey: .values))
        default: throw LearnError.badModelFile("its class labels are damaged")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(kind.rawValue, forKey: .kind)
        switch self {
        case .ints(let v): try c.encode(v, forKey: .values)
        case .floats(let v): try c.encode(v, forKey: .values)
        case .bools(let v): try c.encode(v, forKey: .values)
        case .strings(let v): try c.encode(v, forKey: .values)
        }
    }
}

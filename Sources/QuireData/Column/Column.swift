import QuireSupport

/// The element type of a column.
public enum ColumnType: String, Sendable, CaseIterable {
    case int64, float64, bool, string

    /// The dtype pandas shows for a column of this type (`str` for strings, as pandas 3 does).
    public var pandasName: String {
        switch self {
        case .int64: "int64"
        case .float64: "float64"
        case .bool: "bool"
        case .string: "str"
        }
    }

    public var isNumeric: Bool { self == .int64 || self == .float64 }
}

/// One cell's value.
public enum Scalar: Sendable, Hashable {
    case int(Int64)
    case float(Double)
    case bool(Bool)
    case string(String)
    case missing

    /// The value as a Double, for numbers and bools.
    public var double: Double? {
        switch self {
        case .int(let i): Double(i)
        case .float(let d): d
        case .bool(let b): b ? 1 : 0
        default: nil
        }
    }
}

/// A typed column buffer with a validity bitmap.
///
/// Missing values: float columns use NaN (as pandas does) and keep no bitmap; other columns keep
/// `validity`, nil when nothing is missing. A missing int or bool cell holds 0 or false.
public struct Column: Sendable {
    public enum Storage: Sendable {
        case int64([Int64])
        case float64([Double])
        case bool([Bool])
        case string([String])
    }

    public var storage: Storage
    public var validity: Bitmap?
    /// An int64 column of time stamps (nanoseconds since the epoch, pandas' datetime64), printed
    /// as dates; see `DateTime`.
    public var isDatetime = false

    public init(_ storage: Storage, validity: Bitmap? = nil) {
        self.storage = storage
        if case .float64 = storage { self.validity = nil } else { self.validity = validity?.allSet == true ? nil : validity }
    }

    public init(int64 v: [Int64]) { self.init(.int64(v)) }
    public init(float64 v: [Double]) { self.init(.float64(v)) }
    public init(bool v: [Bool]) { self.init(.bool(v)) }
    public init(string v: [String], validity: Bitmap? = nil) { self.init(.string(v), validity: validity) }

    public var type: ColumnType {
        switch storage {
        case .int64: .int64
        case .float64: .float64
        case .bool: .bool
        case .string: .string
        }
    }

    /// The dtype pandas shows: a bool or int column with missing values is `object` / `float64`.
    public var pandasDtype: String {
        // pandas 3 reads date strings at microsecond resolution; Quire keeps nanoseconds.
        if isDatetime { return "datetime64[us]" }
        if type == .bool && validity != nil { return "object" }
        return type.pandasName
    }

    public var count: Int {
        switch storage {
        case .int64(let v): v.count
        case .float64(let v): v.count
        case .bool(let v): v.count
        case .string(let v): v.count
        }
    }

    public func isMissing(_ i: Int) -> Bool {
        if case .float64(let v) = storage { return v[i].isNaN }
        if let validity { return !validity[i] }
        return false
    }

    /// The number of values that are not missing.
    public var validCount: Int {
        if case .float64(let v) = storage { return v.reduce(0) { $0 + ($1.isNaN ? 0 : 1) } }
        return validity?.setCount ?? count
    }

    public var hasMissing: Bool { validCount < count }

    public subscript(i: Int) -> Scalar {
        if isMissing(i) { return .missing }
        switch storage {
        case .int64(let v): return .int(v[i])
        case .float64(let v): return .float(v[i])
        case .bool(let v): return .bool(v[i])
        case .string(let v): return .string(v[i])
        }
    }

    /// The rows at `rows`, in that order.
    public func taking(_ rows: [Int]) -> Column {
        let newValidity = validity.map { v in Bitmap(rows.map { v[$0] }) }
        switch storage {
        case .int64(let v):
            var c = Column(.int64(gather(v, rows)), validity: newValidity)
            c.isDatetime = isDatetime
            return c
        case .float64(let v): return Column(.float64(gather(v, rows)))
        case .bool(let v): return Column(.bool(rows.map { v[$0] }), validity: newValidity)
        case .string(let v): return Column(.string(rows.map { v[$0] }), validity: newValidity)
        }
    }

    /// Rows `range`, as a new column.
    public func slice(_ range: Range<Int>) -> Column { taking(Array(range)) }

    /// Every value as a Double (bools as 0 and 1, missing as NaN); nil for string columns.
    public var doubles: [Double]? {
        var out: [Double]
        switch storage {
        case .int64(let v): out = v.map { Double($0) }
        case .float64(let v): return v
        case .bool(let v): out = v.map { $0 ? 1 : 0 }
        case .string: return nil
        }
        if let validity { for i in 0..<out.count where !validity[i] { out[i] = .nan } }
        return out
    }

    /// Builds a column from scalars, choosing the narrowest type that holds them all as pandas
    /// would: ints with missing values become floats; mixed kinds become strings.
    public init(scalars: [Scalar]) {
        var hasInt = false, hasFloat = false, hasBool = false, hasString = false, hasMissing = false
        for s in scalars {
            switch s {
            case .int: hasInt = true
            case .float: hasFloat = true
            case .bool: hasBool = true
            case .string: hasString = true
            case .missing: hasMissing = true
            }
        }
        let valid = Bitmap(scalars.map { $0 != .missing })
        if hasString || (hasBool && (hasInt || hasFloat)) {
            self.init(.string(scalars.map { s in
                switch s {
                case .string(let t): t
                case .int(let i): String(i)
                case .float(let d): FloatRepr.python(d)
                case .bool(let b): b ? "True" : "False"
                case .missing: ""
                }
            }), validity: valid)
        } else if hasBool {
            self.init(.bool(scalars.map { $0 == .bool(true) }), validity: valid)
        } else if hasFloat || (hasInt && hasMissing) || !hasInt {
            self.init(.float64(scalars.map { $0.double ?? .nan }))
        } else {
            self.init(.int64(scalars.map { if case .int(let i) = $0 { i } else { 0 } }))
        }
    }
}

/// `rows.map { values[$0] }` without a bounds check per element (`rows` come from the column).
private func gather<T>(_ values: [T], _ rows: [Int]) -> [T] {
    values.withUnsafeBufferPointer { v in
        Array(unsafeUninitializedCapacity: rows.count) { out, n in
            for (k, r) in rows.enumerated() {
                precondition(r >= 0 && r < v.count, "row out of range")
                (out.baseAddress! + k).initialize(to: v[r])
            }
            n = rows.count
        }
    }
}

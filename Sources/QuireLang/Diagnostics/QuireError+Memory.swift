import QuireSupport

/// The sentences for sizes refused before allocation: the one place their wording lives.
extension QuireError {
    public init(_ error: SizeError) {
        switch error {
        case .tooLarge(let what, let bytes):
            self.init(
                .memory, "\(QuireError.describe(what)) is too large to exist (\(Memory.describe(bytes: bytes)))",
                hint: QuireError.sizeHint(what))
        case .outOfMemory(let what, let bytes, let available):
            self.init(
                .memory, "not enough memory for \(QuireError.describe(what)) (\(Memory.describe(bytes: Double(bytes))))",
                hint: "about \(Memory.describe(bytes: Double(available))) is available; " + QuireError.sizeHint(what))
        case .overLimit(let what, let bytes, let available, let limit):
            self.init(
                .memory,
                "\(QuireError.describe(what)) needs \(Memory.describe(bytes: Double(bytes))), more than the sandbox's memory limit of \(Memory.describe(bytes: Double(limit))) allows",
                hint: "about \(Memory.describe(bytes: Double(available))) of the limit is left; " + QuireError.sizeHint(what))
        }
    }

    private static func describe(_ what: Allocation) -> String {
        switch what {
        case .array(let shape):
            "an array of shape (" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")
        case .string(let length): "a string of \(length) characters"
        case .list(let count): "a list of \(count) items"
        case .dict(let count): "a dict of \(count) entries"
        case .data(let bytes): "\(bytes) bytes of data"
        }
    }

    private static func sizeHint(_ what: Allocation) -> String {
        switch what {
        case .array: "check the shape: every dimension multiplies the size"
        case .string, .list, .dict: "check the repeat count, or the loop that builds it"
        case .data: "work on a smaller part of the data"
        }
    }
}

extension Memory {
    /// Before one more item is appended to `items`: when that doubles a large buffer, checks
    /// that the doubled size can be had.
    @inline(__always)
    static func checkGrowth(of items: [Value], as what: (Int) -> Allocation, bytesPerItem: Int) throws(QuireError) {
        guard items.count == items.capacity, items.count >= [Value].growthCheckLength else { return }
        let doubled = items.count &* 2
        try check(what(doubled), count: doubled, elementSize: bytesPerItem)
    }

    /// `Memory.reserve` for the language's own values (strings, lists): a refusal is a
    /// QuireError the interpreter locates like any other.
    public static func check(_ what: Allocation, count: Int, elementSize: Int) throws(QuireError) {
        do {
            try reserve(what, count: count, elementSize: elementSize)
        } catch {
            throw QuireError(error)
        }
    }
}

extension Array where Element == Value {
    /// Lists from this length on check, before each doubling of their buffer, that the doubled
    /// buffer can be had: a loop appending without end then stops with a clear error.
    static let growthCheckLength = 1 << 16

    /// `append`, but a list that would outgrow memory is an error rather than an abort.
    @inline(__always)
    public mutating func appendChecked(_ value: Value) throws(QuireError) {
        try Memory.checkGrowth(of: self, as: Allocation.list(count:), bytesPerItem: MemoryLayout<Value>.stride)
        append(value)
    }
}

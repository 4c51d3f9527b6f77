/// One bit per row: set when the row holds a value, clear when it is missing.
public struct Bitmap: Sendable, Equatable {
    private var words: [UInt64]
    public private(set) var count: Int

    /// A bitmap of `count` bits, all set to `value`.
    public init(count: Int, value: Bool = true) {
        self.count = count
        let fill: UInt64 = value ? ~0 : 0
        words = [UInt64](repeating: fill, count: (count + 63) / 64)
    }

    /// A bitmap from one Bool per row.
    public init(_ bits: [Bool]) {
        self.init(count: bits.count, value: false)
        for (i, b) in bits.enumerated() where b { self[i] = true }
    }

    public subscript(i: Int) -> Bool {
        get { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
        set {
            if newValue { words[i >> 6] |= 1 << UInt64(i & 63) } else { words[i >> 6] &= ~(1 << UInt64(i & 63)) }
        }
    }

    /// Appends one bit.
    public mutating func append(_ bit: Bool) {
        if count & 63 == 0 { words.append(0) }
        count += 1
        self[count - 1] = bit
    }

    /// The number of set bits among the first `count`.
    public var setCount: Int {
        var total = 0
        for (w, word) in words.enumerated() {
            let valid = min(64, count - w * 64)
            let mask: UInt64 = valid == 64 ? ~0 : (1 << UInt64(valid)) - 1
            total += (word & mask).nonzeroBitCount
        }
        return total
    }

    /// True when every bit is set.
    public var allSet: Bool { setCount == count }
}

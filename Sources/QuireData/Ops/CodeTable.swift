/// Dense codes for 64-bit keys (ints, or floats by bit pattern): each new key gets the next code
/// (0, 1, 2 ... in order of first insertion). An open-addressing table with linear probing,
/// because Swift's `Dictionary` hashes through a generic, seeded path several times slower on
/// the million-row columns that factorizing, joins and `duplicated` walk.
struct CodeTable {
    private var keys: [UInt64]
    private var slots: [Int]  // code + 1 of the key in the same position; 0 for an empty slot
    private var shift: UInt64
    private(set) var count = 0

    /// The table is grown when it is more than this full (linear probing slows down past it).
    private static let maxLoad = 0.5

    /// A table sized for about `expected` distinct keys (it grows past them).
    init(expected: Int) {
        var bits = 4
        while Double(1 << bits) * Self.maxLoad < Double(Swift.max(expected, 1)) && bits < 62 { bits += 1 }
        keys = [UInt64](repeating: 0, count: 1 << bits)
        slots = [Int](repeating: 0, count: 1 << bits)
        shift = UInt64(64 - bits)
    }

    /// Fibonacci hashing: the product's high bits, so that keys differing only in high bits
    /// (multiples of a power of two) still spread.
    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: ((key ^ (key >> 31)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The key's code, inserting it with the next code when it is new.
    @inline(__always)
    mutating func code(_ key: UInt64) -> (code: Int, inserted: Bool) {
        if Double(count + 1) > Double(slots.count) * Self.maxLoad { grow() }
        let mask = slots.count - 1
        var s = slot(key)
        while true {
            let found = slots[s]
            if found == 0 {
                keys[s] = key
                count += 1
                slots[s] = count
                return (count - 1, true)
            }
            if keys[s] == key { return (found - 1, false) }
            s = (s + 1) & mask
        }
    }

    /// The key's code, or -1 when it was never inserted.
    @inline(__always)
    func find(_ key: UInt64) -> Int {
        let mask = slots.count - 1
        var s = slot(key)
        while true {
            let found = slots[s]
            if found == 0 { return -1 }
            if keys[s] == key { return found - 1 }
            s = (s + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldSlots = slots
        let bits = 64 - Int(shift) + 1
        keys = [UInt64](repeating: 0, count: 1 << bits)
        slots = [Int](repeating: 0, count: 1 << bits)
        shift = UInt64(64 - bits)
        let mask = slots.count - 1
        for (k, found) in oldSlots.enumerated() where found != 0 {
            var s = slot(oldKeys[k])
            while slots[s] != 0 { s = (s + 1) & mask }
            keys[s] = oldKeys[k]
            slots[s] = found
        }
    }
}

extension Double {
    /// The key a float is factorized by: -0.0 and 0.0 are one value.
    var codeKey: UInt64 { (self == 0 ? 0 : self).bitPattern }
}

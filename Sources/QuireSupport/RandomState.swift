/// numpy's legacy `RandomState`: MT19937 seeded with `init_genrand`, with numpy's exact ways of
/// drawing floats, bounded integers and permutations, so `random_state=N` means what it means in
/// scikit-learn.
public struct RandomState: Sendable {
    /// The Mersenne Twister's state size in 32-bit words.
    static let stateSize = 624
    /// The distance between the two words mixed when the state is regenerated.
    static let shift = 397

    private var mt: [UInt32]
    private var position: Int

    /// Seeds the generator as `numpy.random.RandomState(seed)` does for an integer seed.
    public init(seed: UInt32) {
        var mt = [UInt32](repeating: 0, count: Self.stateSize)
        mt[0] = seed
        for i in 1..<Self.stateSize {
            mt[i] = 1_812_433_253 &* (mt[i - 1] ^ (mt[i - 1] >> 30)) &+ UInt32(i)
        }
        self.mt = mt
        position = Self.stateSize
    }

    /// The first words of the state, for checking the seeding against numpy.
    public var stateKey: [UInt32] { mt }

    private mutating func regenerate() {
        let n = Self.stateSize, m = Self.shift
        let upper: UInt32 = 0x8000_0000, lower: UInt32 = 0x7fff_ffff, matrix: UInt32 = 0x9908_b0df
        for i in 0..<n {
            let y = (mt[i] & upper) | (mt[(i + 1) % n] & lower)
            mt[i] = mt[(i + m) % n] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : matrix)
        }
        position = 0
    }

    /// The next raw 32-bit output (`genrand_int32`).
    public mutating func nextUInt32() -> UInt32 {
        if position >= Self.stateSize { regenerate() }
        var y = mt[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// The next 64-bit output, high word first, as numpy builds it from two 32-bit draws.
    public mutating func nextUInt64() -> UInt64 {
        let high = UInt64(nextUInt32())
        return high << 32 | UInt64(nextUInt32())
    }

    /// A float in [0, 1) with 53 random bits (`random_sample`).
    public mutating func randomSample() -> Double {
        let a = UInt64(nextUInt32() >> 5), b = UInt64(nextUInt32() >> 6)
        return (Double(a) * 67_108_864.0 + Double(b)) / 9_007_199_254_740_992.0
    }

    /// The smallest all-ones mask covering `value`.
    static func mask(covering value: UInt64) -> UInt64 {
        var mask = value
        for s in [1, 2, 4, 8, 16, 32] as [UInt64] { mask |= mask >> s }
        return mask
    }

    /// A uniform integer in [0, max] by masked rejection (numpy's legacy `random_interval` and
    /// `randint`'s masked bounded draw).
    public mutating func interval(_ max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        let mask = Self.mask(covering: max)
        if max <= UInt64(UInt32.max) {
            while true {
                let value = UInt64(nextUInt32()) & mask
                if value <= max { return value }
            }
        }
        while true {
            let value = nextUInt64() & mask
            if value <= max { return value }
        }
    }

    /// `randint(low, high)`: a uniform integer in [low, high).
    public mutating func randint(_ low: Int, _ high: Int) -> Int {
        precondition(high > low, "randint needs low < high")
        let range = UInt64(high - low - 1)
        if range == UInt64(UInt32.max) { return low + Int(nextUInt32()) }
        return low + Int(interval(range))
    }

    /// Shuffles in place as numpy's legacy `shuffle` does: `i` from the end down to 1, `j` in [0, i].
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, through: 1, by: -1) {
            let j = Int(interval(UInt64(i)))
            items.swapAt(i, j)
        }
    }

    /// `permutation(n)`: a shuffled `0..<n`.
    public mutating func permutation(_ n: Int) -> [Int] {
        var items = Array(0..<n)
        shuffle(&items)
        return items
    }

    /// `choice(population, size, replace=False)` as the legacy generator draws it.
    public mutating func choiceWithoutReplacement(_ population: [Int], size: Int) -> [Int] {
        permutation(population.count).prefix(size).map { population[$0] }
    }
}

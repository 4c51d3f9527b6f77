import QuireSupport

/// The rows pandas' `sample` picks: numpy's legacy `RandomState.choice(rows, size, replace)`,
/// so a given `random_state` gives the same rows as pandas.
public enum Sampling {
    /// The sampled row positions, in drawing order. `n` and `frac` as pandas takes them (neither
    /// means one row); `seed` nil draws a fresh seed.
    public static func rows(of population: Int, n: Int?, frac: Double?, replace: Bool, seed: UInt32?) throws -> [Int] {
        let size = try sampleSize(population, n: n, frac: frac, replace: replace)
        var random = RandomState(seed: seed ?? UInt32.random(in: 0...UInt32.max))
        if replace {
            guard population > 0 || size == 0 else { throw GroupingError.sampleLargerThanPopulation(requested: size, rows: population) }
            // numpy: `randint(0, pop_size, size)`.
            var out: [Int] = []
            out.reserveCapacity(size)
            for _ in 0..<size {
                try Cancellation.check()
                out.append(random.randint(0, population))
            }
            return out
        }
        guard size <= population else { throw GroupingError.sampleLargerThanPopulation(requested: size, rows: population) }
        // numpy: `permutation(pop_size)[:size]`.
        return random.choiceWithoutReplacement(Array(0..<population), size: size)
    }

    /// pandas' `process_sampling_size`, then `round(frac * rows)` (half to even).
    static func sampleSize(_ population: Int, n: Int?, frac: Double?, replace: Bool) throws -> Int {
        switch (n, frac) {
        case (nil, nil): return 1
        case (.some, .some): throw GroupingError.sampleSizeTwice
        case (let n?, nil):
            guard n >= 0 else { throw GroupingError.negativeSampleSize(argument: "n") }
            return n
        case (nil, let frac?):
            guard frac.isFinite, !(frac > 1 && !replace) else { throw GroupingError.upsamplingWithoutReplace }
            guard frac >= 0 else { throw GroupingError.negativeSampleSize(argument: "frac") }
            let size = (frac * Double(population)).rounded(.toNearestOrEven)
            // A size past this would not fit in memory anyway; Memory refuses it when rows are taken.
            guard size < Double(Int32.max) else { throw GroupingError.sampleLargerThanPopulation(requested: Int.max, rows: population) }
            return Int(size)
        }
    }
}

extension DataFrame {
    /// pandas' `df.sample(n=, frac=, replace=, random_state=)`: rows keep their labels.
    public func sample(n: Int?, frac: Double?, replace: Bool, seed: UInt32?) throws -> DataFrame {
        taking(try Sampling.rows(of: rowCount, n: n, frac: frac, replace: replace, seed: seed))
    }
}

extension Series {
    /// pandas' `s.sample(...)`, as `DataFrame.sample`.
    public func sample(n: Int?, frac: Double?, replace: Bool, seed: UInt32?) throws -> Series {
        taking(try Sampling.rows(of: count, n: n, frac: frac, replace: replace, seed: seed))
    }
}

import Foundation
import Testing
@testable import QuireData

/// Group-by on several keys, pivot tables and sampling, against numbers taken from pandas 3.1.1
/// and numpy (noted at each test).
@Suite struct GroupingTests {
    let df: DataFrame

    init() throws {
        df = try TestData.parse("k,j,v\nb,x,1\na,y,2\nb,x,3\n,x,4\na,x,5\nb,y,6\n")
    }

    @Test func twoKeysSortTuplesAndLeaveOutMissingKeys() throws {
        let g = try df.groupBy(["k", "j"])
        #expect(g.groupCount == 4)
        let sums = try g.aggregate(.sum)
        // pandas: df.groupby(["k", "j"]).v.sum() -> (a,x) 5, (a,y) 2, (b,x) 4, (b,y) 6.
        #expect(sums.columns[0].ints == [5, 2, 4, 6])
        let multi = try #require(sums.index.multi)
        #expect(multi.levels[0].strings == ["a", "a", "b", "b"])
        #expect(multi.sparseLabels()[0] == ["a", "", "b", ""])
        #expect(multi.sparseLabels()[1] == ["x", "y", "x", "y"])
        let flat = try sums.resettingIndex(drop: false)
        #expect(flat.names == ["k", "j", "v"])
    }

    @Test func noKeysIsAnError() {
        #expect(throws: GroupingError.noKeys) { try df.groupBy([String]()) }
        #expect(throws: DataError.self) { try df.groupBy(["k", "nope"]) }
    }

    @Test func namedOutputsMustDiffer() throws {
        let g = try df.groupBy("k")
        #expect(throws: GroupingError.duplicateOutput(name: "t")) {
            try g.aggregate(named: [("t", "v", .sum), ("t", "v", .max)])
        }
    }

    @Test func pivotLeavesEmptyCellsMissingOrFilled() throws {
        let t = try Pivot.table(df, values: "v", index: ["k"], columns: "j", reduction: .sum)
        // pandas: pivot_table(values="v", index="k", columns="j", aggfunc="sum") -> a: 5, 2; b: 4, 6.
        #expect(t.names == ["x", "y"])
        #expect(t.columns[0].doubles == [5, 4])
        let m = try Pivot.table(df, values: "v", index: ["k"], columns: "j", reduction: .sum, fillValue: .int(0), margins: true)
        #expect(m.columns[2].ints == [7, 10, 17])
    }

    @Test func sampleDrawsNumpysRows() throws {
        // numpy: RandomState(0).choice(178, size=5, replace=False) -> 54, 151, 63, 55, 123.
        #expect(try Sampling.rows(of: 178, n: 5, frac: nil, replace: false, seed: 0) == [54, 151, 63, 55, 123])
        // numpy: RandomState(3).choice(10, size=4, replace=True) -> 8, 9, 3, 8.
        #expect(try Sampling.rows(of: 10, n: 4, frac: nil, replace: true, seed: 3) == [8, 9, 3, 8])
        // round(0.25 * 10) == 2 (half to even).
        #expect(try Sampling.rows(of: 10, n: nil, frac: 0.25, replace: false, seed: 1).count == 2)
    }

    @Test func sampleRefusesWhatPandasRefuses() throws {
        #expect(throws: GroupingError.sampleSizeTwice) { try Sampling.rows(of: 5, n: 1, frac: 0.5, replace: false, seed: 0) }
        #expect(throws: GroupingError.sampleLargerThanPopulation(requested: 6, rows: 5)) {
            try Sampling.rows(of: 5, n: 6, frac: nil, replace: false, seed: 0)
        }
        #expect(throws: GroupingError.upsamplingWithoutReplace) { try Sampling.rows(of: 5, n: nil, frac: 1.5, replace: false, seed: 0) }
        #expect(throws: GroupingError.negativeSampleSize(argument: "n")) { try Sampling.rows(of: 5, n: -1, frac: nil, replace: false, seed: 0) }
        #expect(try Sampling.rows(of: 0, n: 0, frac: nil, replace: false, seed: 0) == [])
    }
}

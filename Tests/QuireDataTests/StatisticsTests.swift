import Foundation
import Testing
@testable import QuireData

/// Expected numbers were computed once with pandas 3.1.1 in /work/venv on the same text and
/// written here as literals.
@Suite struct StatisticsTests {
    static let text = "g,x,y\na,1,0.5\nb,2,\na,3,1.25\nc,4,2.0\nb,5,3.5\n,6,1.0\n"

    @Test func describeMatchesPandas() throws {
        let d = try TestData.parse(Self.text).describe()
        #expect(d.names == ["x", "y"])
        // pandas: df.describe().values.tolist()
        #expect(d.columns[0].floats == [6.0, 3.5, 1.8708286933869707, 1.0, 2.25, 3.5, 4.75, 6.0])
        #expect(d.columns[1].floats == [5.0, 1.65, 1.167261752992875, 0.5, 1.0, 1.25, 2.0, 3.5])
    }

    @Test func seriesStatisticsMatchPandas() throws {
        let df = try TestData.parse(Self.text)
        let y = try df.column("y")
        // pandas: df.y.std(), df.y.var(), df.y.median(), df.x.quantile(0.3)
        #expect(try y.std() == 1.167261752992875)
        #expect(try y.variance() == 1.3624999999999998)
        #expect(try y.median() == 1.25)
        #expect(try df.column("x").quantile(0.3) == 2.5)
        #expect(try df.column("x").sum() == .int(21))
        #expect(y.countValid() == 5)
        #expect(try y.min() == .float(0.5))
    }

    @Test func stringStatisticsAreErrors() throws {
        let g = try TestData.parse(Self.text).column("g")
        #expect(throws: DataError.wrongType(column: "g", type: .string, operation: "mean")) { try g.mean() }
    }

    @Test func valueCountsOrderMatchesPandas() throws {
        // pandas: a 2, b 2, c 1 (ties in order of first appearance; missing dropped)
        let counts = try TestData.parse(Self.text).column("g").valueCounts()
        #expect(counts.column.ints == [2, 2, 1])
        #expect(counts.index.labels.strings == ["a", "b", "c"])
        #expect(counts.name == "count")
        #expect(counts.index.name == "g")
    }

    @Test func valueCountsTiesKeepFirstAppearance() throws {
        // pandas: pd.Series([5,2,2,5,3,3,1]).value_counts() -> 5, 2, 3, 1
        let s = Series(name: "v", column: Column(int64: [5, 2, 2, 5, 3, 3, 1]))
        #expect(s.valueCounts().index.labels.ints == [5, 2, 3, 1])
    }

    @Test func groupByMatchesPandas() throws {
        let groups = try TestData.parse(Self.text).groupBy("g")
        #expect(groups.keys.strings == ["a", "b", "c"])
        // pandas: df.groupby('g').mean() / .sum() / .std() / .count()
        let mean = try groups.aggregate(.mean)
        #expect(mean.columns[0].floats == [2.0, 3.5, 4.0])
        #expect(mean.columns[1].floats == [0.875, 3.5, 2.0])
        let sum = try groups.aggregate(.sum)
        #expect(sum.columns[0].ints == [4, 7, 4])
        #expect(sum.columns[1].floats == [1.75, 3.5, 2.0])
        let std = try groups.aggregate(.std)
        let sx = try #require(std.columns[0].floats), sy = try #require(std.columns[1].floats)
        #expect(sx[0] == 1.4142135623730951 && sx[1] == 2.1213203435596424 && sx[2].isNaN)
        #expect(sy[0] == 0.5303300858899106 && sy[1].isNaN && sy[2].isNaN)
        #expect(try groups.aggregate(.count).columns[1].ints == [2, 1, 1])
        #expect(groups.size().column.ints == [2, 2, 1])
    }

    @Test func groupByUnknownColumn() throws {
        let df = try TestData.parse(Self.text)
        #expect(throws: DataError.noSuchColumn(name: "h", columns: ["g", "x", "y"])) { try df.groupBy("h") }
    }

    @Test func sortIsStableBothWays() throws {
        let df = try TestData.parse("k,v\n2,a\n1,b\n2,c\n1,d\n")
        #expect(try df.sortValues(by: "k").column("v").column.strings == ["b", "d", "a", "c"])
        #expect(try df.sortValues(by: "k", ascending: false).column("v").column.strings == ["a", "c", "b", "d"])
    }

    @Test func uniqueAndNunique() throws {
        let s = try TestData.parse("v\nb\na\nNA\nb\nc\n").column("v")
        #expect(s.unique().count == 4)
        #expect(s.unique().isMissing(2))
        #expect(s.nunique() == 3)
    }

    @Test func selectionAndHistogramAgreeWithSorting() {
        var generator = SystemRandomNumberGenerator()
        for n in [1, 2, 7, 100, 1001] {
            let ints = (0..<n).map { _ in Int64.random(in: -20...40, using: &generator) }
            let sorted = ints.map(Double.init).sorted()
            let expected = [0.25, 0.5, 0.75].map { quantile(sorted: sorted, $0) }
            var values = ints.map(Double.init)
            let selected = Selection.summary(&values, [0.25, 0.5, 0.75])
            #expect(selected.quantiles == expected)
            #expect(selected.min == sorted.first && selected.max == sorted.last)
            let counted = Selection.smallRangeSummary(ints, [0.25, 0.5, 0.75])
            #expect(counted?.quantiles == expected)
            #expect(counted?.min == sorted.first && counted?.max == sorted.last)
        }
        #expect(Selection.smallRangeSummary([0, 1 << 40], [0.5]) == nil)
    }
}

import Foundation
import Testing

/// `map` and `apply` call a Quire function once per value or row: a cell's time limit stops
/// them between calls, and the error is the time limit's, not one blamed on a value.
extension LongBuiltinStopTests {
    /// A frame of `rows` rows, drawn by `sample` from a small CSV written beside the test.
    func frameCell(rows: Int) throws -> String {
        let folder = try makeTemporaryFolder()
        let path = folder + "/small.csv"
        try "units,price\n1,1.5\n2,2.5\n3,3.5\n".write(toFile: path, atomically: true, encoding: .utf8)
        return "big = read_csv(\"\(path)\").sample(\(rows), replace=true, random_state=0)\n"
    }

    @Test func aSeriesMap() throws {
        try expectStopped(try frameCell(rows: 3_000_000) + "big.units.map(fn(v) { v + 1 })", rows: 10, "Series.map")
    }

    @Test func aRowApply() throws {
        try expectStopped(try frameCell(rows: 3_000_000) + "big.apply(fn(r) { r[\"units\"] * r[\"price\"] }, axis=1)", rows: 10, "DataFrame.apply")
    }
}

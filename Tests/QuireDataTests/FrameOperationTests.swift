import Foundation
import Testing
@testable import QuireData

@Suite struct FrameOperationTests {
    let df: DataFrame

    init() throws {
        df = try TestData.parse("name,h,w,ok\nA,1.5,50,True\nB,2.0,80,False\nC,,70,True\n")
    }

    @Test func maskFilteringAndWrongLength() throws {
        let mask = try df.column("w").compare(.greater, .scalar(.int(60)))
        let kept = try df.filtered(by: mask)
        #expect(kept.rowCount == 2)
        #expect(kept.index.labels.ints == [1, 2])
        let short = Series(name: nil, column: Column(bool: [true]))
        #expect(throws: DataError.maskLength(expected: 3, got: 1)) { try df.filtered(by: short) }
        #expect(throws: DataError.notBoolean(column: "w")) { try df.filtered(by: try df.column("w")) }
    }

    @Test func comparingTextWithNumberNamesTheColumn() {
        #expect(throws: DataError.wrongType(column: "name", type: .string, operation: ">")) {
            try df.column("name").compare(.greater, .scalar(.int(3)))
        }
    }

    @Test func arithmeticFollowsPandasTypes() throws {
        let w = try df.column("w"), h = try df.column("h")
        #expect(try w.arithmetic(.add, .scalar(.int(1))).column.ints == [51, 81, 71])
        #expect(try w.arithmetic(.divide, .scalar(.int(4))).column.floats == [12.5, 20, 17.5])
        #expect(try w.arithmetic(.floorDivide, .scalar(.int(-30))).column.ints == [-2, -3, -3])
        #expect(try w.arithmetic(.modulo, .scalar(.int(-30))).column.ints == [-10, -10, -20])
        #expect(try w.arithmetic(.subtract, .scalar(.int(100)), reflected: true).column.ints == [50, 20, 30])
        let bmi = try #require(try w.arithmetic(.divide, .series(h.arithmetic(.power, .scalar(.int(2))))).column.floats)
        #expect(bmi[0] == 50 / 2.25 && bmi[1] == 20 && bmi[2].isNaN)
        // pandas: pd.Series([1, 2]) // 0 -> inf; % 0 -> NaN
        let zero = try w.arithmetic(.floorDivide, .scalar(.int(0))).column.floats
        #expect(zero?.allSatisfy { $0 == .infinity } == true)
        // Series of different lengths align on labels (pandas: 51.0, NaN, NaN), not an error.
        let short = try #require(try w.arithmetic(.add, .series(Series(name: nil, column: Column(int64: [1])))).column.floats)
        #expect(short[0] == 51 && short[1].isNaN && short[2].isNaN)
    }

    @Test func logicalOperators() throws {
        let ok = try df.column("ok")
        let heavy = try df.column("w").compare(.greaterEqual, .scalar(.int(70)))
        #expect(try ok.logical(and: true, .series(heavy)).column.bools == [false, false, true])
        #expect(try ok.logical(and: false, .series(heavy)).column.bools == [true, true, true])
        #expect(try ok.logicalNot().column.bools == [false, true, false])
        #expect(throws: DataError.notBoolean(column: "w")) { try df.column("w").logicalNot() }
    }

    @Test func missingComparesFalseExceptNotEqual() throws {
        let h = try df.column("h")
        #expect(try h.compare(.equal, .scalar(.float(2))).column.bools == [false, true, false])
        #expect(try h.compare(.notEqual, .scalar(.float(2))).column.bools == [true, false, true])
    }

    @Test func selectDropAndSetColumns() throws {
        #expect(try df.selecting(["w", "name"]).names == ["w", "name"])
        #expect(try df.dropping(["h", "ok"]).names == ["name", "w"])
        #expect(throws: DataError.noSuchColumn(name: "x", columns: df.names)) { try df.dropping(["x"]) }
        var copy = df
        try copy.setColumn("z", Column(int64: [1, 2, 3]))
        #expect(copy.names.last == "z")
        #expect(throws: DataError.columnLength(name: "y", expected: 3, got: 2)) {
            try copy.setColumn("y", Column(int64: [1, 2]))
        }
    }

    @Test func missingValueOperations() throws {
        #expect(df.isna().any().column.bools == [false, true, false, false])
        #expect(df.dropna().rowCount == 2)
        #expect(df.fillna(.float(0)).columns[1].floats == [1.5, 2.0, 0])
    }

    @Test func toMatrixRefusesText() throws {
        #expect(throws: DataError.notNumeric(column: "name")) { try df.toMatrix() }
        let m = try df.dropping(["name"]).toMatrix()
        #expect(m.rows == 3 && m.columns == 3)
        #expect(m.values[0..<3] == [1.5, 50, 1])
    }

    @Test func headAndTail() throws {
        #expect(df.head(2).rowCount == 2)
        #expect(df.head(-1).rowCount == 2)
        #expect(df.tail(1).index.labels.ints == [2])
    }

    @Test func writerRoundTripsAndIsAtomic() throws {
        let path = try TestData.temporaryFile("out.csv", bytes: [])
        defer { try? FileManager.default.removeItem(atPath: path) }
        try CSVWriter.write(df, path: path, index: false)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "name,h,w,ok\nA,1.5,50,True\nB,2.0,80,False\nC,,70,True\n")
        let back = try CSVReader.read(path: path)
        #expect(back.dtypes == df.dtypes)
        #expect(throws: CSVError.self) { try CSVWriter.write(df, path: "/nonexistent-folder/x.csv") }
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent-folder/x.csv"))
    }

    @Test func writerQuotesOnlyWhereNeeded() {
        let f = DataFrame(names: ["s"], columns: [Column(string: ["a,b", "say \"hi\"", "plain"])])
        #expect(CSVWriter.text(f, index: false) == "s\n\"a,b\"\n\"say \"\"hi\"\"\"\nplain\n")
    }
}

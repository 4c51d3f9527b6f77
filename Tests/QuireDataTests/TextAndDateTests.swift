import Foundation
import Testing
@testable import QuireData

/// The `str` accessor's core, time stamps and the HTML of a Series. Expected values are what
/// Python 3.11 and pandas 3.1.1 give for the same input (copied from /work/venv).
@Suite struct TextAndDateTests {
    private func strings(_ values: [String?]) -> Series {
        Series(name: "s", column: Column(string: values.map { $0 ?? "" }, validity: Bitmap(values.map { $0 != nil })))
    }

    private func texts(_ s: Series) -> [String?] { (0..<s.count).map { if case .string(let t) = s.column[$0] { t } else { nil } } }
    private func bools(_ s: Series) -> [Bool?] { (0..<s.count).map { if case .bool(let b) = s.column[$0] { b } else { nil } } }

    @Test func lengthsAndSlicesCountCodePointsAsPython() throws {
        let s = strings(["héllo", "e\u{301}", nil])  // "é" written as e + combining accent is 2 in Python
        #expect(try s.strLength().column.doubles?.prefix(2) == [5, 2])
        #expect(texts(try s.strSlice(start: 1, stop: nil, step: nil)) == ["éllo", "\u{301}", nil])
        #expect(texts(try s.strSlice(start: nil, stop: nil, step: -1)) == ["olléh", "\u{301}e", nil])
        #expect(texts(try s.strGet(-1)) == ["o", "\u{301}", nil])
        #expect(texts(try s.strGet(9)) == [nil, nil, nil])
    }

    @Test func containsLiteralRegexAndCase() throws {
        let s = strings(["Paris", "a.b", nil, "PARIS"])
        #expect(bools(try s.strContains("ar")) == [true, false, false, false])
        #expect(bools(try s.strContains("ar", caseSensitive: false)) == [true, false, false, true])
        #expect(bools(try s.strContains(".", regex: false)) == [false, true, false, false])
        #expect(bools(try s.strContains("^p.r", caseSensitive: false)) == [true, false, false, true])
        #expect(bools(try s.strContains("x", na: .missing)) == [false, false, nil, false])
        #expect(throws: DataError.badPattern(pattern: "a(")) { try s.strContains("a(") }
    }

    @Test func replaceSplitAndStripAsPython() throws {
        let s = strings(["a-b-c", "  x  y ", nil])
        #expect(texts(try s.strReplace("-", "+", count: 1)) == ["a+b-c", "  x  y ", nil])
        #expect(texts(try s.strReplace("[a-c]", "#", regex: true)) == ["#-#-#", "  x  y ", nil])
        #expect(texts(try strings(["ab"]).strReplace("", "-")) == ["-a-b-"])  // Python's "ab".replace("", "-")
        #expect(try s.strSplit("-") .map { $0 } == [["a", "b", "c"], ["  x  y "], nil])
        #expect(try s.strSplit(nil, limit: 1) == [["a-b-c"], ["x", "y "], nil])  // "  x  y ".split(maxsplit=1)
        #expect(texts(try s.strStrip()) == ["a-b-c", "x  y", nil])
        #expect(texts(try s.strStrip("ac-", trailing: false)) == ["b-c", "  x  y ", nil])
        #expect(throws: DataError.emptySeparator) { try s.strSplit("") }
    }

    @Test func theAccessorRefusesNumbers() {
        let s = Series(name: "n", column: Column(int64: [1, 2]))
        #expect(throws: DataError.notText(column: "n", type: .int64)) { try s.strLower() }
    }

    @Test func timeStampsRoundTripThroughTheCalendar() throws {
        // numpy: np.datetime64("2024-02-29T08:00:00", "ns").astype(int)
        #expect(DateTime.parseISO("2024-02-29T08:00:00") == 1_709_193_600_000_000_000)
        #expect(DateTime.parseISO("1969-12-31 23:59:59.5") == -500_000_000)
        #expect(DateTime.text(-500_000_000, dateOnly: false) == "1969-12-31 23:59:59.500")
        #expect(DateTime.parseISO("2023-02-29") == nil)
        #expect(DateTime.parseISO("2023-1-05") == nil)
        #expect(DateTime.parseISO("2023-01-05 25:00") == nil)
        #expect(DateTime.weekday(DateTime.parseISO("2023-01-05")!) == 3)  // a Thursday
        #expect(DateTime.weekday(DateTime.parseISO("1969-12-29")!) == 0)  // a Monday, before the epoch
        for days in stride(from: Int64(-100_000), to: 100_000, by: 997) {
            let (y, m, d) = DateTime.civil(days: days)
            #expect(DateTime.days(year: y, month: m, day: d) == days)
        }
    }

    @Test func formatsAndCoercion() throws {
        let s = strings(["05/01/2023", "31/12/99", nil])
        let read = try s.toDatetime(format: "%d/%m/%Y", coerce: true)
        #expect(read.column.isDatetime && read.column.pandasDtype == "datetime64[us]")
        #expect(read.displayText() == "0   2023-01-05\n1          NaT\n2          NaT\nName: s, dtype: datetime64[us]")
        #expect(throws: DataError.badDate(value: "31/12/99", row: "1", format: "%d/%m/%Y")) { try s.toDatetime(format: "%d/%m/%Y") }
        #expect(throws: DataError.unknownDateCode(code: "%j", format: "%j")) { try s.toDatetime(format: "%j") }
        let months = try strings(["Mar 15 23", "DEC 1 99"]).toDatetime(format: "%b %d %y")
        #expect(try months.datePart(.year).column.doubles == [2023, 1999])
    }

    @Test func aSeriesShowsAsAOneColumnTable() {
        // pandas 3.1.1: s.to_frame()._repr_html_() (its <style> block aside)
        let s = Series(name: "x", column: Column(float64: [1.5, .nan, 3.25]), index: RowIndex(labels: Column(string: ["a", "b", "c"])))
        #expect(s.htmlText() == """
            <div>
            <table border="1" class="dataframe">
              <thead>
                <tr style="text-align: right;">
                  <th></th>
                  <th>x</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th>a</th>
                  <td>1.50</td>
                </tr>
                <tr>
                  <th>b</th>
                  <td>NaN</td>
                </tr>
                <tr>
                  <th>c</th>
                  <td>3.25</td>
                </tr>
              </tbody>
            </table>
            </div>
            """)
        #expect(Series(name: nil, column: Column(int64: [7])).htmlText().contains("<th>0</th>\n    </tr>\n  </thead>"))
    }

    @Test func gapsFillAsPandas() throws {
        let c = Column(float64: [.nan, 1, .nan, .nan, 4, .nan])
        #expect(try c.interpolated().doubles!.map { $0.isNaN ? -1 : $0 } == [-1, 1, 2, 3, 4, 4])
        #expect(c.propagated(forward: true).doubles!.map { $0.isNaN ? -1 : $0 } == [-1, 1, 1, 1, 4, 4])
        #expect(c.propagated(forward: false, limit: 1).doubles!.map { $0.isNaN ? -1 : $0 } == [1, 1, -1, 4, 4, -1])
        #expect(throws: DataError.cannotInterpolate(column: nil, type: .string)) { try Column(string: ["a"]).interpolated() }
    }
}

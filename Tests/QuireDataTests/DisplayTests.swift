import Foundation
import Testing
@testable import QuireData

/// Expected text is what pandas 3.1.1 prints for the same data (`print(df)`, `print(s)`,
/// COLUMNS=80, display.max_columns=0), copied from /work/venv.
@Suite struct DisplayTests {
    @Test func smallFrameWithMissingValues() throws {
        let df = try TestData.parse("a,s,f,b\n1,x,1.5,True\n2,yy,,False\n3,NA,3.25,True\n")
        #expect(df.displayText() == """
               a    s     f      b
            0  1    x  1.50   true
            1  2   yy   NaN  false
            2  3  NaN  3.25   true
            """)
    }

    @Test func floatColumnsShareAPrecision() throws {
        let df = try TestData.parse("x,y,z\n1e7,2.5,-3\n123456789.123,1.0,4\n0.001,3.75,5\n")
        #expect(df.displayText() == """
                          x     y  z
            0  1.000000e+07  2.50 -3
            1  1.234568e+08  1.00  4
            2  1.000000e-03  3.75  5
            """)
    }

    @Test func seriesFooterAndNamedIndex() throws {
        let df = try TestData.parse("k\nb\na\nb\n")
        #expect(try df.column("k").valueCounts().displayText() == """
            k
            b    2
            a    1
            Name: count, dtype: int64
            """)
    }

    @Test func emptyFrame() throws {
        let df = try TestData.parse("a,b\n")
        #expect(df.displayText() == "Empty DataFrame\nColumns: [a, b]\nIndex: []")
    }

    @Test func mobileHeadFitsEightyColumns() throws {
        let df = try CSVReader.read(path: TestData.notebookData("mobile_price_train.csv"))
        let text = df.head().displayText()
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(text.hasPrefix("   battery_power  blue  clock_speed  ...  touch_screen  wifi  price_range\n"))
        #expect(text.hasSuffix("\n\n[5 rows x 21 columns]"))
        let long = df.displayText()
        #expect(long.contains("\n...             ...   ...          ...  ...           ...   ...          ...\n"))
        #expect(long.hasSuffix("[2000 rows x 21 columns]"))
    }

    @Test func infoLayout() throws {
        let df = try CSVReader.read(path: TestData.notebookData("mobile_price_train.csv"))
        let lines = df.infoText().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == "RangeIndex: 2000 entries, 0 to 1999")
        #expect(lines[3] == " #   Column         Non-Null Count  Dtype  ")
        #expect(lines[5] == " 0   battery_power  2000 non-null   int64  ")
        #expect(lines.last == "memory usage: 328.3 KB")
        #expect(lines[lines.count - 2] == "dtypes: float64(2), int64(19)")
    }

    @Test func htmlTable() throws {
        let df = try TestData.parse("a,b\n1,x<y\n")
        let html = df.htmlText()
        #expect(html.contains("<th>a</th>"))
        #expect(html.contains("<td>x&lt;y</td>"))
        #expect(html.contains("<th>0</th>"))
    }
}

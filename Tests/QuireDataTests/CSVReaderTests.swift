import Foundation
import Testing
@testable import QuireData

@Suite struct CSVReaderTests {
    @Test func infersIntFloatBoolAndStringColumns() throws {
        let df = try TestData.parse("i,f,b,s\n1,1.5,True,x\n-2,2,False,y\n")
        #expect(df.names == ["i", "f", "b", "s"])
        #expect(df.columns[0].ints == [1, -2])
        #expect(df.columns[1].floats == [1.5, 2.0])
        #expect(df.columns[2].bools == [true, false])
        #expect(df.columns[3].strings == ["x", "y"])
        #expect(df.dtypes == ["int64", "float64", "bool", "str"])
    }

    @Test func pandasDefaultMissingValues() throws {
        let df = try TestData.parse("a,b\n1,\n2,NA\n3,NaN\n4,null\n5,N/A\n6,#N/A\n7,None\n8,2.5\n")
        let b = try #require(df.columns[1].floats)
        #expect(b.prefix(7).allSatisfy { $0.isNaN })
        #expect(b[7] == 2.5)
    }

    @Test func intColumnWithMissingBecomesFloat() throws {
        let df = try TestData.parse("a\n1\nNA\n3\n")
        let a = try #require(df.columns[0].floats)
        #expect(a[0] == 1 && a[1].isNaN && a[2] == 3)
    }

    @Test func stringColumnKeepsMissingAsInvalid() throws {
        let df = try TestData.parse("s\nx\nNA\ny\n")
        #expect(df.columns[0].type == .string)
        #expect(df.columns[0].isMissing(1))
        #expect(!df.columns[0].isMissing(0))
        #expect(df.columns[0].validCount == 2)
    }

    @Test func numbersThatLookLikeTextStayText() throws {
        // "007" next to "abc" keeps its leading zeros once the column is text.
        let df = try TestData.parse("code\n007\nabc\n")
        #expect(df.columns[0].strings == ["007", "abc"])
    }

    @Test func quotedFieldsWithSeparatorsNewlinesAndDoubledQuotes() throws {
        let df = try TestData.parse("a,b\n\"x, y\",\"line1\nline2\"\n\"say \"\"hi\"\"\",\"\"\n")
        #expect(df.columns[0].strings == ["x, y", "say \"hi\""])
        #expect(df.columns[1].strings?[0] == "line1\nline2")
        #expect(df.columns[1].isMissing(1))
    }

    @Test func quotedNumbersAreNumbers() throws {
        let df = try TestData.parse("a\n\"1\"\n\"2\"\n")
        #expect(df.columns[0].ints == [1, 2])
    }

    @Test func crlfAndMissingFinalNewline() throws {
        let df = try TestData.parse("a,b\r\n1,2\r\n3,4")
        #expect(df.columns[1].ints == [2, 4])
        #expect(df.rowCount == 2)
    }

    @Test func blankLinesAreSkipped() throws {
        let df = try TestData.parse("a\n1\n\n2\n\n")
        #expect(df.columns[0].ints == [1, 2])
    }

    @Test func separatorOption() throws {
        let df = try TestData.parse("x;y\n1;2,5\n", CSVOptions(separator: UInt8(ascii: ";")))
        #expect(df.columns[0].ints == [1])
        #expect(df.columns[1].strings == ["2,5"])
    }

    @Test func noHeaderWithNames() throws {
        let df = try TestData.parse("1,2\n3,4\n", CSVOptions(hasHeader: false, names: ["a", "b"]))
        #expect(df.names == ["a", "b"])
        #expect(df.columns[0].ints == [1, 3])
        let numbered = try TestData.parse("1,2\n3,4\n", CSVOptions(hasHeader: false))
        #expect(numbered.names == ["0", "1"])
    }

    @Test func duplicateAndBlankHeadersAreRenamedAsPandasDoes() throws {
        let df = try TestData.parse("a,a,,a\n1,2,3,4\n")
        #expect(df.names == ["a", "a.1", "Unnamed: 2", "a.2"])
    }

    @Test func byteOrderMarkIsIgnored() throws {
        let df = try TestData.parse("\u{FEFF}a\n1\n")
        #expect(df.names == ["a"])
    }

    @Test func floatsParseExactlyAsStrtod() throws {
        let texts = ["0.1", "2.2250738585072014e-308", "1e22", "123456789012345678901234", "-0.000001", "3.141592653589793", ".5", "5.", "1E5", "inf", "-inf"]
        let df = try TestData.parse("x\n" + texts.joined(separator: "\n") + "\n")
        let parsed = try #require(df.columns[0].floats)
        for (t, v) in zip(texts, parsed) { #expect(v == strtod(t, nil), "\(t)") }
    }

    @Test func hugeIntegersBecomeFloats() throws {
        let df = try TestData.parse("x\n99999999999999999999\n1\n")
        #expect(df.columns[0].floats == [1e20, 1])
    }

    @Test func largeFileParsedInParallelMatchesSingleThread() throws {
        var text = "a,b,s\n"
        for i in 0..<120_000 { text += "\(i),\(Double(i) / 8),\"q,\(i % 7)\"\n" }
        var serial = CSVOptions()
        serial.parallel = false
        let one = try TestData.parse(text, serial)
        let many = try TestData.parse(text)
        #expect(text.utf8.count > CSVReader.parallelThreshold)
        #expect(many.rowCount == 120_000)
        #expect(one.columns[0].ints == many.columns[0].ints)
        #expect(one.columns[1].floats == many.columns[1].floats)
        #expect(one.columns[2].strings == many.columns[2].strings)
        #expect(many.columns[2].strings?[119_999] == "q,\(119_999 % 7)")
    }

    @Test func chunksSplitOutsideQuotes() throws {
        // A quoted newline right where the split would fall must not start a chunk.
        var text = ""
        for _ in 0..<120_000 { text += "1,\"a\nb\",2\n" }
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buf in
            let parts = CSVReader.chunks(buf, 0..<buf.count, parts: 4)
            #expect(parts.count > 1)
            for p in parts.dropFirst() {
                #expect(buf[p.lowerBound - 1] == UInt8(ascii: "\n"))
                #expect(buf[p.lowerBound] == UInt8(ascii: "1"))
            }
        }
    }

    @Test func mobilePriceTrainReadsAsPandasDoes() throws {
        let df = try CSVReader.read(path: TestData.notebookData("mobile_price_train.csv"))
        #expect(df.shape == (2000, 21))
        #expect(df.dtypes.filter { $0 == "float64" }.count == 2)
        let kept = try df.filtered(by: try df.column("sc_w").compare(.notEqual, .scalar(.int(0))))
        #expect(kept.shape == (1820, 21))
        #expect(!df.isna().any().any())
    }

    @Test func gzipFilesAreInflated() throws {
        let df = try CSVReader.read(path: TestData.notebookData("digits.csv.gz"), options: CSVOptions(hasHeader: false))
        #expect(df.shape == (1797, 65))
    }
}

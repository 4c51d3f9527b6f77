import Foundation
import Testing

@testable import QuireData

/// read_csv's options and the parallel checks, on files large enough to be split into chunks.
@Suite struct CSVOptionsTests {
    /// 120,000 rows: over `CSVReader.parallelThreshold`, so parsed in chunks.
    static func largeText() -> String {
        var text = "id,code,name\n"
        for i in 0..<120_000 { text += "\(i),\(i % 5 == 0 ? "-1" : String(i % 9)),n\(i % 11)\n" }
        return text
    }

    @Test func optionsGiveTheSameFrameInParallelAndOnOneThread() throws {
        let text = Self.largeText()
        #expect(text.utf8.count > CSVReader.parallelThreshold)
        var options = CSVOptions()
        options.usecols = .names(["name", "code"])
        options.naValuesByColumn = ["code": ["-1"], "name": ["n3"]]
        var serial = options
        serial.parallel = false
        let many = try TestData.parse(text, options), one = try TestData.parse(text, serial)
        #expect(many.names == ["code", "name"])
        #expect(many.rowCount == 120_000)
        // NaN is not equal to itself: compare bit patterns.
        #expect(many.columns[0].floats?.map(\.bitPattern) == one.columns[0].floats?.map(\.bitPattern))
        #expect(many.columns[1].strings == one.columns[1].strings)
        #expect(many.columns[0].floats?[5].isNaN == true && many.columns[0].floats?[1] == 1)
        #expect(many.columns[1].validity?[3] == false && many.columns[1].validity?[4] == true)
    }

    @Test func nrowsStopsEarlyAndLeavesLaterRowsUnread() throws {
        // The ragged row after the rows asked for is never read, as in pandas.
        let df = try TestData.parse("a,b\n1,2\n\n3,4\n5\n", {
            var o = CSVOptions()
            o.nrows = 2
            return o
        }())
        #expect(df.rowCount == 2)
        #expect(df.columns[1].ints == [2, 4])
    }

    @Test func positionsOutOfRangeAndUnknownNamesAreErrors() throws {
        var o = CSVOptions()
        o.usecols = .positions([0, 3])
        #expect(throws: CSVError.positionsOutOfRange(path: "test.csv", positions: [3], count: 2)) { try TestData.parse("a,b\n1,2\n", o) }
        o.usecols = .names(["b", "z"])
        #expect(throws: CSVError.unknownColumns(path: "test.csv", option: "usecols", names: ["z"], available: ["a", "b"])) {
            try TestData.parse("a,b\n1,2\n", o)
        }
    }

    @Test func latin1BytesBecomeTheirCharacters() throws {
        var o = CSVOptions()
        o.encoding = .latin1
        let bytes: [UInt8] = Array("city\nZ".utf8) + [0xFC] + Array("rich\n".utf8) + [0xC0, 0xFF, 0x0A]
        let df = try bytes.withUnsafeBufferPointer { try CSVReader.parse($0, path: "x.csv", options: o) }
        #expect(df.columns[0].strings == ["Zürich", "Àÿ"])
    }

    /// A byte that is not UTF-8 in the last chunk is reported, with its line, before a ragged
    /// row in the first chunk: the order of the whole-file check the chunks replaced.
    @Test func invalidByteInALaterChunkIsReportedFirst() throws {
        var text = "a,b\n1,2\n3\n"
        for i in 0..<150_000 { text += "\(i),\(i)\n" }
        let bytes = Array(text.utf8) + Array("7,".utf8) + [0xFC] + [0x0A]
        #expect(bytes.count > CSVReader.parallelThreshold)
        #expect(throws: CSVError.invalidUTF8(path: "x.csv", line: 150_004, column: 3, byte: 0xFC)) {
            try bytes.withUnsafeBufferPointer { try CSVReader.parse($0, path: "x.csv", options: CSVOptions()) }
        }
    }

    @Test func rowBoundCountsEveryLineEnd() {
        let bytes = Array("a\r\nb\rc\nd".utf8) + Array(repeating: UInt8(ascii: "\n"), count: 21)
        bytes.withUnsafeBufferPointer { buf in
            #expect(CSVReader.estimateRows(buf, 0..<buf.count) == 1 + 4 + 21)
            #expect(CSVReader.estimateRows(buf, 2..<buf.count) == 1 + 3 + 21)
        }
    }
}

import Foundation
import Testing
@testable import QuireData

@Suite struct CSVErrorTests {
    @Test func missingFile() {
        #expect(throws: CSVError.fileNotFound(path: "/nonexistent/x.csv")) {
            try CSVReader.read(path: "/nonexistent/x.csv")
        }
    }

    @Test func raggedRowShortAndLong() {
        #expect(throws: CSVError.raggedRow(path: "test.csv", line: 3, column: 1, expected: 2, got: 1)) {
            try TestData.parse("a,b\n1,2\n3\n")
        }
        #expect(throws: CSVError.raggedRow(path: "test.csv", line: 2, column: 1, expected: 2, got: 3)) {
            try TestData.parse("a,b\n1,2,3\n")
        }
    }

    @Test func raggedRowLineCountsQuotedNewlines() {
        // The row starts on line 4 of the file: the quoted field above spans two lines.
        #expect(throws: CSVError.raggedRow(path: "test.csv", line: 4, column: 1, expected: 2, got: 1)) {
            try TestData.parse("a,b\n\"x\ny\",1\n5\n")
        }
    }

    @Test func unterminatedQuote() {
        #expect(throws: CSVError.unterminatedQuote(path: "test.csv", line: 2, column: 3)) {
            try TestData.parse("a,b\n1,\"open\n2,3\n")
        }
    }

    @Test func invalidUTF8() throws {
        let path = try TestData.temporaryFile("latin1.csv", bytes: Array("city\nZ".utf8) + [0xFC] + Array("rich\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: CSVError.invalidUTF8(path: path, line: 2, column: 2, byte: 0xFC)) {
            try CSVReader.read(path: path)
        }
    }

    @Test func validMultibyteUTF8IsAccepted() throws {
        let df = try TestData.parse("city\nZürich\n東京\n")
        #expect(df.columns[0].strings == ["Zürich", "東京"])
    }

    @Test func emptyFile() {
        #expect(throws: CSVError.empty(path: "test.csv")) { try TestData.parse("") }
    }

    @Test func corruptGzip() throws {
        let path = try TestData.temporaryFile("bad.csv.gz", bytes: [0x1F, 0x8B, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: CSVError.corruptGzip(path: path)) { try CSVReader.read(path: path) }
    }

    @Test func errorInSecondChunkOfParallelParse() {
        var text = "a,b\n"
        for i in 0..<150_000 { text += "\(i),\(i)\n" }
        text += "1\n"
        #expect(throws: CSVError.raggedRow(path: "test.csv", line: 150_002, column: 1, expected: 2, got: 1)) {
            try TestData.parse(text)
        }
    }
}

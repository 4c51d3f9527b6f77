import Foundation
import Testing

@testable import QuireData

/// The reader's fast paths: numbers read while tokenizing, final arrays filled in place by every
/// chunk, the one-pass row bound, the file read in parts. Each against what the general path
/// (or a plain count) gives.
@Suite struct CSVFusedPathTests {
    /// Rows as the tokenizer counts them.
    static func tokenizedRows(_ bytes: [UInt8]) throws -> Int {
        try bytes.withUnsafeBufferPointer { buf in
            let tokenizer = CSVTokenizer(buf: buf, separator: UInt8(ascii: ","))
            var rows = 0
            struct Counter: FieldSink {
                var rows: UnsafeMutablePointer<Int>
                mutating func field(_ field: Int, _ start: Int, _ end: Int, quoted: Bool, escaped: Bool) {}
                mutating func endRow(fields: Int, rowStart: Int) throws { rows.pointee += 1 }
            }
            try withUnsafeMutablePointer(to: &rows) { pointer in
                var counter = Counter(rows: pointer)
                try tokenizer.run(0..<buf.count, into: &counter)
            }
            return rows
        }
    }

    static func bound(_ bytes: [UInt8]) -> (rows: Int, ascii: Bool) {
        bytes.withUnsafeBufferPointer { CSVReader.rowBound($0, 0..<$0.count) }
    }

    @Test func rowBoundIsExactForEveryLineEnd() throws {
        var g = FastPathTests.Generator(state: 5)
        for _ in 0..<300 {
            var text: [UInt8] = []
            let rows = Int.random(in: 0..<60, using: &g)
            for r in 0..<rows {
                text += Array("\(Int.random(in: 0..<Int(pow(10.0, Double(r % 12))), using: &g)),x".utf8)
                switch Int.random(in: 0..<3, using: &g) {
                case 0: text += [10]
                case 1: text += [13, 10]
                default: text += [13]
                }
            }
            if Bool.random(using: &g) { text += Array("7,y".utf8) }
            let counted = try Self.tokenizedRows(text)
            let bound = Self.bound(text)
            #expect(bound.rows == counted, "\(String(decoding: text, as: UTF8.self).debugDescription)")
            #expect(bound.ascii)
        }
        // Blank lines and line ends inside quotes make it an upper bound.
        let loose = Array("a,b\n\n\r\n\"x\ny\",2\n3,4".utf8)
        #expect(try Self.tokenizedRows(loose) == 3)
        #expect(Self.bound(loose).rows == 6)
        #expect(Self.bound([]).rows == 0)
    }

    @Test func rowBoundCountsEveryLaneOfEightByteRows() {
        // An LF in the same byte of every word: each lane counts past 255 between flushes.
        let text = Array(String(repeating: "1234567\n", count: 5_000).utf8)
        #expect(Self.bound(text).rows == 5_000)
        let shifted = Array(("12\n" + String(repeating: "1234567\n", count: 4_001) + "9").utf8)
        #expect(Self.bound(shifted).rows == 4_003)
    }

    @Test func rowBoundNoticesBytesBeyondASCII() {
        #expect(!Self.bound(Array("a\nZürich\n1\n2\n3\n4\n5\n".utf8)).ascii)
        // In the tail that is not a whole word.
        #expect(!Self.bound(Array("12345678\n\u{E9}".utf8)).ascii)
        #expect(Self.bound(Array("12345678\nabc".utf8)).ascii)
    }

    /// 150,000 rows (parsed in chunks) whose columns change kind after the first rows, so the
    /// guessed final arrays are wrong for some: every value must still be as the general path
    /// reads it.
    @Test func kindsThatChangeAfterTheGuessReadAsBefore() throws {
        let n = 150_000
        var text = "grows,shrinks,holes,turns,blanks,quoted\n"
        var grows: [Double] = [], shrinks: [Double] = [], holes: [Double] = [], turns: [String] = []
        var blanks: [Int64] = [], quoted: [Int64] = []
        for i in 0..<n {
            let late = i > n / 2 + 7
            let g = late && i % 3 == 0 ? "\(i).5" : "\(i)"
            let s = i < 300 ? "\(i).25" : "-\(i)"
            let h = late && i % 1000 == 0 ? "" : "\(i % 97)"
            let t = i == n - 3 ? "x\(i)" : "\(i % 13)"
            text += "\(g),\(s),\(h),\(t),\(i),\"\(i % 5)\"\n"
            if i % 10_000 == 17 { text += "\n\r\n" }
            grows.append(Double(g)!)
            shrinks.append(Double(s)!)
            holes.append(h.isEmpty ? .nan : Double(h)!)
            turns.append(t)
            blanks.append(Int64(i))
            quoted.append(Int64(i % 5))
        }
        var serial = CSVOptions()
        serial.parallel = false
        for options in [CSVOptions(), serial] {
            let df = try TestData.parse(text, options)
            #expect(df.dtypes == ["float64", "float64", "float64", "str", "int64", "int64"])
            #expect(df.columns[0].floats == grows)
            #expect(df.columns[1].floats == shrinks)
            #expect(df.columns[2].floats?.map(\.bitPattern) == holes.map(\.bitPattern))
            #expect(df.columns[3].strings == turns)
            #expect(df.columns[4].ints == blanks)
            #expect(df.columns[5].ints == quoted)
        }
    }

    /// Fields that start like numbers but are not plain ones leave the fast path for the
    /// general one, which decides as before.
    @Test func almostNumbersTakeTheGeneralPath() throws {
        let df = try TestData.parse("a,b,c,d,e,f\n1,1.5,7,2,3,4\n2,2.5,8,-,+5, 6\n12a,1e3,9.0,3,4,5 \n")
        #expect(df.dtypes == ["str", "float64", "float64", "str", "int64", "int64"])
        #expect(df.columns[0].strings == ["1", "2", "12a"])
        #expect(df.columns[1].floats == [1.5, 2.5, 1000])
        #expect(df.columns[2].floats == [7, 8, 9])
        #expect(df.columns[3].strings == ["2", "-", "3"])
        #expect(df.columns[4].ints == [3, 5, 4])
        #expect(df.columns[5].ints == [4, 6, 5])
        let long = try TestData.parse("a,b\n1,0.5\n1234567890123456789,0.1234567890123456789\n")
        #expect(long.columns[0].ints == [1, 1_234_567_890_123_456_789])
        #expect(long.columns[1].floats == [0.5, 0.1234567890123456789])
        // A semicolon file whose decimal commas stay text; a separator that is a digit or a
        // point turns the fast path off.
        let semicolons = try TestData.parse("x;y\n1;2,5\n3;4,5\n", CSVOptions(separator: UInt8(ascii: ";")))
        #expect(semicolons.columns[0].ints == [1, 3])
        #expect(semicolons.columns[1].strings == ["2,5", "4,5"])
        let dots = try TestData.parse("x.y\n1.2\n3.4\n", CSVOptions(separator: UInt8(ascii: ".")))
        #expect(dots.columns[0].ints == [1, 3])
        #expect(dots.columns[1].ints == [2, 4])
    }

    /// A file whose last line has no line end: numbers there are scanned with the end checked.
    @Test func numbersAtTheVeryEndOfTheFile() throws {
        #expect(try TestData.parse("a\n1\n-").columns[0].strings == ["1", "-"])
        #expect(try TestData.parse("a\n1.5\n2.").columns[0].floats == [1.5, 2])
        #expect(try TestData.parse("a,b\n1,2.5\n-3,-4.25").columns.map { $0.floats ?? $0.ints.map { $0.map(Double.init) } }
            == [[1, -3], [2.5, -4.25]])
        var text = "a,b\n"
        for i in 0..<150_000 { text += "\(i),\(i).5\n" }
        text += "-7,-8.5"
        let df = try TestData.parse(text)
        #expect(df.rowCount == 150_001)
        #expect(df.columns[0].ints?.last == -7)
        #expect(df.columns[1].floats?.suffix(2) == [149_999.5, -8.5])
    }

    @Test func raggedRowsAreFoundOnTheFastPath() {
        #expect(throws: CSVError.raggedRow(path: "test.csv", line: 4, column: 1, expected: 3, got: 2)) {
            try TestData.parse("a,b,c\n1,2,3\n4,5,6\n7,8\n")
        }
        #expect(throws: CSVError.raggedRow(path: "test.csv", line: 3, column: 1, expected: 2, got: 3)) {
            try TestData.parse("a,b\n1,2\n3,4,5\n")
        }
    }

    @Test func aBigFileIsReadInPartsAsOne() throws {
        var bytes: [UInt8] = []
        var g = FastPathTests.Generator(state: 9)
        for _ in 0..<(3 << 20) / 8 { bytes += withUnsafeBytes(of: g.next()) { Array($0) } }
        bytes += [1, 2, 3]
        let path = try TestData.temporaryFile("big.bin", bytes: bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try FileBytes.load(path: path, parallelFrom: 1 << 20) == bytes)
        #expect(try FileBytes.load(path: path) == bytes)
    }

    @Test func anEmptyFileOnDiskIsEmpty() throws {
        let path = try TestData.temporaryFile("empty.csv", bytes: [])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try FileBytes.load(path: path, parallelFrom: 0) == [])
        #expect(throws: CSVError.empty(path: path)) { try CSVReader.read(path: path) }
    }
}

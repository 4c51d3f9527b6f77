/// What can go wrong reading or writing a CSV file; positions are 1-based, columns in characters.
public enum CSVError: Error, Sendable, Equatable {
    case fileNotFound(path: String)
    /// The file exists but could not be read, with the system's reason.
    case unreadable(path: String, reason: String)
    /// The file could not be written, with the reason in plain words.
    case cannotWrite(path: String, reason: String)
    /// A gzip file whose compressed data is damaged.
    case corruptGzip(path: String)
    /// A gzip file that decompresses to more than `limit` bytes, `ratio` times its own size.
    case decompressedTooLarge(path: String, limit: Int, ratio: Int)
    /// The file holds no header and no data.
    case empty(path: String)
    /// A row with a different number of fields than the header.
    case raggedRow(path: String, line: Int, column: Int, expected: Int, got: Int)
    /// A quoted field still open at the end of the file.
    case unterminatedQuote(path: String, line: Int, column: Int)
    /// `usecols` (or an `na_values` dict) names columns the file does not have.
    case unknownColumns(path: String, option: String, names: [String], available: [String])
    /// `usecols` gives positions beyond the file's columns.
    case positionsOutOfRange(path: String, positions: [Int], count: Int)
    /// A byte that is not valid UTF-8.
    case invalidUTF8(path: String, line: Int, column: Int, byte: UInt8)
}

/// An error found while parsing, before its byte offset is turned into a line and column.
enum ParseFailure: Error {
    case ragged(offset: Int, expected: Int, got: Int)
    case unterminatedQuote(offset: Int)
    case invalidUTF8(offset: Int)

    var offset: Int {
        switch self {
        case .ragged(let o, _, _), .unterminatedQuote(let o), .invalidUTF8(let o): o
        }
    }
}

/// The 1-based line and character column of a byte offset.
func lineAndColumn(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> (line: Int, column: Int) {
    var line = 1
    var lineStart = 0
    let end = min(offset, bytes.count)
    for i in 0..<end where bytes[i] == UInt8(ascii: "\n") {
        line += 1
        lineStart = i + 1
    }
    // Count characters, not bytes: continuation bytes (10xxxxxx) do not start one.
    var column = 1
    for i in lineStart..<end where bytes[i] & 0xC0 != 0x80 { column += 1 }
    return (line, column)
}

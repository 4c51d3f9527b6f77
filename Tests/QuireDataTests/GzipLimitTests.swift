import CZlib
import Foundation
import Testing

@testable import QuireData

/// Decompression bombs: a gzip file may grow only so many times its size.
@Suite struct GzipLimitTests {
    /// Writes `lines` lines of "0" under a header as a gzip file, made here rather than
    /// committed: 64 MB of text compress to about 64 KB.
    func bomb(lines: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bomb-\(UUID().uuidString).csv.gz").path
        guard let gz = gzopen(path, "wb9") else { throw CocoaError(.fileWriteUnknown) }
        var chunk = [UInt8](repeating: UInt8(ascii: "0"), count: 2 * 65_536)
        for i in stride(from: 1, to: chunk.count, by: 2) { chunk[i] = UInt8(ascii: "\n") }
        _ = gzwrite(gz, "a\n", 2)
        var left = lines
        while left > 0 {
            let n = min(left, chunk.count / 2)
            _ = chunk.withUnsafeBytes { gzwrite(gz, $0.baseAddress, UInt32(n * 2)) }
            left -= n
        }
        gzclose(gz)
        return path
    }

    @Test func bombIsRefusedBeforeItIsHeld() throws {
        let path = try bomb(lines: 32 << 20)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        #expect(size < 1 << 20)
        do {
            _ = try CSVReader.read(path: path)
            Issue.record("a 64 MB bomb was read")
        } catch let error as CSVError {
            guard case .decompressedTooLarge(_, let limit, let ratio) = error else { Issue.record("got \(error)"); return }
            #expect(ratio == CSVOptions.defaultMaxGzipRatio)
            #expect(limit == size * ratio + FileBytes.gzipSlack)
        }
    }

    @Test func raisedRatioReadsTheSameFile() throws {
        let path = try bomb(lines: 2 << 20)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = CSVOptions()
        #expect(throws: CSVError.self) { try CSVReader.read(path: path, options: options) }
        options.maxGzipRatio = 100_000
        let df = try CSVReader.read(path: path, options: options)
        #expect(df.rowCount == 2 << 20)
    }

    @Test func ordinaryGzipFilesStayWithinTheDefault() throws {
        let df = try CSVReader.read(path: TestData.notebookData("digits.csv.gz"), options: CSVOptions(hasHeader: false))
        #expect(df.rowCount > 0)
    }
}

import Foundation
import QuireSupport
import Testing

@testable import QuireData

/// Reading CSV polls the stop flag: a cancelled read throws `Cancelled` (the language reports it
/// as "interrupted" or a time limit); an uncancelled one reads everything.
@Suite struct CSVCancellationTests {
    static let text = "a,b,c\n" + String(repeating: "1,2.5,x\n", count: 300_000)

    @Test func aCancelledReadThrows() {
        let token = CancellationToken()
        token.cancel(.timeout)
        for parallel in [true, false] {
            var options = CSVOptions()
            options.parallel = parallel
            #expect(throws: Cancelled.self) {
                try Cancellation.with(token) { _ = try CSVReader.parse(Self.text, options: options) }
            }
        }
    }

    @Test func aCancelledFileReadThrowsAndAnUncancelledOneReadsEverything() throws {
        let path = NSTemporaryDirectory() + "quire-cancel-\(UUID().uuidString).csv"
        try Self.text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let token = CancellationToken()
        let frame = try Cancellation.with(token) { try CSVReader.read(path: path) }
        #expect(frame.rowCount == 300_000)
        token.cancel()
        #expect(throws: Cancelled.self) {
            try Cancellation.with(token) { _ = try CSVReader.read(path: path) }
        }
    }
}

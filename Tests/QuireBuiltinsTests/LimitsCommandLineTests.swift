import Foundation
import Testing

/// The reproductions of "never crash": each ends with status 1 and a clear message, also under an
/// address-space limit (`ulimit -v`), never with a trap, a signal or "Fatal error".
@Suite("limits on the command line", .serialized)
struct LimitsCommandLineTests {
    /// Runs `quire -e CODE` under `ulimit -v` (in KB) through the shell.
    func limited(_ code: String, kilobytes: Int = 8_388_608) throws -> ProcessResult {
        let binary = repositoryRoot.appendingPathComponent(".build/debug/quire").path
        let quoted = "'" + code.replacingOccurrences(of: "'", with: "'\\''") + "'"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v \(kilobytes); exec \(binary) -e \(quoted)"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static let refusals: [(code: String, message: String)] = [
        ("zeros(2**61)", "error: an array of shape (2305843009213693952,) is too large to exist"),
        ("full((2**31, 2**31), 1.0)", "error: an array of shape (2147483648, 2147483648) is too large to exist"),
        ("zeros((4294967296, 4294967296))", "error: an array of shape (4294967296, 4294967296) is too large to exist"),
        ("arange(2000).reshape(40, 10**18)", "error: cannot reshape an array of size 2000"),
        ("zeros((100000, 100000))", "error: not enough memory for an array of shape (100000, 100000) (80 GB)"),
        ("\"a\" * 10**12", "error: not enough memory for a string of 1000000000000 characters"),
        ("[1] * 10**12", "error: not enough memory for a list of 1000000000000 items"),
        ("list(range(10**12))", "error: not enough memory for a list of 1000000000000 items"),
        ("resize(zeros((4, 4), dtype=\"uint8\"), (4294967296, 4294967296))", "error: the image is 4294967296 x 4294967296 pixels"),
        ("arange(5).gray()", "error: bad receiver of Array.gray: expected an image"),
    ]

    @Test(arguments: refusals)
    func refusedUnderAnAddressSpaceLimit(_ refusal: (code: String, message: String)) throws {
        let r = try limited(refusal.code)
        #expect(r.status == 1, "\(refusal.code): status \(r.status)\n\(r.stderr)")
        #expect(r.stderr.hasPrefix(refusal.message), "\(refusal.code):\n\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"))
    }

    /// The second array of an operation is refused when the first already holds most of the
    /// allowed address space (the issue's `arange(1000010000) / 0.1` under 8 GB, scaled to 2 GB).
    @Test func secondLargeArrayIsRefusedNearTheLimit() throws {
        let r = try limited("a = arange(150000000)\na / 0.1", kilobytes: 2_097_152)
        #expect(r.status == 1, "status \(r.status)\n\(r.stderr)")
        #expect(r.stderr.hasPrefix("error: not enough memory for an array of shape (150000000,) (1.2 GB)"), "\(r.stderr)")
    }

    /// A list that grows without end stops with a memory error at a doubling of its buffer,
    /// pointing at the comprehension, instead of aborting in the allocator.
    @Test func growingListStopsAtTheLimit() throws {
        let r = try limited("[i for i in range(10**12)]", kilobytes: 2_097_152)
        #expect(r.status == 1, "status \(r.status)\n\(r.stderr)")
        #expect(r.stderr.hasPrefix("error: not enough memory for a list of "), "\(r.stderr)")
        #expect(r.stderr.contains("<command line>:1:1"))
    }

    @Test func growingDictStopsAtTheLimit() throws {
        let r = try limited("squares = {n: n * n for n in range(4294967296)}", kilobytes: 2_097_152)
        #expect(r.status == 1, "status \(r.status)\n\(r.stderr)")
        #expect(r.stderr.hasPrefix("error: not enough memory for a dict of "), "\(r.stderr)")
    }

    /// Conversions of an array that exists into a larger one check first (2 GB limit).
    static let conversions: [(code: String, message: String)] = [
        ("zeros(300000000, dtype=\"uint8\").astype(\"float64\")", "error: not enough memory for an array of shape (300000000,) (2.4 GB)"),
        ("zeros(100000000, dtype=\"uint8\").tolist()", "error: not enough memory for a list of 100000000 items (2.4 GB)"),
    ]

    @Test(arguments: conversions)
    func conversionIsRefusedNearTheLimit(_ conversion: (code: String, message: String)) throws {
        let r = try limited(conversion.code, kilobytes: 2_097_152)
        #expect(r.status == 1, "\(conversion.code): status \(r.status)\n\(r.stderr)")
        #expect(r.stderr.hasPrefix(conversion.message), "\(conversion.code):\n\(r.stderr)")
    }

    @Test func lenOfAHugeRangeAnswersAtOnce() throws {
        let r = try limited("len(range(10**18))")
        #expect(r.status == 0)
        #expect(r.stdout == "1000000000000000000\n")
    }

    @Test func expressionStartingWithADashIsCode() throws {
        let r = try quire(["-e", "-1"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "-1\n")
    }

    @Test func scriptFromAPipeIsReadAsAStream() throws {
        let r = try quire(["run", "/dev/stdin"], input: "print(6 * 7)\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "42\n")
    }

    @Test func runningAFolderIsAClearError() throws {
        let r = try quire(["run", "Tests"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("error: cannot run Tests: it is a folder"))
    }
}

import Foundation
import QuireSupport
import Synchronization
import Testing

@Suite struct CancellationTests {
    @Test func nothingIsCancelledOutsideABinding() throws {
        #expect(Cancellation.current == nil)
        #expect(!Cancellation.isCancelled)
        try Cancellation.check()
    }

    @Test func aCancelledTokenIsSeenByTheWorkItIsBoundTo() {
        let token = CancellationToken()
        token.cancel(.timeout)
        Cancellation.with(token) {
            #expect(Cancellation.isCancelled)
            #expect(throws: Cancelled.self) { try Cancellation.check() }
        }
        #expect(token.take() == .timeout)
        #expect(token.reason == nil)
    }

    @Test func theParallelLoopCoversEveryIndexOnce() {
        let count = 10_007
        let hits = Hits(count)
        Parallel.forEach(count, minimumPerChunk: 16) { _, range in
            for i in range { hits.add(i) }
        }
        #expect(hits.all { $0 == 1 })
        #expect(Parallel.chunks(count, minimumPerChunk: 16) <= Parallel.cores * Parallel.chunksPerCore)
        #expect(Parallel.chunks(3, minimumPerChunk: 16) == 1)
    }

    @Test func theParallelLoopsWorkersAreSandboxedAsTheCallerIs() {
        let folder = FileManager.default.temporaryDirectory.path
        let policy = FileAccess.Policy(roots: [folder])
        let chunks = 4 * Parallel.cores
        let seen = Mutex<[Int: (FileAccess.Policy?, Int?, Bool)]>([:])
        FileAccess.$policy.withValue(policy) {
            Memory.$limit.withValue(123_456_789) {
                Parallel.forEach(chunks, chunks: chunks) { chunk, _ in
                    let refused = (try? FileAccess.check("/etc/passwd", .read)) == nil
                    seen.withLock { $0[chunk] = (FileAccess.policy, Memory.limit, refused) }
                }
            }
        }
        let all = seen.withLock { $0 }
        #expect(all.count == chunks)
        #expect(all.values.allSatisfy { $0.0 == policy && $0.1 == 123_456_789 && $0.2 })
        // and nothing stays bound after the loop
        #expect(FileAccess.policy == nil && Memory.limit == nil)
    }

    @Test func theParallelLoopSeesTheCallersTokenAndSkipsChunksOnceItIsCancelled() {
        let token = CancellationToken()
        let ran = Atomic<Int>(0)
        let sawToken = Atomic<Int>(0)
        Cancellation.with(token) {
            Parallel.forEach(1000, chunks: 1000) { _, _ in
                if Cancellation.current === token { sawToken.add(1, ordering: .relaxed) }
                if ran.add(1, ordering: .relaxed).newValue == 10 { token.cancel() }
            }
        }
        #expect(ran.load(ordering: .relaxed) < 1000)
        #expect(sawToken.load(ordering: .relaxed) == ran.load(ordering: .relaxed))
    }

    @Test func aThrowingLoopReportsTheStop() {
        let token = CancellationToken()
        token.cancel(.interrupt)
        #expect(throws: Cancelled.self) {
            try Cancellation.with(token) {
                try Parallel.forEachThrowing(100) { _, _ in try Cancellation.check() }
            }
        }
    }
}

/// How often each index was visited, counted under a lock.
private final class Hits: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [Int]
    init(_ n: Int) { counts = [Int](repeating: 0, count: n) }
    func add(_ i: Int) { lock.withLock { counts[i] += 1 } }
    func all(_ test: (Int) -> Bool) -> Bool { lock.withLock { counts.allSatisfy(test) } }
}

import Dispatch
import Foundation

/// Splitting work over the machine's cores: the one parallel loop of the libraries.
public enum Parallel {
    /// Work is cut into this many pieces per core, so that a piece finishing late on a busy core
    /// is compensated by the others.
    public static let chunksPerCore = 4

    public static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// How many chunks `parallelFor` cuts `count` items into, at least `minimumPerChunk` each.
    public static func chunks(_ count: Int, minimumPerChunk: Int = 1) -> Int {
        let byWork = max(1, count / max(1, minimumPerChunk))
        return max(1, min(count, min(byWork, cores * chunksPerCore)))
    }

    /// The items of chunk `chunk` out of `chunks` covering `0..<count` (contiguous, in order).
    public static func range(_ chunk: Int, of count: Int, chunks: Int) -> Range<Int> {
        (count * chunk / chunks)..<(count * (chunk + 1) / chunks)
    }

    /// Runs `body(chunk, range)` over `0..<count` cut into contiguous ranges, on every core, and
    /// returns when all are done. The current cancellation token is bound on the worker
    /// threads, and chunks not yet started when it is cancelled are skipped: the caller checks
    /// the token afterwards (or `body` throws `Cancelled` by polling it itself). The sandbox's
    /// rules (`FileAccess.policy`, `Memory.limit`) are bound there too: a worker that opens a
    /// file or reserves a buffer is confined as the caller is.
    ///
    /// `chunks` defaults to `chunks(count, minimumPerChunk:)`; a caller that keeps one result per
    /// chunk passes its own count.
    public static func forEach(
        _ count: Int, minimumPerChunk: Int = 1, chunks: Int? = nil,
        _ body: @Sendable (_ chunk: Int, _ range: Range<Int>) -> Void
    ) {
        guard count > 0 else { return }
        let n = chunks ?? Self.chunks(count, minimumPerChunk: minimumPerChunk)
        let token = Cancellation.current
        if n <= 1 {
            if token?.isCancelled != true { body(0, 0..<count) }
            return
        }
        let policy = FileAccess.policy
        let limit = Memory.limit
        DispatchQueue.concurrentPerform(iterations: n) { chunk in
            if token?.isCancelled == true { return }
            Cancellation.$current.withValue(token) {
                FileAccess.$policy.withValue(policy) {
                    Memory.$limit.withValue(limit) {
                        body(chunk, range(chunk, of: count, chunks: n))
                    }
                }
            }
        }
    }

    /// `forEach` whose body may throw: the first error (or `Cancelled`) is rethrown after all
    /// chunks have returned; chunks not yet started after an error are skipped.
    public static func forEachThrowing(
        _ count: Int, minimumPerChunk: Int = 1, chunks: Int? = nil,
        _ body: @Sendable (_ chunk: Int, _ range: Range<Int>) throws -> Void
    ) throws {
        let failure = FirstError()
        forEach(count, minimumPerChunk: minimumPerChunk, chunks: chunks) { chunk, range in
            if failure.isSet { return }
            do { try body(chunk, range) } catch { failure.set(error) }
        }
        if let error = failure.error { throw error }
        try Cancellation.check()
    }
}

/// The first error thrown by the chunks of a parallel loop. `@unchecked Sendable`: every access
/// goes through the lock.
private final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?
    var isSet: Bool { lock.withLock { stored != nil } }
    var error: Error? { lock.withLock { stored } }
    func set(_ e: Error) { lock.withLock { if stored == nil { stored = e } } }
}

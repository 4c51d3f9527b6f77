import Synchronization

/// Why work was asked to stop.
public enum CancellationReason: Int, Sendable {
    /// Ctrl-C.
    case interrupt = 1
    /// A time limit (a notebook cell's `timeout`).
    case timeout = 2
}

/// The error a library throws when it notices that its work was asked to stop. The language's
/// bindings turn it into their own "interrupted" or "time limit" error.
public struct Cancelled: Error, Sendable, CustomStringConvertible {
    public let reason: CancellationReason
    public init(_ reason: CancellationReason) { self.reason = reason }
    public var description: String { reason == .timeout ? "time limit reached" : "interrupted" }
}

/// One flag that says "stop": set from any thread (a signal handler, a timer), polled by the
/// loops that do the work. Setting and reading it are single atomic operations, safe in signal
/// context.
public final class CancellationToken: Sendable {
    @usableFromInline let state = Atomic<Int>(0)

    public init() {}

    /// Asks the work that polls this token to stop.
    public func cancel(_ reason: CancellationReason = .interrupt) {
        state.store(reason.rawValue, ordering: .relaxed)
    }

    /// Forgets a pending request (call before starting new work).
    public func reset() { state.store(0, ordering: .relaxed) }

    /// The pending request, if any.
    @inline(__always)
    public var reason: CancellationReason? {
        let raw = state.load(ordering: .relaxed)
        return raw == 0 ? nil : CancellationReason(rawValue: raw)
    }

    /// Inlinable: the interpreter polls it at every call and loop step.
    @inlinable
    public var isCancelled: Bool { state.load(ordering: .relaxed) != 0 }

    /// Returns the pending request and forgets it (the one who reports the stop calls this).
    public func take() -> CancellationReason? {
        let raw = state.exchange(0, ordering: .relaxed)
        return raw == 0 ? nil : CancellationReason(rawValue: raw)
    }

    /// Throws `Cancelled` when a stop was asked for (leaves the request pending, so that the
    /// caller who reports it sees it too).
    @inline(__always)
    public func check() throws(Cancelled) {
        let raw = state.load(ordering: .relaxed)
        if raw != 0 { throw Cancelled(CancellationReason(rawValue: raw) ?? .interrupt) }
    }
}

/// The token of the work running on the current thread, so that libraries can poll it without
/// knowing who started them. The language binds it while it runs a program; `parallelFor` binds
/// it on its worker threads. Outside any binding nothing is ever cancelled.
///
/// Poll it in every loop that can run for long, at a granularity of about a millisecond of
/// work (per row, per chunk of a few thousand elements, per iteration of a solver):
/// `try Cancellation.check()` where the function throws, or `if Cancellation.isCancelled { break }`
/// in a kernel that cannot throw (its caller then discards the partial result: the language
/// checks the token after every builtin).
public enum Cancellation {
    @TaskLocal public static var current: CancellationToken?

    /// Runs `body` with `token` as the current token of this thread.
    public static func with<T, E: Error>(_ token: CancellationToken?, _ body: () throws(E) -> T) throws(E) -> T {
        do {
            return try $current.withValue(token) { () throws -> T in try body() }
        } catch {
            throw error as! E
        }
    }

    /// Throws `Cancelled` when the current work was asked to stop.
    @inline(__always)
    public static func check() throws(Cancelled) {
        if let token = current { try token.check() }
    }

    /// True when the current work was asked to stop.
    @inline(__always)
    public static var isCancelled: Bool { current?.isCancelled ?? false }
}

import Foundation

// The parallel loop itself is `Parallel.forEach` in QuireSupport.

/// One result slot per band of a parallel loop.
///
/// `@unchecked Sendable`: each band writes only its own slot, and the slots are read after the
/// loop has finished; the lock makes the writes visible to the reading thread.
final class ResultsPerBand<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [T?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}

/// A pointer shared by the bands of one parallel loop.
///
/// `@unchecked Sendable` because each band writes only its own disjoint rows, and the pointer
/// does not outlive the `concurrentPerform` call that uses it.
struct SharedPointer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
    init(_ base: UnsafeMutablePointer<T>) { self.base = base }
}

/// A read-only pointer shared by the bands of one parallel loop (same reasoning as SharedPointer).
struct SharedReadPointer<T>: @unchecked Sendable {
    let base: UnsafePointer<T>
    init(_ base: UnsafePointer<T>) { self.base = base }
}


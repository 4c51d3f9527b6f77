import Foundation

/// Splitting work over the machine's cores.
enum Parallel {
    /// Work is cut into this many pieces per core, so a slow piece does not leave a core idle.
    static let chunksPerCore = 4

    static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// How many chunks to cut `count` items into.
    static func chunks(_ count: Int) -> Int { max(1, min(count, cores * chunksPerCore)) }

    /// The items of chunk `chunk` out of `chunks(count)`.
    static func range(_ chunk: Int, of count: Int) -> Range<Int> {
        let n = chunks(count)
        return (chunk * count / n)..<((chunk + 1) * count / n)
    }
}

/// A mutable buffer written from several threads, each at its own positions.
///
/// `@unchecked Sendable` because every writer owns a disjoint set of indices and the owner of the
/// memory waits for all writers (concurrentPerform returns only when every iteration is done).
struct UncheckedSendableBuffer<T>: @unchecked Sendable {
    let pointer: UnsafeMutableBufferPointer<T>
    init(_ pointer: UnsafeMutableBufferPointer<T>) { self.pointer = pointer }
    subscript(i: Int) -> T {
        get { pointer[i] }
        nonmutating set { pointer[i] = newValue }
    }
}

import Foundation

// The parallel loop itself is `Parallel.forEach` in QuireSupport.

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

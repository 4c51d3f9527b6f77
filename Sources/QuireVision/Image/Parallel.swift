import Dispatch
import Foundation

/// Runs `body` over `0..<count` split into contiguous bands, one per core, so that filters use
/// every core (OpenCV does the same with its parallel_for_ over rows).
func parallelBands(_ count: Int, minimumPerBand: Int = 16, _ body: @Sendable (Range<Int>) -> Void) {
    let bands = min(max(1, count / max(1, minimumPerBand)), bandCount)
    if bands <= 1 {
        body(0..<count)
        return
    }
    DispatchQueue.concurrentPerform(iterations: bands) { band in
        let start = count * band / bands
        let end = count * (band + 1) / bands
        body(start..<end)
    }
}

/// Two bands per core lets a band finishing late on a busy core be compensated by others.
let bandCount = max(1, ProcessInfo.processInfo.activeProcessorCount * 2)

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


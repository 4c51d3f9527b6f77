import Foundation

/// A progress bar on standard error for long training: items done, elapsed time and an estimate
/// of the time left. It appears only once the work has run for `delay`, so quick fits stay quiet.
///
/// `@unchecked Sendable`: worker threads report through `update`, which holds the lock.
final class ProgressBar: @unchecked Sendable {
    /// Work shorter than this shows nothing (the issue's "takes more than a second").
    static let delay = 1.0
    /// Characters in the bar itself.
    static let width = 30
    /// Redraws closer together than this only flicker.
    static let redrawInterval = 0.1

    private let lock = NSLock()
    private let start = Date()
    private let noun: String
    private var shown = false
    private var lastDraw = 0.0

    init(noun: String) { self.noun = noun }

    /// Reports `done` of `total` (and a note such as the epoch and loss); draws when the work
    /// has run long enough.
    func update(_ done: Int, _ total: Int, note: String = "") {
        lock.lock()
        defer { lock.unlock() }
        let elapsed = Date().timeIntervalSince(start)
        guard elapsed >= Self.delay, done == total || elapsed - lastDraw >= Self.redrawInterval else { return }
        lastDraw = elapsed
        shown = true
        let filled = total > 0 ? Self.width * done / total : Self.width
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: Self.width - filled)
        let left = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
        let line = "\r" + (note.isEmpty ? "" : note + " ") + "[\(bar)] \(done)/\(total) \(noun)  " + String(format: "%.1fs elapsed, ~%.1fs left ", elapsed, left)
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Ends the bar's line, if it was drawn.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

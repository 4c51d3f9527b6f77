import Foundation
import Synchronization

/// Temporary files in the middle of a write, removed if a signal ends the process first.
///
/// A signal handler may only make async-signal-safe calls, so the paths live in a fixed table of
/// C strings that the handler walks with `unlink`. The handler is installed for SIGINT, SIGTERM
/// and SIGHUP only where the signal would otherwise end the process (its disposition is the
/// default): where another handler runs instead (the REPL's Ctrl-C), the process goes on and the
/// write's own failure path removes the file. After removing the files the handler restores the
/// default and raises the signal again, so the process ends as it would have.
public enum TemporaryFiles {
    /// Writes in flight at once; more are written without signal cleanup (still removed on
    /// failure). Far above what Quire does (one write at a time, a few in parallel tests).
    static let capacity = 64
    /// The signals that end a process by default and that a person sends to stop it.
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Table of registered paths (nil: free). Written under `lock`, read by the handler.
    nonisolated(unsafe) static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        table.initialize(repeating: nil, count: capacity)
        return table
    }()
    static let lock = Mutex<Void>(())

    /// Records `path` for removal on a fatal signal; returns its slot (-1 if the table is full).
    public static func register(_ path: String) -> Int {
        installHandlers()
        return lock.withLock { _ in
            for i in 0..<capacity where slots[i] == nil {
                slots[i] = strdup(path)
                return i
            }
            return -1
        }
    }

    /// Forgets the path in `slot` (the file was renamed into place or removed).
    public static func unregister(_ slot: Int) {
        guard slot >= 0 && slot < capacity else { return }
        lock.withLock { _ in
            let pointer = slots[slot]
            slots[slot] = nil
            free(pointer)
        }
    }

    /// Whether `path` is a write in flight in this process.
    public static func isRegistered(_ path: String) -> Bool {
        lock.withLock { _ in
            (0..<capacity).contains { i in slots[i].map { String(cString: $0) == path } ?? false }
        }
    }

    /// Removes every registered file now: for exits that are not signals (`exit(130)` after a
    /// second Ctrl-C).
    public static func removeAll() {
        lock.withLock { _ in
            for i in 0..<capacity { if let p = slots[i] { unlink(p) } }
        }
    }

    /// Installs the handler on each signal whose disposition is the default. Checked at every
    /// registration, because front ends install and restore their own handlers over time.
    static func installHandlers() {
        for signal in signals {
            var current = sigaction()
            sigaction(signal, nil, &current)
            guard current.__sigaction_handler.sa_handler == nil else { continue }  // SIG_DFL is nil
            var action = sigaction()
            action.__sigaction_handler.sa_handler = removeTemporariesAndReraise
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
        }
    }
}

extension TemporaryFiles {
    /// `removeAll` for a signal handler: `unlink` only, no lock (which the interrupted thread
    /// may hold), so it is async-signal-safe.
    public static func removeAllInSignalHandler() {
        for i in 0..<capacity {
            if let p = slots[i] { unlink(p) }
        }
    }
}

/// Runs in signal context: `unlink`, `signal` and `raise` only.
private func removeTemporariesAndReraise(_ number: Int32) {
    TemporaryFiles.removeAllInSignalHandler()
    signal(number, SIG_DFL)
    raise(number)
}

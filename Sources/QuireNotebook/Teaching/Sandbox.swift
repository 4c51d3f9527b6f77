import Foundation
import QuireSupport

/// What `quire run --sandbox` (and every run of `quire grade`) confines: files to the notebook's
/// folder tree plus allowed paths, and memory to a cap counted by arrays, tables and images.
public struct Sandbox: Sendable, Equatable {
    /// The cap when none is given: 2 GB.
    public static let defaultMemory = 2_000_000_000

    /// Folders (or files) the program may read and write besides the notebook's folder.
    public var allowed: [String]
    /// Bytes of memory the program may hold.
    public var memory: Int
    /// Files refused even inside the allowed folders (grading: the key).
    public var denied: [String]

    public init(allowed: [String] = [], memory: Int = Sandbox.defaultMemory, denied: [String] = []) {
        self.allowed = allowed
        self.memory = memory
        self.denied = denied
    }

    /// Runs `body` with the sandbox's rules bound (`FileAccess.policy`, `Memory.limit`), for a
    /// notebook whose folder is `directory`.
    public func confine<T>(directory: String, _ body: () throws -> T) rethrows -> T {
        let policy = FileAccess.Policy(roots: [directory] + allowed, denied: denied)
        return try FileAccess.$policy.withValue(policy) {
            try Memory.$limit.withValue(memory) { try body() }
        }
    }
}

extension Optional where Wrapped == Sandbox {
    /// `body`, confined when there is a sandbox.
    func confine<T>(directory: String, _ body: () throws -> T) rethrows -> T {
        guard let sandbox = self else { return try body() }
        return try sandbox.confine(directory: directory, body)
    }
}

import Foundation

/// Where the notebook commands write: standard output and error, or a test's buffer.
public protocol Console: AnyObject {
    func out(_ text: String)
    func err(_ text: String)
    /// Whether the output is a terminal (headers are then coloured).
    var isTerminal: Bool { get }
}

/// The process's standard output and standard error.
public final class StandardConsole: Console {
    public let isTerminal = isatty(1) != 0

    public init() {}

    public func out(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
    public func err(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}

/// Keeps what a command writes (for tests and callers that show it elsewhere).
public final class BufferConsole: Console {
    public private(set) var output = ""
    public private(set) var errors = ""
    public let isTerminal = false

    public init() {}

    public func out(_ text: String) { output += text }
    public func err(_ text: String) { errors += text }
}

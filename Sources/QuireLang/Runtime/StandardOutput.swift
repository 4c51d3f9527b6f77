import Foundation

/// Output to the process's standard output, buffered like Python's (by line on a terminal, in
/// blocks otherwise); figures are written to temporary PNG files whose paths are printed.
public final class StandardOutput: OutputSink {
    private var buffer: [UInt8] = []
    private let lineBuffered = isatty(1) != 0

    public init() {}

    deinit { flush() }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if lineBuffered || buffer.count >= outputBlockSize { flush() }
    }

    /// Writes out what is buffered; call before exiting or reading input.
    public func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(1, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    public func display(_ value: Value) {
        if case .none = value { return }
        if case .object(let o) = value, case .figure(let figure)? = o.richDisplay() {
            let path = NSTemporaryDirectory() + "quire-figure-\(UUID().uuidString.prefix(8)).png"
            do {
                try figure.write(toPath: path)
                write("[figure: \(path)]\n")
            } catch {
                write("[figure could not be written: \(error)]\n")
            }
            return
        }
        write(Printer.repr(value) + "\n")
    }
}

/// Large enough that printing in a loop costs few system calls.
let outputBlockSize = 64 * 1024

import Foundation
import QuireSupport

/// Output to the process's standard output, buffered like Python's (by line on a terminal, in
/// blocks otherwise); figures are written to PNG files (in `figureFolder`, or temporary ones)
/// whose paths are printed.
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
            do {
                write("[figure: \(try writeFigure(figure))]\n")
            } catch {
                write("[figure could not be written: \((error as? QuireError)?.message ?? "\(error)")]\n")
            }
            return
        }
        write(Printer.repr(value) + "\n")
    }

    /// Where shown figures go, as `figure-1.png`, `figure-2.png`, ... (a script's `NAME.out`,
    /// `--figures DIR`, the REPL's session folder); nil: a temporary file each.
    public var figureFolder: String?
    private var figuresWritten = 0

    /// Writes a shown figure as PNG where figures go; returns its path.
    public func writeFigure(_ figure: any FigureDisplay) throws -> String {
        guard let figureFolder else {
            let path = NSTemporaryDirectory() + "quire-figure-\(UUID().uuidString.prefix(8)).png"
            try figure.write(toPath: path)
            return path
        }
        do throws(WriteError) {
            try AtomicWrite.createFolder(figureFolder)
        } catch {
            throw QuireError(.io, error.message, hint: "give another folder with --figures DIR")
        }
        if figuresWritten == 0 { removeEarlierFigures(in: figureFolder) }
        figuresWritten += 1
        let path = (figureFolder as NSString).appendingPathComponent("figure-\(figuresWritten).png")
        try figure.write(toPath: path)
        return path
    }
}

extension StandardOutput {
    /// The `figure-N.png` files of an earlier run, which would otherwise be taken for this run's.
    func removeEarlierFigures(in folder: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name.hasPrefix("figure-") && name.hasSuffix(".png") {
            let number = name.dropFirst("figure-".count).dropLast(".png".count)
            if !number.isEmpty, number.allSatisfy(\.isNumber) {
                try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
            }
        }
    }
}

/// Large enough that printing in a loop costs few system calls.
let outputBlockSize = 64 * 1024

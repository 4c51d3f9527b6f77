// libFuzzer targets for Quire. One executable holds them all; the first argument names one:
//
//     quire-fuzz TARGET [libFuzzer flags] [CORPUS_DIR... | CRASH_FILE...]
//     quire-fuzz seeds DIR      (writes small PNG and JPEG seeds into DIR/png and DIR/jpeg)
//
// The target can also be given as QUIRE_FUZZ_TARGET (children libFuzzer starts inherit it).
// Built with -sanitize=fuzzer,address by scripts/fuzz.sh; see docs/fuzzing.md.

import Foundation
import QuireArray
import QuireBuiltins
import QuireData
import QuireLang
import QuireNotebook
import QuireVision

/// A fuzz target: its name, what it covers, and what it does with one input.
struct FuzzTarget {
    let name: String
    let summary: String
    let run: (UnsafeRawBufferPointer) -> Void
}

let targets: [FuzzTarget] = [
    FuzzTarget(name: "parse", summary: "the lexer and parser, on any text (as `quire` parses a program)") { data in
        let text = String(decoding: data, as: UTF8.self)
        largeStack.run { _ = Interpreter.isComplete(text) }
    },
    FuzzTarget(name: "interpreter", summary: "parse, compile and run a program with every builtin, under a time budget") { data in
        runProgram(String(decoding: data, as: UTF8.self))
    },
    FuzzTarget(name: "csv", summary: "read_csv on any bytes (gzip, UTF-8 check, tokenizer, type inference)") { data in
        let path = scratchFile("input.csv", data)
        _ = try? CSVReader.read(path: path)
    },
    FuzzTarget(name: "notebook", summary: "the Markdown notebook parser (cells, options, attachments)") { data in
        let text = String(decoding: data, as: UTF8.self)
        guard let notebook = try? NotebookParser.parse(text, path: "fuzz.md") else { return }
        for cell in notebook.cells { _ = notebook.attachment(ofCell: cell.number) }
        _ = notebook.text
    },
    FuzzTarget(name: "png", summary: "read_image on PNG bytes (libpng through QuireVision)") { data in
        _ = try? ImageFile.read(scratchFile("input.png", data))
    },
    FuzzTarget(name: "jpeg", summary: "read_image on JPEG bytes (libjpeg-turbo through QuireVision)") { data in
        _ = try? ImageFile.read(scratchFile("input.jpg", data))
    },
]

// MARK: Files

/// A folder of this process's own for the files readers are given.
let scratchDirectory: String = {
    let dir = NSTemporaryDirectory() + "quire-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}()

/// Writes `data` to a file named `name` in the scratch folder and returns its path.
func scratchFile(_ name: String, _ data: UnsafeRawBufferPointer) -> String {
    let path = scratchDirectory + "/" + name
    guard let file = fopen(path, "wb") else { fatalError("quire-fuzz: cannot write \(path)") }
    if data.count > 0 { _ = fwrite(data.baseAddress, 1, data.count, file) }
    fclose(file)
    return path
}

// MARK: The interpreter target

/// One long-lived thread with a stack as large as the interpreter thread's (`runOnLargeStack`),
/// which runs each input in turn: a thread started per input would cost Address Sanitizer a
/// pass over its whole 1 GiB stack when it ends.
final class LargeStackWorker: @unchecked Sendable {
    private let ready = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private var work: (() -> Void)?

    init() {
        let thread = Thread { [self] in
            while true {
                ready.wait()
                work?()
                work = nil
                finished.signal()
            }
        }
        thread.stackSize = 1 << 30
        thread.start()
    }

    func run(_ body: @escaping () -> Void) {
        work = body
        ready.signal()
        finished.wait()
    }
}

let largeStack = LargeStackWorker()

/// Output is thrown away, but values are still formatted as a REPL would show them.
final class DiscardOutput: OutputSink {
    func write(_ text: String) {}
    func display(_ value: Value) { _ = Printer.repr(value) }
}

/// Interrupts the running program once its budget is spent, as a cell's time limit does, and
/// again every 20 ms after that until the run returns.
final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Interpreter?
    private var deadline = Date.distantFuture

    init() {
        Thread.detachNewThread { [self] in
            while true {
                usleep(20_000)
                lock.lock()
                if let interpreter = current, Date() >= deadline { interpreter.interrupt(timeout: true) }
                lock.unlock()
            }
        }
    }

    func watch(_ interpreter: Interpreter?, seconds: Double) {
        lock.lock()
        current = interpreter
        deadline = Date().addingTimeInterval(seconds)
        lock.unlock()
    }
}

let watchdog = Watchdog()

/// The time budget of one program, in seconds (QUIRE_FUZZ_BUDGET, default 1).
let budget = ProcessInfo.processInfo.environment["QUIRE_FUZZ_BUDGET"].flatMap(Double.init) ?? 1

/// The folder relative paths in fuzzed programs are resolved against (QUIRE_FUZZ_SANDBOX, set
/// by scripts/fuzz.sh to a copy of the golden tests' data; default: a fresh empty folder).
let sandbox = ProcessInfo.processInfo.environment["QUIRE_FUZZ_SANDBOX"] ?? scratchDirectory

func runProgram(_ text: String) {
    largeStack.run {
        do throws(QuireError) {
            let interpreter = try Builtins.makeInterpreter(sink: DiscardOutput())
            interpreter.baseDirectory = sandbox
            watchdog.watch(interpreter, seconds: budget)
            defer {
                watchdog.watch(nil, seconds: budget)
                // Functions and the globals that hold them refer to each other: emptying the
                // globals lets the run's values go, so memory stays flat from input to input.
                interpreter.reset()
            }
            try interpreter.run(Source(name: "fuzz.qr", text: text, directory: sandbox))
        } catch {
            _ = error.render()
        }
    }
}

// MARK: Seeds

/// Writes small PNG and JPEG files of every layout read_image returns, as seeds: the fixture
/// images are far larger than a fuzzer's inputs should be.
func writeImageSeeds(into dir: String) throws {
    for format in ["png", "jpeg"] {
        try FileManager.default.createDirectory(atPath: dir + "/" + format, withIntermediateDirectories: true)
    }
    let sizes = [(1, 1), (3, 2), (8, 8), (17, 5)]
    for (w, h) in sizes {
        for channels in [0, 3, 4] {
            let count = w * h * max(channels, 1)
            let pixels = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ w &* 11) }
            let shape = channels == 0 ? [h, w] : [h, w, channels]
            let image = NDArray(shape: shape, uint8: pixels)
            let stem = "\(w)x\(h)x\(max(channels, 1))"
            try ImageFile.write(image, to: "\(dir)/png/\(stem).png")
            if channels != 4 {
                for quality in [10, 90] {
                    try ImageFile.write(image, to: "\(dir)/jpeg/\(stem)q\(quality).jpg", quality: quality)
                }
            }
        }
    }
}

// MARK: Entry point

func usage() -> Never {
    var text = "usage: quire-fuzz TARGET [libFuzzer flags] [CORPUS_DIR | CRASH_FILE]...\n"
    text += "       quire-fuzz seeds DIR\n\ntargets:\n"
    for t in targets { text += "  \(t.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(t.summary)\n" }
    FileHandle.standardError.write(Data(text.utf8))
    exit(2)
}

/// The chosen target.
var runSelected: (UnsafeRawBufferPointer) -> Void = { _ in }

/// Called by libFuzzer's `main` before it reads its flags: takes the target's name out of the
/// arguments (libFuzzer's own `main` is the entry point under -sanitize=fuzzer).
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> Int32 {
    let arguments = CommandLine.arguments
    if arguments.count >= 3, arguments[1] == "seeds" {
        do {
            try writeImageSeeds(into: arguments[2])
            exit(0)
        } catch {
            FileHandle.standardError.write(Data("quire-fuzz: \(error)\n".utf8))
            exit(1)
        }
    }
    if arguments.count >= 2, targets.contains(where: { $0.name == arguments[1] }), let list = argv.pointee {
        setenv("QUIRE_FUZZ_TARGET", arguments[1], 1)
        for i in 1..<Int(argc.pointee) { list[i] = list[i + 1] }  // list[argc] is the final nil
        argc.pointee -= 1
    }
    guard let name = ProcessInfo.processInfo.environment["QUIRE_FUZZ_TARGET"],
        let selected = targets.first(where: { $0.name == name })
    else { usage() }
    runSelected = selected.run
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    runSelected(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

import Foundation
import QuireSupport

/// Where a program's output goes: the terminal, or a notebook cell's captured output.
public protocol OutputSink: AnyObject {
    func write(_ text: String)
    /// Shows a value the way a cell's result is shown (figures become files, tables stay text).
    func display(_ value: Value)
}

/// Deeper recursion would overflow the native stack of the interpreter thread (see `runOnLargeStack`).
public let maxCallDepth = 10_000

/// Runs Quire programs. One interpreter is one environment: a REPL session or a notebook.
///
/// Sendable only so that another thread can call `interrupt` (an atomic flag); everything else
/// runs on the one thread that runs the program.
public final class Interpreter: CallContext, @unchecked Sendable {
    public let registry: BuiltinRegistry
    public var sink: OutputSink
    public var isInteractive = false
    /// The folder relative paths are resolved against when the running source names none.
    public var baseDirectory: String

    let globals: GlobalTable
    /// The registers of bytecode functions that need no frame object (see `VM.swift`).
    let registerStack: RegisterStack
    var unwind = Unwind.none
    var returnValue = Value.none
    var depth = 0
    /// The one stop flag of this interpreter: set by `interrupt` (Ctrl-C, a time limit), polled by
    /// the interpreter's loops and calls and, as the current `Cancellation` token while a program
    /// runs, by the loops inside builtins and the libraries.
    public let cancellation = CancellationToken()
    /// The figures drawn and not yet shown or saved (`show()`, `savefig`, the end of a script).
    public let figures = DrawnFigures()
    var importedFiles: Set<String> = []
    /// Aliases of Python libraries named by import lines (`import pandas as pd`).
    var pythonAliases: [String: PythonNames.Library] = [:]
    var directoryStack: [String] = []

    enum Unwind { case none, breaking, continuing, returning }

    public init(registry: BuiltinRegistry, sink: OutputSink = StandardOutput()) {
        self.registry = registry
        self.sink = sink
        let stack = RegisterStack()
        self.registerStack = stack
        self.globals = GlobalTable(calls: stack)
        self.baseDirectory = FileManager.default.currentDirectoryPath
    }

    /// Runs a program or cell. Returns the value of its last statement when that statement is an
    /// expression not followed by `;` (what a REPL or notebook shows), or nil.
    @discardableResult
    public func run(_ source: Source) throws(QuireError) -> Value? {
        do {
            // Reading and compiling a huge cell can be stopped too.
            let (program, code) = try Cancellation.with(cancellation) {
                let program = try Parser.parse(source)
                return (program, try Compiler(interpreter: self).compileProgram(program))
            }
            directoryStack.append(source.directory ?? baseDirectory)
            defer { directoryStack.removeLast() }
            unwind = .none
            depth = 0
            figures.forgetPending()
            let value = try Cancellation.with(cancellation) { try code.run() }
            let shows = !program.quietEnd && (program.statements.last?.isExpression ?? false)
            return shows ? value : nil
        } catch let error as QuireError {
            throw error
        } catch let stop as Cancelled {
            _ = cancellation.take()
            throw Self.stopError(stop.reason)
        } catch {
            throw QuireError(.runtime, "internal error: \(error)")
        }
    }

    /// The bytecode of a program's functions and top-level loops, as text (`quire --disassemble`):
    /// compiled, not run. Code the VM leaves to the closure compiler shows as `tree` instructions.
    public func disassemble(_ source: Source) throws(QuireError) -> String {
        do {
            let compiler = Compiler(interpreter: self)
            _ = try compiler.compileProgram(try Parser.parse(source))
            if compiler.compiledChunks.isEmpty { return "(no functions or top-level loops: nothing runs as bytecode)\n" }
            return compiler.compiledChunks.map { $0.disassembly() }.joined(separator: "\n\n") + "\n"
        } catch let error as QuireError {
            throw error
        } catch {
            throw QuireError(.runtime, "internal error: \(error)")
        }
    }

    /// True when `text` is a complete program; false when it ends inside an open bracket, block
    /// or string, so the REPL should read another line. Other errors count as complete (they are
    /// reported when the text runs).
    public static func isComplete(_ text: String) -> Bool {
        do {
            _ = try Parser.parse(Source(name: "<input>", text: text))
            return true
        } catch let error as QuireError {
            return error.kind != .incompleteInput
        } catch {
            return true
        }
    }

    /// Asks the running program to stop at its next loop iteration or call (Ctrl-C, a timeout).
    /// Safe to call from any thread.
    public func interrupt(timeout: Bool = false) {
        cancellation.cancel(timeout ? .timeout : .interrupt)
    }

    /// Forgets a pending interrupt (call before running new code).
    public func clearInterrupt() {
        cancellation.reset()
    }

    /// `checkInterrupt` for a loop: a stop is reported at the loop.
    @inline(__always)
    func checkInterrupt(at span: SourceSpan) throws {
        if cancellation.isCancelled {
            do { try checkInterrupt() } catch { throw error.located(at: span) }
        }
    }

    public func checkInterrupt() throws(QuireError) {
        if cancellation.isCancelled, let reason = cancellation.take() { throw Self.stopError(reason) }
    }

    /// The error that reports a stop.
    static func stopError(_ reason: CancellationReason) -> QuireError {
        if reason == .timeout { return QuireError(.timeout, "the cell ran out of time") }
        return QuireError(.interrupted, "interrupted", hint: "the program was stopped with Ctrl-C")
    }

    /// The names of the global variables that hold a value.
    public var globalNames: [String] {
        globals.names.enumerated().compactMap { i, n in
            if case .undefined = globals[i] { return nil }
            return n
        }
    }

    /// The value of a global variable, if it is set.
    public func global(_ name: String) -> Value? {
        guard let i = globals.index[name] else { return nil }
        if case .undefined = globals[i] { return nil }
        return globals[i]
    }

    /// Sets a global variable.
    public func setGlobal(_ name: String, _ value: Value) {
        globals[globals.slot(for: name)] = value
    }

    /// Removes every global variable (the REPL's `:reset`).
    public func reset() {
        for i in 0..<globals.count { globals[i] = .undefined }
        importedFiles = []
    }

    /// The parameter names of a function value, for completion of keyword arguments.
    public func parameterNames(of value: Value) -> [String]? {
        switch value {
        case .function(let f): f.code.parameterNames
        case .builtin(let b): b.builtin.parameters.map(\.name)
        default: nil
        }
    }

    // MARK: CallContext

    public func write(_ text: String) { sink.write(text) }
    public func display(_ value: Value) { sink.display(value) }

    public func resolvePath(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return expanded }
        let dir = directoryStack.last ?? baseDirectory
        return URL(fileURLWithPath: dir).appendingPathComponent(expanded).standardizedFileURL.path
    }

    public func call(_ function: Value, _ arguments: [Value]) throws -> Value {
        try callValue(function, arguments, keywords: [], spans: nil)
    }
}

/// The global variables: a growable table of slots, resolved by name when code is compiled.
final class GlobalTable {
    /// The slots; grows by reallocation, so compiled code indexes it afresh on each access.
    private(set) var storage: UnsafeMutablePointer<Value>
    private var capacity: Int
    private(set) var names: [String] = []
    private(set) var index: [String: Int] = [:]
    /// Calls on the register stack borrow their function from its global (`callGlobal`), without
    /// counting a reference: a function a global loses while such calls run is kept here until
    /// none runs (`releaseRetired`).
    private var retired: [Value] = []
    private unowned(unsafe) let calls: RegisterStack  // the interpreter owns both

    init(calls: RegisterStack) {
        self.calls = calls
        capacity = 256
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deinitialize(count: names.count)
        storage.deallocate()
    }

    var count: Int { names.count }

    @inline(__always)
    subscript(slot: Int) -> Value {
        get { storage[slot] }
        set {
            if calls.callCount > 0, case .function = storage[slot] { retired.append(storage[slot]) }
            storage[slot] = newValue
        }
    }

    /// Whether the slot has no value, read in place.
    @inline(__always)
    func isUndefined(_ slot: Int) -> Bool {
        if case .undefined = storage[slot] { return true }
        return false
    }

    /// The function in the slot and its stack entry, read in place (no reference is counted).
    @inline(__always)
    func stackCallee(_ slot: Int) -> StackEntry? {
        if case .function(let fn) = storage[slot] { return fn.stackEntry }
        return nil
    }

    func releaseRetired() {
        if !retired.isEmpty { retired.removeAll() }
    }

    var values: UnsafeMutableBufferPointer<Value> { UnsafeMutableBufferPointer(start: storage, count: names.count) }

    func slot(for name: String) -> Int {
        if let i = index[name] { return i }
        if names.count == capacity {
            let bigger = UnsafeMutablePointer<Value>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: storage, count: names.count)
            storage.deallocate()
            storage = bigger
            capacity *= 2
        }
        (storage + names.count).initialize(to: .undefined)
        index[name] = names.count
        names.append(name)
        return names.count - 1
    }
}

/// A compiled program, ready to run.
struct CompiledProgram {
    let body: Code
    let frame: Frame

    func run() throws -> Value { try body(frame) }
}

typealias Code = (Frame) throws -> Value

/// A compiled piece of code that can be kept in an array without reabstraction thunks.
struct CodeRef {
    let run: Code
}

/// Runs `work` on a thread with a large stack, so that deep (but allowed) recursion in Quire
/// code does not overflow the native stack, and waits for it.
public func runOnLargeStack<T>(_ work: @escaping () -> T) -> T {
    let box = LargeStackBox<T>(work)
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.value = box.work()
        done.signal()
    }
    thread.stackSize = interpreterStackSize
    thread.start()
    done.wait()
    return box.value!
}

/// Carries work to the large-stack thread and its result back; written by the worker, read
/// after the semaphore, so never touched by two threads at once.
private final class LargeStackBox<T>: @unchecked Sendable {
    var value: T?
    let work: () -> T
    init(_ work: @escaping () -> T) { self.work = work }
}

/// Enough native stack for `maxCallDepth` nested Quire calls in a debug build.
let interpreterStackSize = 1 << 30

import Foundation
import QuireBuiltins
import QuireLang

@testable import QuireREPL

/// A small native object of the tests' own: a table with columns, one of them not a valid name.
final class TestTable: NativeObject {
    let columns = ["price", "sc_w", "sc_h", "price range"]
    var typeName: String { "TestTable" }
    var memberNames: [String] { columns }
    func member(_ name: String) throws -> Value? {
        columns.contains(name) ? .list(ListBox([.int(1)])) : nil
    }
}

/// A registry with a function that has keyword parameters and a rest parameter, and a method of
/// `TestTable`, so that completion can be checked against known declarations.
let testRegistry = BuiltinRegistry([
    [
        Builtin(
            "split_rows",
            [
                Parameter("X"), .opt("test_size", .number, .double(0.25)), .opt("train_size", .optional(.number), .none),
                .opt("random_state", .optional(.int), .none), Parameter("more", .any, .variadic),
            ],
            doc: "Splits rows.", example: "split_rows(X, test_size=0.2)"
        ) { _ in .none },
        Builtin("head", on: "TestTable", [.opt("n", .int, .int(5))], doc: "The first rows.", example: "t.head(3)") { _ in .none },
        Builtin("shape_of", on: "TestTable", [], doc: "Rows and columns.", example: "t.shape_of()") { _ in .none },
    ]
])

/// An interpreter with the test registry, a `TestTable` in `df`, and a few other globals.
func makeTestInterpreter() throws -> Interpreter {
    let interpreter = Interpreter(registry: testRegistry)
    interpreter.setGlobal("df", .object(TestTable()))
    try interpreter.run(
        Source(
            name: "<test>",
            text: """
                fn train(model, epochs=10, learning_rate=0.1) { model }
                point = {"x": 1, "y": 2, "not a name": 3, "nested": {"inner": 1}}
                words = ["a"]
                """))
    return interpreter
}

/// The completion with the cursor at the end of `line`.
func complete(_ line: String, _ interpreter: Interpreter) -> Completion {
    Completer.complete(line: line, cursor: line.count, interpreter: interpreter)
}

/// Line input for the REPL from a fixed list, as if typed.
final class ScriptedReader: LineReader {
    var lines: [ReadResult]
    var remembered: [String] = []
    var prompts: [String] = []

    init(_ lines: [ReadResult]) { self.lines = lines }

    func readLine(prompt: String) -> ReadResult {
        prompts.append(prompt)
        return lines.isEmpty ? .endOfInput : lines.removeFirst()
    }

    func remember(_ line: String) { remembered.append(line) }
}

/// A REPL on the real builtins whose messages and errors are collected instead of printed.
final class CapturedREPL {
    let repl: REPL
    var said = ""
    var errors = ""

    init() throws {
        let output = StandardOutput()
        repl = REPL(interpreter: try Builtins.makeInterpreter(sink: output), output: output, historyPath: nil)
        repl.say = { [unowned self] in said += $0 }
        repl.complain = { [unowned self] in errors += $0 }
    }

    /// Runs the REPL over these lines (then the end of input); returns the exit status.
    @discardableResult
    func run(_ lines: [String]) -> Int32 {
        repl.run(reader: ScriptedReader(lines.map { .line($0) }))
    }
}

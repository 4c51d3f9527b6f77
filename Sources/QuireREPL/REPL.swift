import Foundation
import QuireLang

/// The interactive prompt: reads lines until a statement is complete, runs it, shows its value.
public final class REPL {
    let interpreter: Interpreter
    let output: StandardOutput

    public init(interpreter: Interpreter, output: StandardOutput) {
        self.interpreter = interpreter
        self.output = output
    }

    /// Runs until end of input; returns the exit status.
    public func run() -> Int32 {
        var pending = ""
        while true {
            output.flush()
            FileHandle.standardOutput.write(Data((pending.isEmpty ? "quire> " : "   ... ").utf8))
            guard let line = readLine() else { break }
            pending += (pending.isEmpty ? "" : "\n") + line
            if !Interpreter.isComplete(pending) { continue }
            let text = pending
            pending = ""
            if text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            do {
                if let value = try interpreter.run(Source(name: "<repl>", text: text)) { output.display(value) }
            } catch {
                output.flush()
                FileHandle.standardError.write(Data(error.render().utf8))
            }
        }
        output.flush()
        return 0
    }
}

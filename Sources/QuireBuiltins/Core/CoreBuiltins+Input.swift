import Foundation
import QuireLang

extension CoreBuiltins {
    /// `input(prompt)`: through the output sink's reader (the Jupyter kernel's stdin channel)
    /// when it has one, else a line of standard input.
    static func readInputLine(_ args: Arguments) throws -> Value {
        let prompt = try args.string("prompt")
        let sink = (args.context as? Interpreter)?.sink
        let line: String?
        if let reader = sink as? InputReader {
            line = try reader.readInput(prompt: prompt, password: false)
        } else {
            args.context.write(prompt)
            (sink as? StandardOutput)?.flush()
            line = Swift.readLine(strippingNewline: true)
        }
        guard let line else {
            throw QuireError(.io, "input() found no more input to read", hint: "the program's standard input has ended")
        }
        return .string(line)
    }
}

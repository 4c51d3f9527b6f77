import QuireLang

/// Every builtin of Quire: one table per domain, each declared once in its own folder.
public enum Builtins {
    /// The tables, in the order they appear in the reference page.
    static let tables: [[Builtin]] = [
        CoreBuiltins.builtins,
        CollectionMethods.builtins,
        ArrayBuiltins.builtins,
        DataBuiltins.builtins,
        PlotBuiltins.builtins,
        LearnBuiltins.builtins,
        VisionBuiltins.builtins,
        TextBuiltins.builtins,
        TestingBuiltins.builtins,
    ]

    /// The registry the interpreter, `:help`, completion and the reference page read.
    public static let registry = BuiltinRegistry(tables, python: python)

    /// A new interpreter with every builtin and the standard library loaded.
    public static func makeInterpreter(sink: OutputSink = StandardOutput()) throws(QuireError) -> Interpreter {
        let interpreter = Interpreter(registry: registry, sink: sink)
        for (name, text) in StandardLibrary.files {
            try interpreter.run(Source(name: "stdlib/\(name)", text: text))
        }
        return interpreter
    }
}

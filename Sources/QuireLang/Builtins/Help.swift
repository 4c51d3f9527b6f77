/// Help texts and the reference page, made from the builtin declarations.
public enum Help {
    /// The help for a builtin name (`"read_csv"`, `"DataFrame.head"`) or a function value.
    public static func text(for subject: Value, registry: BuiltinRegistry) -> String {
        switch subject {
        case .none:
            let names = registry.functions.keys.sorted()
            return "Builtins (help(\"name\") for one):\n" + wrap(names.joined(separator: ", "), width: 78, indent: "  ")
        case .builtin(let b): return describe(b.builtin)
        case .function(let f):
            return "fn \(f.name)(\(f.code.parameterNames.joined(separator: ", "))): a function written in Quire"
        case .string(let name): return text(forName: name, registry: registry)
        case .object(let o):
            let methods = registry.methodNames(on: o.typeName)
            var out = "\(o.typeName)"
            if !o.memberNames.isEmpty { out += "\n  members: " + o.memberNames.prefix(30).joined(separator: ", ") }
            if !methods.isEmpty { out += "\n  methods: " + methods.joined(separator: ", ") }
            return out
        default:
            let methods = registry.methodNames(on: subject.typeName == "str" ? "str" : subject.typeName)
            return "\(subject.typeName)" + (methods.isEmpty ? "" : "\n  methods: " + methods.joined(separator: ", "))
        }
    }

    public static func text(forName name: String, registry: BuiltinRegistry) -> String {
        if let b = registry.functions[name] { return describe(b) }
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2, let m = registry.method(parts[1], on: parts[0]) { return describe(m) }
        let methods = registry.all.filter { $0.receiver != nil && $0.name == name }
        if !methods.isEmpty { return methods.map(describe).joined(separator: "\n\n") }
        if !registry.methodNames(on: name).isEmpty {
            return "\(name) methods: " + registry.methodNames(on: name).joined(separator: ", ")
        }
        let all = Array(registry.functions.keys) + registry.all.compactMap { b in b.receiver.map { r in "\(r).\(b.name)" } }
        if let close = Suggest.closest(to: name, in: all) { return "no builtin named \"\(name)\"; did you mean \"\(close)\"?" }
        return "no builtin named \"\(name)\""
    }

    public static func describe(_ b: Builtin) -> String {
        "\(b.signature)\n  \(b.doc)\n  example: \(b.example)"
    }

    /// `docs/builtins.md`: every builtin, grouped by receiver, generated from the registry.
    public static func referencePage(_ registry: BuiltinRegistry) -> String {
        var out = "# Builtins\n\nGenerated from the builtin registry by `quire --builtins-reference`; do not edit by hand.\n"
        out += "\n## Functions\n\n"
        for b in registry.all.filter({ $0.receiver == nil }).sorted(by: { $0.name < $1.name }) {
            out += entry(b)
        }
        let receivers = Set(registry.all.compactMap(\.receiver)).sorted()
        for r in receivers {
            out += "\n## Methods of \(r)\n\n"
            for b in registry.all.filter({ $0.receiver == r }).sorted(by: { $0.name < $1.name }) { out += entry(b) }
        }
        return out
    }

    static func entry(_ b: Builtin) -> String {
        var out = "### `\(b.signature)`\n\n\(b.doc)\n\n"
        let typed = b.parameters.filter { $0.accepts != .any }
        if !typed.isEmpty {
            out += typed.map { "- `\($0.name)`: \($0.accepts.noun)" }.joined(separator: "\n") + "\n\n"
        }
        out += "```quire\n\(b.example)\n```\n\n"
        return out
    }

    static func wrap(_ text: String, width: Int, indent: String) -> String {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > width && line != indent {
                lines.append(line)
                line = indent
            }
            line += (line == indent ? "" : " ") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}

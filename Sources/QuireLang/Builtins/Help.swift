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
            let attributes = registry.attributeNames(on: o.typeName)
            if !attributes.isEmpty { out += "\n  attributes: " + attributes.joined(separator: ", ") }
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
        if parts.count == 2, let m = registry.method(parts[1], on: parts[0]) ?? registry.attribute(parts[1], on: parts[0]) {
            return describe(m)
        }
        let methods = registry.all.filter { $0.receiver != nil && $0.name == name }
        if !methods.isEmpty { return methods.map(describe).joined(separator: "\n\n") }
        if !registry.methodNames(on: name).isEmpty || !registry.attributeNames(on: name).isEmpty {
            var out = "\(name) methods: " + registry.methodNames(on: name).joined(separator: ", ")
            let attributes = registry.attributeNames(on: name)
            if !attributes.isEmpty { out += "\n\(name) attributes: " + attributes.joined(separator: ", ") }
            return out
        }
        let all = Array(registry.functions.keys) + registry.all.compactMap { b in b.receiver.map { r in "\(r).\(b.name)" } }
        if let close = Suggest.closest(to: name, in: all) { return "no builtin named \"\(name)\"; did you mean \"\(close)\"?" }
        return "no builtin named \"\(name)\""
    }

    public static func describe(_ b: Builtin) -> String {
        var out = "\(b.signature)\n  \(b.doc)\n"
        for p in b.parameters where !p.choices.isEmpty || p.doc != nil {
            out += "  \(p.name): " + parameterText(p) + "\n"
        }
        return out + "  example: \(b.example)"
    }

    /// `one of "rbf", "linear" (the kernel function)`, or the doc line alone.
    static func parameterText(_ p: Parameter) -> String {
        let choices = p.choices.isEmpty ? nil : Parameter.listing(p.choices)
        switch (choices, p.doc) {
        case (let c?, let d?): return "\(c): \(d)"
        case (let c?, nil): return c
        case (nil, let d?): return d
        case (nil, nil): return p.accepts.noun
        }
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
            let members = registry.all.filter { $0.receiver == r }.sorted { $0.name < $1.name }
            let attributes = members.filter(\.isAttribute), methods = members.filter { !$0.isAttribute }
            if !methods.isEmpty {
                out += "\n## Methods of \(r)\n\n"
                for b in methods { out += entry(b) }
            }
            if !attributes.isEmpty {
                out += "\n## Attributes of \(r)\n\n"
                for b in attributes { out += entry(b) }
            }
        }
        return out
    }

    static func entry(_ b: Builtin) -> String {
        var out = "### `\(b.signature)`\n\n\(b.doc)\n\n"
        let typed = b.parameters.filter { $0.accepts != .any || !$0.choices.isEmpty || $0.doc != nil }
        if !typed.isEmpty {
            out += typed.map { p in
                var line = "- `\(p.name)`: \(p.accepts.noun)"
                if !p.choices.isEmpty { line += ", " + Parameter.listing(p.choices) }
                if let doc = p.doc { line += ". " + doc }
                return line
            }.joined(separator: "\n") + "\n\n"
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

/// The answers to Python habits (import lines, module prefixes, scikit-learn's class names,
/// pandas' methods): what Quire accepts, and for the rest how the line is written in Quire. The
/// names come from the registry's `python` table; the wording lives here.
extension Interpreter {
    /// What Quire writes for `name` of `owner` (a library's module or a Quire type): the
    /// builtin's name when the registry or the standard library has it now, and the table's note.
    func pythonEquivalent(_ owner: String, _ name: String) -> (quire: String?, note: String?) {
        func exists(_ quire: String) -> Bool { registry.functions[quire] != nil || global(quire) != nil }
        if let row = registry.python.row(owner, name) {
            return (row.quire.flatMap { exists($0) ? $0 : nil }, row.note)
        }
        return (exists(name) ? name : nil, nil)
    }

    /// "write random_forest(...) for RandomForestClassifier(...)", or what to do instead.
    func pythonAdvice(_ library: PythonNames.Library, _ name: String, python: String) -> String {
        let (quire, note) = pythonEquivalent(library.module, name)
        guard let quire else { return note ?? "\(library.possessive) \(name) is not available in Quire yet" }
        if quire == python { return "\(quire) is built in under the same name" + (note.map { "; \($0)" } ?? "") }
        return "write \(quire)(...) for \(python)(...)" + (note.map { "; \($0)" } ?? "")
    }

    /// `import pandas as pd, numpy as np`: accepted for the libraries Quire has built in. Returns
    /// the names to bind, each to its library (`pd.read_csv` is then Quire's read_csv). Called
    /// when the line is compiled, so that the program's later lines know the alias.
    func pythonImport(_ modules: [PythonImportName]) throws -> [(alias: String, value: Value)] {
        var bound: [(alias: String, value: Value)] = []
        for m in modules {
            guard let library = registry.python.library(module: m.name) else { throw unknownPythonModule(m.name, m.span) }
            guard let alias = m.alias ?? (m.name.contains(".") ? nil : m.name) else { continue }
            pythonAliases[alias] = library
            bound.append((alias, .object(PythonModule(library, alias: alias))))
        }
        return bound
    }

    /// `from sklearn.metrics import accuracy_score as acc`: accepted for the libraries Quire has
    /// built in. Returns the values an `as` alias names; a name Quire writes otherwise
    /// (`RandomForestClassifier`) is answered where it is used, and one Quire does not have is
    /// an error on this line.
    func pythonFromImport(_ module: String, _ names: [PythonImportName], _ span: SourceSpan) throws -> [(alias: String, value: Value)] {
        guard let library = registry.python.library(module: module) else { throw unknownPythonModule(module, span) }
        var bound: [(alias: String, value: Value)] = []
        for n in names where n.name != "*" {
            if let value = pythonValue(library, n.name) {
                if let alias = n.alias, alias != n.name { bound.append((alias, value)) }
            } else if registry.python.row(library.module, n.name) == nil {
                throw QuireError(.name, "\(library.possessive) \(n.name) is not available in Quire yet", span: n.span)
            } else if let alias = n.alias, alias != n.name {
                throw QuireError(.name, "Quire cannot name \(n.name) \(alias)", hint: pythonAdvice(library, n.name, python: n.name), span: n.span)
            }
        }
        return bound
    }

    private func unknownPythonModule(_ module: String, _ span: SourceSpan) -> QuireError {
        var titles: [String] = []
        for l in registry.python.libraries where !titles.contains(l.title) { titles.append(l.title) }
        return QuireError(
            .syntax, "Quire cannot import the Python module \(Printer.quote(module))",
            hint: "Quire has \(titles.joined(separator: ", ")) built in; import \"helpers.qr\" runs a Quire file", span: span)
    }

    /// The library an undefined name such as `pd` or an imported alias stands for.
    func pythonLibrary(alias: String) -> PythonNames.Library? {
        pythonAliases[alias] ?? registry.python.library(alias: alias)
    }

    /// The Quire builtin that `name` of `library` calls, when it means the same; nil when Quire
    /// writes it otherwise.
    func pythonValue(_ library: PythonNames.Library, _ name: String) -> Value? {
        let quire: String
        if let row = registry.python.row(library.module, name) {
            guard let q = row.quire, row.alike else { return nil }
            quire = q
        } else {
            quire = name
        }
        switch library.calls {
        case .never: return nil
        case .sameSpelling where quire != name: return nil
        default: break
        }
        if let function = registry.functions[quire] { return .builtin(BoundBuiltin(function)) }
        if let value = global(quire), case .function = value { return value }
        return nil
    }

    /// `pd.read_csv`: the builtin it calls, or the error that shows how Quire writes it.
    func pythonMember(_ module: PythonModule, _ name: String) throws -> Value {
        if let value = pythonValue(module.library, name) { return value }
        let prefixed = "\(module.alias).\(name)"
        let (quire, note) = pythonEquivalent(module.library.module, name)
        if let quire {
            let signature = registry.functions[quire].map { "in Quire: \($0.signature)" }
            throw QuireError(.name, "Quire writes \(prefixed)(...) as \(quire)(...)", hint: note ?? signature)
        }
        if let note { throw QuireError(.name, "Quire has no \(prefixed)", hint: note) }
        let hint = Suggest.closest(to: name, in: registry.functions.keys.sorted()).map { "did you mean \(module.alias).\($0)?" }
        throw QuireError(.name, "\(module.library.possessive) \(name) is not available in Quire yet", hint: hint)
    }

    /// The hint for an undefined name that is a library's (`RandomForestClassifier`, `pd`).
    func pythonNameHint(_ name: String) -> String? {
        let table = registry.python
        if let row = table.bareName(name), let library = table.library(module: row.owner) {
            return pythonAdvice(library, name, python: name)
        }
        if let library = table.library(alias: name) {
            return "\(name) names \(library.title) after `import \(library.module) as \(name)`; Quire has it built in: \(library.python) is \(library.quire)"
        }
        return nil
    }

    /// `df.corr()` and `df.iloc` when Quire has no such method: what Quire writes for pandas' name.
    func pythonMemberHint(_ typeName: String, _ name: String) -> String? {
        guard let row = registry.python.row(typeName, name) else { return nil }
        if let quire = row.quire, registry.method(quire, on: typeName) != nil || registry.attribute(quire, on: typeName) != nil {
            return "Quire writes it \(quire)" + (row.note.map { "; \($0)" } ?? "")
        }
        return row.note ?? "pandas' \(name) is not available in Quire yet"
    }

    /// `obj.name(...)` when the object has no method of that name.
    func noMethodError(_ object: any NativeObject, _ name: String) -> QuireError {
        let type = object.typeName
        let hint =
            pythonMemberHint(type, name)
            ?? Suggest.closest(to: name, in: registry.methodNames(on: type)).map { "did you mean \"\($0)\"?" }
        return QuireError(.name, "\(article(type)) has no method \"\(name)\"", hint: hint)
    }
}

/// What a library's alias (`pd`, `plt`) stands for when no variable of that name is defined:
/// its members are the Quire builtins of the same meaning (`Interpreter.pythonMember`).
extension PythonNames.Library {
    /// "pandas'", "numpy's".
    var possessive: String { title.hasSuffix("s") ? title + "'" : title + "'s" }
}

final class PythonModule: NativeObject {
    let library: PythonNames.Library
    let alias: String

    init(_ library: PythonNames.Library, alias: String) {
        self.library = library
        self.alias = alias
    }

    var typeName: String { "module" }
    func displayText() -> String { "<\(library.title), built into Quire>" }
}

/// The answers to Python habits (import lines, module prefixes, scikit-learn's class names,
/// pandas' methods): each says how the line is written in Quire. The names come from the
/// registry's `python` table; the wording lives here.
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
        guard let quire else { return note ?? "\(library.title)'s \(name) is not available in Quire yet" }
        if quire == python { return "\(quire) is built in under the same name" + (note.map { "; \($0)" } ?? "") }
        return "write \(quire)(...) for \(python)(...)" + (note.map { "; \($0)" } ?? "")
    }

    /// `import pandas as pd`, `from sklearn.ensemble import RandomForestClassifier`.
    /// `alsoAt`: the lines of the program's other Python imports, named in the message.
    func pythonImportError(_ module: String, _ names: [String], _ span: SourceSpan, alsoAt others: [Int] = []) -> QuireError {
        var error = pythonImportError(module, names, span)
        if !others.isEmpty {
            let lines = others.map(String.init).joined(separator: ", ")
            error.message += others.count == 1 ? " (and the import on line \(lines))" : " (and the imports on lines \(lines))"
        }
        return error
    }

    private func pythonImportError(_ module: String, _ names: [String], _ span: SourceSpan) -> QuireError {
        let table = registry.python
        guard let library = table.library(module: module) else {
            var titles: [String] = []
            for l in table.libraries where !titles.contains(l.title) { titles.append(l.title) }
            return QuireError(
                .syntax, "Quire cannot import the Python module \(Printer.quote(module))",
                hint: "Quire has \(titles.joined(separator: ", ")) built in, without imports; import \"helpers.qr\" runs a Quire file", span: span)
        }
        let advice =
            names.isEmpty
            ? "write \(library.quire) for \(library.python)"
            : names.map { pythonAdvice(library, $0, python: $0) }.joined(separator: "; ")
        return QuireError(.syntax, "\(library.title) is built into Quire: delete this import line", hint: advice, span: span)
    }

    /// `pd.read_csv(...)` without an import: Quire's builtins have no prefix.
    func pythonPrefixError(_ alias: String, _ member: String, _ span: SourceSpan) -> QuireError? {
        guard let library = registry.python.library(alias: alias) else { return nil }
        return QuireError(
            .name, "name \"\(alias)\" is not defined: Quire has \(library.title) built in, without a prefix",
            hint: pythonAdvice(library, member, python: "\(alias).\(member)"), span: span)
    }

    /// The hint for an undefined name that is a library's (`RandomForestClassifier`, `pd`).
    func pythonNameHint(_ name: String) -> String? {
        let table = registry.python
        if let row = table.bareName(name), let library = table.library(module: row.owner) {
            return pythonAdvice(library, name, python: name)
        }
        if let library = table.library(alias: name) {
            return "Quire has \(library.title) built in, without a prefix: write \(library.quire) for \(library.python)"
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

import Testing

@testable import QuireLang

/// The answers to Python habits name a Quire builtin only when the registry has it at run time.
struct PythonHabitTests {
    static let table = PythonNames(
        libraries: [.init("sklearn", alias: "sklearn", title: "scikit-learn", python: "SVC()", quire: "svc()", calls: .sameSpelling)],
        names: [PythonNames.Name("sklearn", "MLPClassifier", "mlp_classifier"), PythonNames.Name("sklearn", "SVC", "svc")])

    func error(_ code: String, builtins: [Builtin]) -> QuireError? {
        let interpreter = Interpreter(registry: BuiltinRegistry([builtins], python: Self.table), sink: Capture())
        do {
            _ = try interpreter.run(Source(name: "test.qr", text: code))
            return nil
        } catch {
            return error
        }
    }

    static let mlp = Builtin("mlp_classifier", [], doc: "A network.", example: "mlp_classifier()") { _ in .none }

    @Test func aNameNotRegisteredIsNotAvailableYet() {
        let e = error("MLPClassifier()", builtins: [])
        #expect(e?.message == "name \"MLPClassifier\" is not defined")
        #expect(e?.hint == "scikit-learn's MLPClassifier is not available in Quire yet")
        // The import line is accepted; the name is answered where it is used.
        #expect(error("from sklearn.neural_network import MLPClassifier", builtins: []) == nil)
        let used = error("from sklearn.neural_network import MLPClassifier\nMLPClassifier()", builtins: [])
        #expect(used?.hint == "scikit-learn's MLPClassifier is not available in Quire yet")
        #expect(used?.span?.line == 2)
    }

    @Test func aRegisteredNameIsNamed() {
        let e = error("MLPClassifier()", builtins: [Self.mlp])
        #expect(e?.hint == "write mlp_classifier(...) for MLPClassifier(...)")
        #expect(error("from sklearn.neural_network import MLPClassifier", builtins: [Self.mlp]) == nil)
        // An alias of a name Quire spells otherwise cannot be bound: the line says so.
        let aliased = error("from sklearn.neural_network import MLPClassifier as MLP", builtins: [Self.mlp])
        #expect(aliased?.message == "Quire cannot name MLPClassifier MLP")
        #expect(aliased?.hint == "write mlp_classifier(...) for MLPClassifier(...)")
    }

    /// scikit-learn's names that Quire spells the same are called; a prefix never calls a
    /// renamed class (`sklearn.SVC`), and a name the table lacks is not available.
    @Test func sameSpellingIsCalledAndRenamedIsAnswered() {
        let svc = Builtin("svc", [], doc: "An SVC.", example: "svc()") { _ in .int(7) }
        #expect(error("import sklearn\nsklearn.SVC()", builtins: [svc])?.message == "Quire writes sklearn.SVC(...) as svc(...)")
        let missing = error("from sklearn.svm import NuSVC", builtins: [svc])
        #expect(missing?.message == "scikit-learn's NuSVC is not available in Quire yet")
        #expect(missing?.span?.line == 1)
    }

    /// Did-you-mean offers only likely typos: at most a quarter of the letters changed (issue 13:
    /// `nlargest` was offered the column "target", three edits away).
    @Test func didYouMeanNeedsACloseName() {
        #expect(Suggest.closest(to: "nlargest", in: ["target", "alcohol"]) == nil)
        #expect(Suggest.closest(to: "alcohl", in: ["alcohol", "target"]) == "alcohol")
        #expect(Suggest.closest(to: "groupbby", in: ["groupby", "head"]) == "groupby")
        #expect(Suggest.closest(to: "classification_reprot", in: ["classification_report"]) == "classification_report")
    }

    @Test func importOfAFileStillWorksAsBefore() {
        let e = error("import helpers", builtins: [])
        #expect(e?.message == "Quire cannot import the Python module \"helpers\"")
        #expect(e?.hint?.contains("import \"helpers.qr\" runs a Quire file") == true)
        let quoted = error("import \"no_such_file_here.qr\"", builtins: [])
        #expect(quoted?.message.contains("Python") == false)
    }

    @Test func aFromStatementWithoutImportIsTheUsualError() {
        let e = error("from sklearn.svm SVC", builtins: [])
        #expect(e?.message.hasPrefix("expected the end of the statement") == true)
    }
}

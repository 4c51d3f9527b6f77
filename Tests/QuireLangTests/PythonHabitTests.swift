import Testing

@testable import QuireLang

/// The answers to Python habits name a Quire builtin only when the registry has it at run time.
struct PythonHabitTests {
    static let table = PythonNames(
        libraries: [.init("sklearn", alias: "sklearn", title: "scikit-learn", python: "SVC()", quire: "svc()")],
        names: [PythonNames.Name("sklearn", "MLPClassifier", "mlp_classifier")])

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
        let fromImport = error("from sklearn.neural_network import MLPClassifier", builtins: [])
        #expect(fromImport?.hint == "scikit-learn's MLPClassifier is not available in Quire yet")
    }

    @Test func aRegisteredNameIsNamed() {
        let e = error("MLPClassifier()", builtins: [Self.mlp])
        #expect(e?.hint == "write mlp_classifier(...) for MLPClassifier(...)")
        let fromImport = error("from sklearn.neural_network import MLPClassifier", builtins: [Self.mlp])
        #expect(fromImport?.message == "scikit-learn is built into Quire: delete this import line")
        #expect(fromImport?.hint == "write mlp_classifier(...) for MLPClassifier(...)")
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

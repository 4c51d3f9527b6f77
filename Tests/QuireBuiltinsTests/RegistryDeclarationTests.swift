import QuireBuiltins
import QuireLang
import Testing

/// Choices and attributes are declared in the registry rows, and read from there.
@Suite("registry declarations")
struct RegistryDeclarationTests {
    @Test func everyDefaultIsOneOfItsChoices() {
        for b in Builtins.registry.all {
            for p in b.parameters where !p.choices.isEmpty {
                if case .optional(let d) = p.kind { #expect(p.allows(d), "\(b.qualifiedName)(\(p.name)=\(Printer.repr(d)))") }
                #expect(Set(p.choices).count == p.choices.count, "\(b.qualifiedName): \(p.name) lists a choice twice")
            }
        }
    }

    @Test func theListedParametersDeclareTheirChoices() {
        let expected: [(String, String, [String])] = [
            ("svc", "kernel", ["rbf", "linear", "poly", "sigmoid"]),
            ("knn", "weights", ["uniform", "distance"]),
            ("random_forest", "criterion", ["gini", "entropy", "log_loss"]),
            ("gradient", "method", ["roberts", "prewitt", "sobel", "scharr"]),
            ("f1_score", "average", ["binary", "micro", "macro", "weighted"]),
            ("zeros", "dtype", ["bool", "uint8", "int64", "float32", "float64"]),
        ]
        for (function, parameter, choices) in expected {
            let p = Builtins.registry.functions[function]?.parameters.first { $0.name == parameter }
            #expect(p?.choices == choices, "\(function)(\(parameter)=)")
        }
        #expect(Builtins.registry.method("resize", on: "Array")?.parameters.first { $0.name == "interpolation" }?.choices.isEmpty == false)
        #expect(Builtins.registry.functions["heatmap"]?.parameters.first { $0.name == "cmap" }?.choices.contains("BuPu") == true)
    }

    @Test func helpListsChoicesAndSettingDocs() {
        let text = Help.text(forName: "svc", registry: Builtins.registry)
        #expect(text.contains("kernel: one of \"rbf\", \"linear\", \"poly\", \"sigmoid\": The kernel function."))
        #expect(text.contains("C: Penalty for misclassified rows"))
    }

    @Test func attributesAreRowsWithDocs() {
        let registry = Builtins.registry
        #expect(registry.attributeNames(on: "DataFrame") == ["T", "columns", "dtypes", "iloc", "index", "loc", "shape", "values"])
        #expect(registry.attributeNames(on: "Model") == ["best_loss", "classes", "coef", "feature_importances", "intercept", "loss_curve", "n_iter", "params", "validation_scores"])
        #expect(registry.attributeNames(on: "Figure").contains("xticks"))
        #expect(registry.attributeNames(on: "Array") == ["T", "dtype", "ndim", "shape", "size"])
        #expect(registry.method("shape", on: "DataFrame") == nil)
        #expect(Help.text(forName: "DataFrame.shape", registry: registry).hasPrefix("DataFrame.shape\n  (rows, columns)"))
        #expect(Help.referencePage(registry).contains("## Attributes of Figure"))
        #expect(Help.text(forName: "Figure", registry: registry).contains("Figure attributes: axes_count, legend, legend_title, size, theme, title, xlabel, xticklabels, xticks, ylabel"))
    }

    @Test func attributesAreReadAndSuggested() throws {
        let interpreter = try Builtins.makeInterpreter()
        try interpreter.run(Source(name: "<test>", text: "a = zeros((2, 3))\nm = knn(leaf_size=9)"))
        func value(_ text: String) throws -> String {
            try interpreter.run(Source(name: "<test>", text: text)).map(Printer.repr) ?? "nothing"
        }
        #expect(try value("a.shape") == "(2, 3)")
        #expect(try value("m.params[\"leaf_size\"]") == "9")
        do {
            _ = try value("a.shap")
            Issue.record("a.shap should fail")
        } catch let error as QuireError {
            #expect(error.message == "an Array has no member \"shap\"")
            #expect(error.hint == "did you mean \"shape\"?")
        }
    }
}

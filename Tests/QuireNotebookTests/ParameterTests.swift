import Foundation
import QuireNotebook
import Testing

@Suite struct ParameterTests {
    let text = """
        # Sweep

        ```quire
        #| parameters
        seed = 42
        test_size = 0.25
        ```

        ```quire
        print(seed, test_size)
        ```

        ```output
        42 0.25
        ```

        """

    @Test func commandLineValuesBecomeLiterals() {
        #expect(NotebookParameters.literal(fromCommandLine: "3") == "3")
        #expect(NotebookParameters.literal(fromCommandLine: "0.3") == "0.3")
        #expect(NotebookParameters.literal(fromCommandLine: "true") == "true")
        #expect(NotebookParameters.literal(fromCommandLine: "rbf") == "\"rbf\"")
        #expect(NotebookParameters.literal(fromCommandLine: "nan") == "\"nan\"")
        #expect(NotebookParameters.literal(fromCommandLine: "say \"hi\"") == #""say \"hi\"""#)
    }

    @Test func jsonValuesBecomeLiterals() throws {
        let object = try JSONSerialization.jsonObject(with: Data(#"{"a": 1, "b": 0.5, "c": true, "d": null, "e": ["x", 2], "f": {"k": false}}"#.utf8)) as! [String: Any]
        #expect(NotebookParameters.literal(fromJSON: object["a"]!) == "1")
        #expect(NotebookParameters.literal(fromJSON: object["b"]!) == "0.5")
        #expect(NotebookParameters.literal(fromJSON: object["c"]!) == "true")
        #expect(NotebookParameters.literal(fromJSON: object["d"]!) == "none")
        #expect(NotebookParameters.literal(fromJSON: object["e"]!) == #"["x", 2]"#)
        #expect(NotebookParameters.literal(fromJSON: object["f"]!) == #"{"k": false}"#)
    }

    @Test func injectedCellFollowsTheParametersCellAndIsMarked() throws {
        let path = try writeNotebook(text)
        let notebook = try NotebookParameters.inject([("seed", "3")], into: try NotebookFile.read(path))
        #expect(notebook.cells.count == 3)
        #expect(notebook.cells[1].options.injectedParameters)
        #expect(notebook.cells[1].code == "#| injected-parameters\nseed = 3\n")
        // injecting again replaces the earlier injected cell
        let again = try NotebookParameters.inject([("seed", "4")], into: notebook)
        #expect(again.cells.count == 3)
        #expect(again.cells[1].code == "#| injected-parameters\nseed = 4\n")
    }

    @Test func unknownParameterIsAnErrorWithDidYouMean() throws {
        let path = try writeNotebook(text)
        do {
            _ = try NotebookParameters.inject([("sed", "3")], into: try NotebookFile.read(path))
            Issue.record("an unknown parameter was accepted")
        } catch {
            #expect(error.message == "the notebook has no parameter \"sed\"")
            #expect(error.hint?.contains("did you mean \"seed\"?") == true)
        }
        let plain = try writeNotebook("```quire\nx = 1\n```\n")
        #expect(throws: NotebookError.self) { try NotebookParameters.inject([("x", "2")], into: try NotebookFile.read(plain)) }
    }

    @Test func parameterOptionTakesNoValue() throws {
        let path = try writeNotebook("```quire\n#| parameters: yes\nx = 1\n```\n")
        #expect(throws: NotebookError.self) { try NotebookFile.read(path) }
    }

    @Test func runWithParametersWritesTheExecutedCopyOnly() throws {
        let path = try writeNotebook(text)
        let folder = (path as NSString).deletingLastPathComponent + "/runs/seed-3"
        var settings = RunSettings()
        settings.parameters = [("seed", "3")]
        settings.outputDirectory = folder
        let outcome = runCommand(path, settings)
        #expect(outcome.status == 0, "\(outcome.errors)")
        #expect(read(path) == text)  // the notebook keeps its defaults
        let copy = read(folder + "/nb.md")
        #expect(copy.contains("#| injected-parameters\nseed = 3\n"))
        #expect(copy.contains("```output\n3 0.25\n```"))
        settings.parameters = [("nope", "1")]
        let failed = runCommand(path, settings)
        #expect(failed.status == 1)
        #expect(failed.errors.contains("no parameter \"nope\""))
    }
}

@Suite struct InjectedParametersPageTests {
    @Test func pageMarksTheInjectedCell() throws {
        let path = try writeNotebook("```quire\n#| parameters\nseed = 1\n```\n\n```quire\nseed\n```\n")
        var settings = RunSettings(html: true)
        settings.parameters = [("seed", "2")]
        let outcome = runCommand(path, settings)
        #expect(outcome.status == 0, "\(outcome.errors)")
        let page = read((path as NSString).deletingLastPathComponent + "/nb.out/index.html")
        #expect(page.contains("parameters injected by quire run -p"))
        #expect(page.components(separatedBy: "parameters injected").count == 2)  // one cell only
    }
}

/// `-y params.yaml`: a flat mapping of scalars; everything else is an error with its line.
@Suite struct YAMLParameterTests {
    func pairs(_ text: String) throws -> [String] {
        try NotebookParameters.values(fromYAML: text).map { "\($0.name)=\($0.code)" }
    }

    func failure(_ text: String) -> NotebookParameters.YAMLError? {
        do {
            _ = try NotebookParameters.values(fromYAML: text)
            return nil
        } catch {
            return error
        }
    }

    @Test func scalarsBecomeLiteralsInFileOrder() throws {
        let text = """
            ---
            # a sweep point
            seed: 3
            test_size: 0.3   # a comment
            big: 1e3
            neg: -2
            kernel: rbf
            name: 'it''s'
            title: "say \\"hi\\"\\n"
            on: true
            off: False
            missing: ~
            nothing: null
            url: http://example.org:8080/x
            version: "3"

            """
        #expect(try pairs(text) == [
            "seed=3", "test_size=0.3", "big=1000.0", "neg=-2", "kernel=\"rbf\"", "name=\"it's\"",
            #"title="say \"hi\"\n""#, "on=true", "off=false", "missing=none", "nothing=none",
            "url=\"http://example.org:8080/x\"", "version=\"3\"",
        ])
        #expect(try pairs("") == [])
        #expect(try pairs("a: 1\r\nb: x\r\n") == ["a=1", "b=\"x\""])
    }

    @Test func nestedAndUnsupportedYAMLAreErrorsWithTheLine() {
        let cases: [(String, Int, String)] = [
            ("model:\n  depth: 3\n", 1, "nested values are not supported"),
            ("a: 1\n  b: 2\n", 2, "nested values are not supported"),
            ("sizes: [1, 2]\n", 1, "lists and mappings are not supported"),
            ("opts: {a: 1}\n", 1, "lists and mappings are not supported"),
            ("- 1\n- 2\n", 1, "a list is not a parameters file"),
            ("text: |\n  hi\n", 1, "block scalars"),
            ("a: &x 1\n", 1, "anchors, aliases and tags"),
            ("a: b: c\n", 1, "nested mappings are not supported"),
            ("just text\n", 1, "expected `name: value`"),
            ("seed: 1\nseed: 2\n", 2, "given twice"),
            ("2nd: 1\n", 1, "is not a parameter name"),
            ("a: 'open\n", 1, "not closed"),
            ("a: \"x\" y\n", 1, "unexpected text after the closing quote"),
            ("a: .inf\n", 1, "infinity and NaN"),
            ("a: 1\n---\nb: 2\n", 2, "one YAML document"),
            ("\ta: 1\n", 1, "tabs"),
        ]
        for (text, line, message) in cases {
            let error = failure(text)
            #expect(error?.line == line, "\(text)")
            #expect(error?.message.contains(message) == true, "\(text): \(String(describing: error))")
        }
    }
}

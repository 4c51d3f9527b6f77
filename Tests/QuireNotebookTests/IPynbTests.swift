import Foundation
@testable import QuireNotebook
import Testing

@Suite struct IPynbTests {
    let text = """
        # Squares

        Some prose.

        ```quire
        #| expect-error
        xs = [1, 2, 3]
        xs.map(fn(v) { v * v })
        ```

        ```output
        [1, 4, 9]
        ```


        ```python
        print("prose, not a cell")
        ```
        ```quire
        1 + 1
        ```
        trailing text without a newline
        """

    func convert(_ path: String, to format: NotebookConvert.Format, _ destination: String) throws -> Data {
        try NotebookConvert.convert(path: path, to: format, destination: destination)
    }

    @Test func markdownRoundTripIsByteIdentical() throws {
        let path = try writeNotebook(text)
        let folder = (path as NSString).deletingLastPathComponent
        let ipynb = try convert(path, to: .ipynb, folder + "/nb.ipynb")
        try ipynb.write(to: URL(fileURLWithPath: folder + "/nb.ipynb"))
        let back = try convert(folder + "/nb.ipynb", to: .md, folder + "/back.md")
        #expect(String(decoding: back, as: UTF8.self) == text)
    }

    @Test func ipynbHasKernelspecCellsOutputsAndTags() throws {
        let path = try writeNotebook(text)
        let data = try convert(path, to: .ipynb, path + ".ipynb")
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["nbformat"] as? Int == 4 && object["nbformat_minor"] as? Int == 5)
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect((metadata["kernelspec"] as? [String: Any])?["name"] as? String == "quire")
        let cells = try #require(object["cells"] as? [[String: Any]])
        let code = cells.filter { $0["cell_type"] as? String == "code" }
        #expect(code.count == 2)
        let tags = (code[0]["metadata"] as? [String: Any])?["tags"] as? [String]
        #expect(tags == ["expect-error", "raises-exception"])
        let outputs = try #require(code[0]["outputs"] as? [[String: Any]])
        #expect(outputs.first?["output_type"] as? String == "stream")
        #expect((outputs.first?["text"] as? [String])?.joined() == "[1, 4, 9]\n")
        // the python block stays prose
        let prose = cells.filter { $0["cell_type"] as? String == "markdown" }.map { ($0["source"] as? [String] ?? []).joined() }
        #expect(prose.contains { $0.contains("```python") })
    }

    @Test func notebookMadeInJupyterComesBackWithOutputBlocks() throws {
        let json = """
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "quire", "language": "quire", "display_name": "Quire"}},
             "cells": [
               {"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["# Title"]},
               {"cell_type": "code", "id": "b", "metadata": {}, "execution_count": 1, "source": "print(1)\\n2",
                "outputs": [{"output_type": "stream", "name": "stdout", "text": ["1\\n"]},
                            {"output_type": "execute_result", "execution_count": 1, "metadata": {}, "data": {"text/plain": "2"}}]}
             ]}
            """
        let path = try writeNotebook(json, name: "made.ipynb")
        let md = String(decoding: try convert(path, to: .md, path + ".md"), as: UTF8.self)
        #expect(md == "# Title\n\n```quire\nprint(1)\n2\n```\n\n```output\n1\n2\n```\n")
        // and quire check accepts it as it is
        #expect(checkCommand([path]).status == 0)
    }

    @Test func updateRefusesAnIPynbAndKeepsIt() throws {
        let md = try writeNotebook(text)
        let folder = (md as NSString).deletingLastPathComponent
        let ipynb = folder + "/nb.ipynb"
        try convert(md, to: .ipynb, ipynb).write(to: URL(fileURLWithPath: ipynb))
        let before = read(ipynb)
        let outcome = runCommand(ipynb, RunSettings(update: true))
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("--update rewrites Markdown notebooks"))
        #expect(read(ipynb) == before)
    }

    @Test func foreignKernelKeepsCodeAsFencedBlocks() throws {
        let json = """
            {"nbformat": 4, "nbformat_minor": 4, "metadata": {"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}},
             "cells": [
               {"cell_type": "markdown", "metadata": {}, "source": ["Load the data:"]},
               {"cell_type": "code", "metadata": {}, "execution_count": 1, "source": ["import pandas as pd\\n", "pd.read_csv('x.csv')"], "outputs": []}
             ]}
            """
        let path = try writeNotebook(json, name: "py.ipynb")
        let md = String(decoding: try convert(path, to: .md, path + ".md"), as: UTF8.self)
        #expect(md == "Load the data:\n\n```python\nimport pandas as pd\npd.read_csv('x.csv')\n```\n")
        let outcome = runCommand(path)
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("is a notebook for the python3 kernel (python), not for Quire"))
        #expect(outcome.errors.contains("quire convert"))
    }

    @Test func badIPynbGivesClearErrors() throws {
        let notJSON = try writeNotebook("{ not json", name: "bad.ipynb")
        var outcome = runCommand(notJSON)
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("is not a Jupyter notebook: it is not valid JSON"))
        let old = try writeNotebook(#"{"nbformat": 3, "worksheets": []}"#, name: "old.ipynb")
        outcome = checkCommand([old])
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("version 3 notebook; Quire reads nbformat 4"))
        let noCells = try writeNotebook(#"{"nbformat": 4}"#, name: "empty.ipynb")
        #expect(throws: NotebookError.self) { try convert(noCells, to: .md, noCells + ".md") }
    }

    @Test func convertRefusesToOverwriteWithoutForce() throws {
        let path = try writeNotebook(text)
        let folder = (path as NSString).deletingLastPathComponent
        try "precious".write(toFile: folder + "/nb.ipynb", atomically: true, encoding: .utf8)
        let console = BufferConsole()
        #expect(NotebookConvert.run(path: path, to: .ipynb, output: nil, force: false, console: console) == 1)
        #expect(console.errors.contains("already exists"))
        #expect(read(folder + "/nb.ipynb") == "precious")
        #expect(NotebookConvert.run(path: path, to: .ipynb, output: nil, force: true, console: console) == 0)
        #expect(read(folder + "/nb.ipynb").contains("nbformat"))
    }

    @Test func aCellEditedInJupyterWithoutItsLastNewlineStaysACell() throws {
        let path = try writeNotebook("```quire\nx = 1\n```\n\n```quire\ny = 2\n```\n")
        let folder = (path as NSString).deletingLastPathComponent
        let data = try convert(path, to: .ipynb, folder + "/nb.ipynb")
        var document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var cells = try #require(document["cells"] as? [[String: Any]])
        cells[0]["source"] = "x = 41"  // Jupyter keeps a cell's text without a final newline
        document["cells"] = cells
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: folder + "/nb.ipynb"))
        let back = String(decoding: try convert(folder + "/nb.ipynb", to: .md, folder + "/back.md"), as: UTF8.self)
        #expect(back == "```quire\nx = 41\n```\n\n```quire\ny = 2\n```\n")
    }

    @Test func teachingCellsAreTaggedForJupyter() throws {
        let lesson = """
            ```quire
            #| exercise: q1, points: 1.5
            #| solution
            x = 1
            ```

            ```quire
            #| test: q1
            #| hint: x is one
            assert x == 1
            ```

            ```quire
            #| hidden-test: q1
            assert x > 0
            ```

            """
        let path = try writeNotebook(lesson)
        let data = try convert(path, to: .ipynb, path + ".ipynb")
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cells = try #require(object["cells"] as? [[String: Any]]).filter { $0["cell_type"] as? String == "code" }
        let metadata = cells.map { $0["metadata"] as? [String: Any] ?? [:] }
        #expect(metadata.map { $0["tags"] as? [String] ?? [] } == [["exercise:q1", "points:1.5"], ["test:q1"], ["hidden-test:q1"]])
        let options = metadata.map { ($0["quire"] as? [String: Any])?["options"] as? [String: Any] ?? [:] }
        #expect(options[0]["exercise"] as? String == "q1" && options[0]["points"] as? Double == 1.5 && options[0]["solution"] as? Bool == true)
        #expect(options[1]["test"] as? String == "q1" && options[1]["hint"] as? String == "x is one")
        #expect(options[2]["hidden-test"] as? String == "q1")
    }

    // MARK: tables as HTML

    func codeOutputs(_ data: Data) throws -> [[[String: Any]]] {
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cells = try #require(object["cells"] as? [[String: Any]])
        return cells.filter { $0["cell_type"] as? String == "code" }.map { $0["outputs"] as? [[String: Any]] ?? [] }
    }

    @Test func tablesReachTheIPynbAsHTMLFromTheStoredOutputs() throws {
        let text = "# T\n\n```quire\ntable\n```\n\n```quire\nshow(table)\nprint(\"after\")\n```\n\n```quire\nprint(\"plain\")\n```\n"
        let path = try writeNotebook(text)
        let folder = (path as NSString).deletingLastPathComponent
        var settings = RunSettings()
        settings.update = true
        #expect(runCommand(path, settings).status == 0)
        let stored = read(path)
        #expect(FileManager.default.fileExists(atPath: folder + "/nb.out/cell-1.tables.json"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/nb.out/cell-3.tables.json"))
        let data = try convert(path, to: .ipynb, folder + "/nb.ipynb")
        let outputs = try codeOutputs(data)
        // the cell's value: an execute_result with the HTML beside the text
        #expect(outputs[0].count == 1)
        #expect(outputs[0][0]["output_type"] as? String == "execute_result")
        #expect(outputs[0][0]["execution_count"] as? Int == 1)
        let result = try #require(outputs[0][0]["data"] as? [String: Any])
        #expect((result["text/plain"] as? [String])?.joined() == "   a  b\n0  1  x")
        #expect((result["text/html"] as? [String])?.joined().hasPrefix("<table class=\"dataframe\">") == true)
        // a table shown before printing: a display_data, then the printed text as a stream
        #expect(outputs[1].map { $0["output_type"] as? String } == ["display_data", "stream"])
        #expect(((outputs[1][0]["data"] as? [String: Any])?["text/html"]) != nil)
        #expect((outputs[1][1]["text"] as? [String])?.joined() == "after\n")
        #expect(outputs[2].map { $0["output_type"] as? String } == ["stream"])
        // and back, byte for byte, also from a notebook whose quire metadata Jupyter dropped
        try data.write(to: URL(fileURLWithPath: folder + "/nb.ipynb"))
        #expect(String(decoding: try convert(folder + "/nb.ipynb", to: .md, folder + "/back.md"), as: UTF8.self) == stored)
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["cells"] = (object["cells"] as? [[String: Any]] ?? []).map { cell -> [String: Any] in
            var cell = cell
            cell["metadata"] = [String: Any]()
            return cell
        }
        let bare = folder + "/bare.ipynb"
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: bare))
        let md = String(decoding: try convert(bare, to: .md, folder + "/bare.md"), as: UTF8.self)
        #expect(md.contains("```output\n   a  b\n0  1  x\nafter\n```"))
    }

    @Test func anExecutedIPynbCopyHasTheHTMLTables() throws {
        let path = try writeNotebook("```quire\n#| parameters\nn = 1\n```\n\n```quire\ntable\n```\n")
        let folder = (path as NSString).deletingLastPathComponent
        let ipynb = folder + "/lesson.ipynb"
        try convert(path, to: .ipynb, ipynb).write(to: URL(fileURLWithPath: ipynb))
        var settings = RunSettings()
        settings.parameters = [("n", "2")]
        settings.outputDirectory = folder + "/runs"
        let outcome = runCommand(ipynb, settings)
        #expect(outcome.status == 0, "\(outcome.errors)")
        let copy = try Data(contentsOf: URL(fileURLWithPath: folder + "/runs/lesson.ipynb"))
        let outputs = try codeOutputs(copy)
        #expect(outputs.count == 3)  // the injected cell too
        #expect((outputs[2].first?["data"] as? [String: Any])?["text/html"] != nil)
    }

    @Test func aStaleTableRecordLeavesTheTextAsText() throws {
        let path = try writeNotebook("```quire\ntable\n```\n")
        var settings = RunSettings()
        settings.update = true
        #expect(runCommand(path, settings).status == 0)
        // the output block edited by hand: the recorded table is no longer there
        let edited = read(path).replacingOccurrences(of: "0  1  x", with: "0  9  x")
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        let outputs = try codeOutputs(try convert(path, to: .ipynb, path + ".ipynb"))
        #expect(outputs[0].map { $0["output_type"] as? String } == ["stream"])
        #expect((outputs[0][0]["text"] as? [String])?.joined() == "   a  b\n0  9  x\n")
    }

    @Test func storedTablesAreFoundOnlyAsWholeLinesInOrder() {
        let table = StoredTables.Table(text: "a b\n1 2\n", html: "<table></table>")
        #expect(StoredTables.split("x\na b\n1 2\ny\n", tables: [table]) == [.text("x\n"), .table(text: "a b\n1 2\n", html: "<table></table>"), .text("y\n")])
        // inside a line: not the table
        #expect(StoredTables.split("xa b\n1 2\n", tables: [table]) == [.text("xa b\n1 2\n")])
        // found later in the text, after a partial match
        #expect(StoredTables.split("za b\na b\n1 2\n", tables: [table]) == [.text("za b\n"), .table(text: "a b\n1 2\n", html: "<table></table>")])
        // two records, one of them missing: the other is still found
        let other = StoredTables.Table(text: "q\n", html: "<p>")
        #expect(StoredTables.split("a b\n1 2\n", tables: [other, table]) == [.table(text: "a b\n1 2\n", html: "<table></table>")])
        #expect(StoredTables.split("", tables: [table]) == [])
    }

    @Test func aTableRecordThatCannotBeWrittenFailsNothing() throws {
        let path = try writeNotebook("```quire\ntable\n```\n")
        let folder = (path as NSString).deletingLastPathComponent
        try "in the way".write(toFile: folder + "/nb.out", atomically: true, encoding: .utf8)
        var settings = RunSettings()
        settings.update = true
        let outcome = runCommand(path, settings)
        #expect(outcome.status == 0, "\(outcome.errors)")
        #expect(read(folder + "/nb.out") == "in the way")
        // without the record, the table converts as its text
        let outputs = try codeOutputs(try convert(path, to: .ipynb, folder + "/nb.ipynb"))
        #expect(outputs[0].map { $0["output_type"] as? String } == ["stream"])
    }

    @Test func eachKindOfCellOutputHasItsNbformatForm() {
        let outputs = IPynb.outputs(
            [.text("hi\n"), .figure(FigureImage(format: "png", data: Data([1, 2]))), .error("error: boom\n  --> nb.md:2:1\n")],
            executionCount: 3)
        #expect(outputs.map { $0["output_type"] as? String } == ["stream", "display_data", "error"])
        #expect((outputs[1]["data"] as? [String: Any])?["image/png"] as? String == "AQI=")
        #expect(outputs[2]["evalue"] as? String == "boom")
        #expect((outputs[2]["traceback"] as? [String])?.first == "error: boom")
    }
}


import Foundation
import QuireNotebook
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
}

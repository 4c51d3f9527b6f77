import Testing

@testable import QuireNotebook

@Suite struct NotebookParserTests {
    let sample = """
        # Title

        Prose with `code`.

        ```quire
        #| timeout: 2s
        #| check: false
        x = 1
        x + 1
        ```

        ```output
        2
        ```

        ![cell 1](nb.out/cell-1-1.svg)

        ````markdown
        ```quire
        not a cell: inside another fence
        ```
        ````

        ```python
        print("prose, not a cell")
        ```

        ```quire
        #| expect-error
        y
        ```
        Trailing text without a newline
        """

    @Test func keepsEveryByte() throws {
        let notebook = try NotebookParser.parse(sample, path: "nb.md")
        #expect(notebook.text == sample)
        let crlf = sample.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try NotebookParser.parse(crlf, path: "nb.md").text == crlf)
    }

    @Test func findsCellsOptionsAndAttachments() throws {
        let notebook = try NotebookParser.parse(sample, path: "nb.md")
        let cells = notebook.cells
        try #require(cells.count == 2)
        #expect(cells[0].number == 1)
        #expect(cells[0].firstCodeLine == 6)
        #expect(cells[0].code == "#| timeout: 2s\n#| check: false\nx = 1\nx + 1\n")
        #expect(cells[0].options == CellOptions(timeout: 2, expectError: false, check: false))
        #expect(cells[1].options.expectError)
        #expect(cells[1].firstCodeLine == 29)
        let attachment = try #require(notebook.attachment(ofCell: 1))
        #expect(attachment.output == "2\n")
        #expect(attachment.figures == ["nb.out/cell-1-1.svg"])
        #expect(attachment.line == 12)
        #expect(notebook.attachment(ofCell: 2) == nil)
    }

    @Test func unterminatedFenceNamesItsLine() {
        let text = "# T\n\n```quire\nx = 1\n\nmore prose\n"
        #expect {
            try NotebookParser.parse(text, path: "bad.md")
        } throws: { error in
            let e = error as! NotebookError
            return e.line == 3 && e.path == "bad.md" && e.message.contains("never closed") && e.render().contains("bad.md:3")
        }
    }

    @Test func unterminatedOutputBlockIsAnError() {
        #expect(throws: NotebookError.self) {
            try NotebookParser.parse("```quire\nx\n```\n\n```output\n1\n", path: "bad.md")
        }
    }

    @Test func unknownOptionNamesItsLineAndSuggests() {
        let text = "intro\n\n```quire\n#| timout: 3s\nx = 1\n```\n"
        #expect {
            try NotebookParser.parse(text, path: "bad.md")
        } throws: { error in
            let e = error as! NotebookError
            return e.line == 4 && e.message == "unknown cell option \"timout\"" && (e.hint ?? "").contains("did you mean \"timeout\"")
        }
    }

    @Test(arguments: ["#| timeout: soon", "#| timeout: -3s", "#| check: maybe", "#| expect-error: perhaps"])
    func badOptionValuesAreErrors(_ line: String) {
        #expect {
            try NotebookParser.parse("```quire\n\(line)\nx\n```\n", path: "bad.md")
        } throws: { error in
            (error as! NotebookError).line == 2
        }
    }

    @Test func optionsOnlyAtTheTopOfACell() throws {
        let notebook = try NotebookParser.parse("```quire\nx = 1\n#| whatever\n```\n", path: "nb.md")
        #expect(notebook.cells[0].options == CellOptions())
    }

    @Test func durations() {
        #expect(parseDuration("10s") == 10)
        #expect(parseDuration("500ms") == 0.5)
        #expect(parseDuration("2m") == 120)
        #expect(parseDuration("1.5") == 1.5)
        #expect(parseDuration("0s") == nil)
        #expect(parseDuration("ten") == nil)
    }

    @Test func outputFolderIsNamedAfterTheNotebook() throws {
        #expect(try NotebookParser.parse("", path: "notebooks/01-mobile.md").outputFolderName == "01-mobile.out")
    }
}

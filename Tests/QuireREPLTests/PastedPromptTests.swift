import Testing

@testable import QuireREPL

@Suite struct PastedPromptTests {
    @Test(arguments: [
        (">>> x = 1", "x = 1"),
        ("... y = 2", "y = 2"),
        ("quire> df.head()", "df.head()"),
        ("   ... }", "}"),
        ("In [3]: model.fit(X, y)", "model.fit(X, y)"),
        ("In [12]:", ""),
        ("   ...:     print(i)", "    print(i)"),
        (">>>     indented", "    indented"),
        (">>>", ""),
        ("...", ""),
    ])
    func stripsTutorialPrompts(line: String, code: String) {
        #expect(PastedPrompt.strip(line) == code)
    }

    @Test(arguments: [
        "x = 1",
        "    y = 2",
        "...x",
        ">>>x",
        "In [a]: x",
        "In [3] x",
        "print(\">>> \")",
        "",
    ])
    func leavesOtherLinesAlone(line: String) {
        #expect(PastedPrompt.strip(line) == line)
    }
}

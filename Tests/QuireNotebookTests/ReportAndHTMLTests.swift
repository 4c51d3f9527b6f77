import Foundation
import Testing

@testable import QuireNotebook

@Suite struct ReportTests {
    @Test func theReportIsWrittenEvenWhenACellFails() throws {
        let text =
            "```quire\nprint(\"one\")\n```\n\n```quire\n#| expect-error\nnope\n```\n\n```quire\n#| timeout: 100ms\nwhile true {}\n```\n\n```quire\n1\n```\n"
        let path = try writeNotebook(text, name: "journal.md")
        let report = path + ".json"
        let outcome = runCommand(path, RunSettings(reportPath: report))
        #expect(outcome.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        #expect(json["status"] as? String == "failed")
        let cells = try #require(json["cells"] as? [[String: Any]])
        #expect(cells.map { $0["status"] as? String } == ["ok", "expected-error", "timeout", "skipped"])
        #expect(cells[0]["output"] as? String == "one\n")
        #expect((cells[0]["duration"] as? Double).map { $0 >= 0 } == true)
        let error = try #require(cells[2]["error"] as? [String: Any])
        #expect(error["line"] as? Int == 12)
        // A timeout points at the loop that was running.
        #expect(error["column"] as? Int == 7)
        #expect((error["message"] as? String)?.contains("time limit") == true)
        #expect(cells[3]["error"] == nil)
    }

    @Test func anInvalidNotebookStillGetsAReport() throws {
        let path = try writeNotebook("```quire\n#| colour: red\n```\n")
        let report = path + ".json"
        #expect(runCommand(path, RunSettings(reportPath: report)).status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        #expect(json["status"] as? String == "invalid")
        #expect((json["error"] as? [String: Any])?["line"] as? Int == 2)
    }
}

@Suite struct HTMLTests {
    let text = """
        # Prices & <tags>

        Some *emphasis*, **strong**, `code`, a [link](https://example.org) and snake_case_names.

        - one
        - two

        | a | b |
        |---|--:|
        | 1 | 2 |

        ```quire
        # a comment
        x = 42
        print(f"x is {x}")
        table
        ```

        ```quire
        figure
        ```

        ```quire
        #| expect-error
        1 + "a"
        ```

        ```quire
        "<b>" + nope
        ```

        ```quire
        print("not run")
        ```
        """

    @Test func thePageIsWrittenEvenWhenACellFailsAndShowsEverything() throws {
        let path = try writeNotebook(text, name: "page.md")
        let outcome = runCommand(path, RunSettings(html: true))
        #expect(outcome.status == 1)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let html = read(folder + "/page.out/index.html")
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(html.contains("<title>Prices &amp; &lt;tags&gt;</title>"))
        #expect(html.contains("<h1 id=\"prices-tags\">Prices &amp; &lt;tags&gt;</h1>"))
        #expect(
            html.contains(
                "<em>emphasis</em>, <strong>strong</strong>, <code>code</code>, a <a href=\"https://example.org\">link</a> and snake_case_names."
            ))
        #expect(html.contains("<ul>\n<li>one</li>\n<li>two</li>\n</ul>"))
        #expect(html.contains("<th>a</th><th style=\"text-align:right\">b</th>"))
        #expect(html.contains("<span class=\"com\"># a comment</span>"))
        #expect(html.contains("<span class=\"num\">42</span>"))
        #expect(html.contains("<span class=\"call\">print</span>(<span class=\"str\">f&quot;x is {x}&quot;</span>)"))
        #expect(html.contains("<pre class=\"out\">x is 42\n</pre>"))
        #expect(html.contains("<table class=\"dataframe\">"))
        #expect(html.contains("src=\"data:image/svg+xml;base64,"))
        #expect(html.contains("class=\"cell expected-error\""))
        #expect(html.contains("<pre class=\"err\">error: name &quot;nope&quot; is not defined"))
        #expect(html.contains("class=\"cell skipped\""))
        #expect(html.contains("not run"))
        #expect(!html.contains("http://") && !html.contains("<link") && !html.contains("<script"))
    }
}

@Suite struct MarkdownTests {
    let renderer = MarkdownRenderer()

    @Test func escapesHTMLEverywhere() {
        #expect(renderer.render("a <script> & \"b\"") == "<p>a &lt;script&gt; &amp; &quot;b&quot;</p>\n")
        #expect(renderer.render("`<i>`") == "<p><code>&lt;i&gt;</code></p>\n")
        #expect(renderer.render("```\n<x>\n```\n") == "<pre class=\"prose-code\"><code>&lt;x&gt;</code></pre>\n")
    }

    @Test func blocks() {
        #expect(renderer.render("## Two\ntext\nmore") == "<h2 id=\"two\">Two</h2>\n<p>text\nmore</p>\n")
        #expect(renderer.render("1. a\n2. b\n") == "<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n")
        #expect(renderer.render("> quoted") == "<blockquote>\n<p>quoted</p>\n</blockquote>\n")
        #expect(renderer.render("---") == "<hr>\n")
        #expect(renderer.render("![a plot](p.svg)") == "<p><img src=\"p.svg\" alt=\"a plot\"></p>\n")
    }

    @Test func inlineEdgeCases() {
        #expect(renderer.inline("2 * 3 * 4") == "2 * 3 * 4")
        #expect(renderer.inline("a_b_c") == "a_b_c")
        #expect(renderer.inline("_it_") == "<em>it</em>")
        #expect(renderer.inline("\\*not\\*") == "*not*")
        #expect(renderer.inline("[unclosed") == "[unclosed")
    }

    @Test func highlighter() {
        #expect(
            QuireHighlighter.highlight("fn f(x) { x < 1 } # c")
                == "<span class=\"kw\">fn</span> <span class=\"call\">f</span>(x) { x &lt; <span class=\"num\">1</span> } <span class=\"com\"># c</span>"
        )
        #expect(
            QuireHighlighter.highlight("\"a # b\" true") == "<span class=\"str\">&quot;a # b&quot;</span> <span class=\"con\">true</span>")
    }
}

@Suite struct HTMLImageTests {
    @Test func localImagesInProseAreEmbeddedAndRemoteOnesLinked() throws {
        let path = try writeNotebook("![local](pic.svg) ![remote](https://example.org/p.png) ![gone](nothere.png)\n", name: "img.md")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try TestFigure().write(toPath: folder + "/pic.svg")
        #expect(runCommand(path, RunSettings(html: true)).status == 0)
        let html = read(folder + "/img.out/index.html")
        #expect(html.contains("<img src=\"data:image/svg+xml;base64,"))
        #expect(html.contains("<img src=\"https://example.org/p.png\" alt=\"remote\">"))
        #expect(html.contains("<img src=\"../nothere.png\" alt=\"gone\">"))
    }
}

@Suite struct CommandTimeoutTests {
    @Test func theTimeoutSettingStopsEveryCell() throws {
        let path = try writeNotebook("```quire\nn = 0\nwhile true { n = n + 1 }\n```\n", name: "forever.md")
        let outcome = runCommand(path, RunSettings(timeout: 0.2))
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("cell 1 ran longer than its time limit of 200ms"))
        // A timeout points at the loop that was running.
        #expect(outcome.errors.contains("forever.md:3:7 (cell 1)"))
    }
}

@Suite struct MarkdownListTests {
    let renderer = MarkdownRenderer()

    @Test func tightItemsWithContinuationLinesStayInline() {
        #expect(renderer.render("- one\n  more\n- two\n") == "<ul>\n<li>one\nmore</li>\n<li>two</li>\n</ul>\n")
    }

    @Test func nestedListsAndLooseItems() {
        #expect(renderer.render("- a\n  - b\n") == "<ul>\n<li><p>a</p>\n<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>\n")
        #expect(renderer.render("- a\n\n  second paragraph\n") == "<ul>\n<li><p>a</p>\n<p>second paragraph</p>\n</li>\n</ul>\n")
    }
}

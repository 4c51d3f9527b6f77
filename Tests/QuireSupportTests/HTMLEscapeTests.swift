import Testing

@testable import QuireSupport

@Suite struct HTMLEscapeTests {
    @Test func escapesTheFourCharactersThatEndTextOrAnAttribute() {
        #expect(HTMLEscape.escape("a < b && c > \"d\" 'e'") == "a &lt; b &amp;&amp; c &gt; &quot;d&quot; 'e'")
        #expect(HTMLEscape.escape("\" onmouseover=\"x") == "&quot; onmouseover=&quot;x")
        #expect(HTMLEscape.escape("café 🎉") == "café 🎉")
    }

    @Test func replacesEveryScalarOfTheTable() {
        #expect(TextEscape.replacing("a\r\nb\t", ["\t": "\\t", "\n": "\\n", "\r": "\\r"]) == "a\\r\\nb\\t")
        #expect(TextEscape.replacing("plain", [:]) == "plain")
    }
}

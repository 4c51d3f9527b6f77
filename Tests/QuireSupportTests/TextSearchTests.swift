import QuireSupport
import Testing

/// The expected values are Python 3.11's `str.split`, `str.count` and `str.find` on the same text.
@Suite("searching text as UTF-8 bytes")
struct TextSearchTests {
    @Test func splitsAsPythonDoes() {
        #expect(TextSearch.split("a,b,,c", on: ",") == ["a", "b", "", "c"])
        #expect(TextSearch.split(",a,", on: ",") == ["", "a", ""])
        #expect(TextSearch.split("", on: ",") == [""])
        #expect(TextSearch.split("abc", on: ",") == ["abc"])
        #expect(TextSearch.split("ab<->cd<->", on: "<->") == ["ab", "cd", ""])
        #expect(TextSearch.split("<-<->", on: "<->") == ["<-", ""])
        #expect(TextSearch.split("a,b,c", on: ",", limit: 1) == ["a", "b,c"])
        #expect(TextSearch.split("a,b,c", on: ",", limit: 0) == ["a,b,c"])
    }

    @Test func comparesCodePointsNotCharacters() {
        // "é" written as e + a combining accent: Python splits between the two code points.
        #expect(TextSearch.split("e\u{301}", on: "e") == ["", "\u{301}"])
        // A flag is two regional-indicator code points; Python finds the first alone.
        #expect(TextSearch.split("a🇫🇷b", on: "🇫") == ["a", "🇷b"])
        #expect(TextSearch.split("naïve café", on: "é") == ["naïve caf", ""])
        #expect(TextSearch.count(of: "é", in: "été") == 2)
    }

    @Test func countsWithoutOverlap() {
        #expect(TextSearch.count(of: "a", in: "banana") == 3)
        #expect(TextSearch.count(of: "aa", in: "aaaa") == 2)
        #expect(TextSearch.count(of: "aa", in: "aaa") == 1)
        #expect(TextSearch.count(of: "x", in: "") == 0)
        #expect(TextSearch.count(of: "", in: "abc") == 0)
    }

    @Test func findsOffsets() {
        let hay = Array("hello world".utf8)
        func find(_ needle: String, from: Int = 0) -> Int? {
            let pin = Array(needle.utf8)
            return hay.withUnsafeBufferPointer { h in pin.withUnsafeBufferPointer { TextSearch.firstOffset(of: $0, in: h, from: from) } }
        }
        #expect(find("o") == 4)
        #expect(find("o", from: 5) == 7)
        #expect(find("world") == 6)
        #expect(find("worlds") == nil)
        #expect(find("d", from: 10) == 10)
        #expect(find("d", from: 11) == nil)
        #expect(find("") == 0)
        #expect(find("", from: 11) == 11)
        #expect(find("", from: 12) == nil)
        #expect(find("hello world!") == nil)
    }
}

import Foundation
import Testing

@testable import QuireText

/// Expected ids: Hugging Face's BertTokenizer for all-MiniLM-L6-v2 (transformers 5.24, the one
/// sentence-transformers uses), made by Tests/Fixtures/reference/text/make_tokenizer_cases.py.
@Suite struct TokenizerTests {
    static let tokenizer = try! WordPieceTokenizer(vocabularyFile: TextTestData.vocabularyPath)

    @Test func hardCasesMatchHuggingFace() throws {
        let cases = try #require(try TextTestData.json("tokenizer_cases.json")["cases"] as? [[String: Any]])
        #expect(cases.count >= 30)
        for c in cases {
            let text = try #require(c["text"] as? String)
            let expected = try #require(c["ids"] as? [Int])
            let got = Self.tokenizer.encode(text, maxLength: 256).ids
            #expect(got == expected, "\(text.debugDescription): \(got.map { Self.tokenizer.tokens[$0] }) vs \(expected.map { Self.tokenizer.tokens[$0] })")
        }
    }

    @Test func amazonSentencesMatchSentenceTransformers() throws {
        let reference = try TextTestData.json("minilm_reference.json")
        let texts = try #require(reference["texts"] as? [String])
        let ids = try #require(reference["token_ids"] as? [[Int]])
        #expect(texts.count == 40)
        for (text, expected) in zip(texts, ids) {
            #expect(Self.tokenizer.encode(text, maxLength: 256).ids == expected, "\(text)")
        }
    }

    @Test func truncatesToTheLimitAndSaysSo() {
        let long = Array(repeating: "word", count: 300).joined(separator: " ")
        let (ids, truncated) = Self.tokenizer.encode(long, maxLength: 256)
        #expect(truncated)
        #expect(ids.count == 256)
        #expect(ids.first == Self.tokenizer.clsID && ids.last == Self.tokenizer.sepID)
        let short = Self.tokenizer.encode("a short one", maxLength: 256)
        #expect(!short.truncated)
        #expect(short.ids.count == 5)
    }

    @Test func emptyAndControlOnlyTextsGiveOnlyTheMarkers() {
        #expect(Self.tokenizer.encode("", maxLength: 256).ids == [101, 102])
        #expect(Self.tokenizer.encode("\u{0}\u{7}\u{FFFD} \t\n", maxLength: 256).ids == [101, 102])
    }

    @Test func wordsOverAHundredCharactersAreUnknown() {
        #expect(Self.tokenizer.pieces(String(repeating: "a", count: 101)) == [Self.tokenizer.unknownID])
        #expect(Self.tokenizer.pieces(String(repeating: "a", count: 100)) != [Self.tokenizer.unknownID])
    }

    @Test func aVocabularyWithoutUnknownIsAnError() {
        #expect(throws: TextModelError.missingToken(path: "v.txt", token: "[UNK]")) {
            try WordPieceTokenizer(vocabulary: ["[PAD]", "[CLS]", "[SEP]", "hello"], path: "v.txt")
        }
        #expect(throws: TextModelError.missingToken(path: "v.txt", token: "[SEP]")) {
            try WordPieceTokenizer(vocabulary: ["[PAD]", "[UNK]", "[CLS]", "hello"], path: "v.txt")
        }
    }

    @Test func canonicallyEquivalentTokensStayApart() throws {
        // "é" precomposed and decomposed are equal Swift strings but distinct BERT tokens.
        let t = try WordPieceTokenizer(vocabulary: ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "caf\u{E9}", "cafe\u{301}", "cafe"], lowercase: false)
        #expect(t.pieces("caf\u{E9}") == [4])
        #expect(t.pieces("cafe\u{301}") == [5])
        #expect(t.pieces("cafe") == [6])
    }

    @Test func aMissingVocabularyFileIsAnError() {
        #expect(throws: TextModelError.unreadable(path: "/nonexistent/vocab.txt", reason: "no such file")) {
            try WordPieceTokenizer(vocabularyFile: "/nonexistent/vocab.txt")
        }
    }
}

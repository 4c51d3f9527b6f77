import Foundation

/// BERT's tokenizer: the BasicTokenizer (clean the text, split CJK ideographs, lower-case and
/// strip accents, split on whitespace and punctuation) followed by the WordpieceTokenizer
/// (greedy longest-match-first against the vocabulary, `##` for pieces inside a word, `[UNK]` for
/// a word that cannot be split or is longer than 100 characters), with `[CLS]` and `[SEP]`
/// around the pieces. Characters are Unicode scalars, as Python's are code points.
public struct WordPieceTokenizer: Sendable {
    /// Token text of each id.
    public let tokens: [String]
    /// Id of each token, keyed by its UTF-8 bytes (Swift's `String` equality would merge
    /// canonically equivalent tokens, which the vocabulary keeps apart).
    let ids: [[UInt8]: Int]
    public let lowercase: Bool
    public let unknownID: Int
    public let clsID: Int
    public let sepID: Int
    public let padID: Int
    /// Words longer than this (in characters) become `[UNK]`.
    public let maxCharactersPerWord = 100

    /// A tokenizer over `vocabulary` (one token per line, the line number is its id).
    /// `path` names the file in errors.
    public init(vocabulary: [String], lowercase: Bool = true, path: String = "vocab.txt") throws(TextModelError) {
        var ids: [[UInt8]: Int] = [:]
        for (i, token) in vocabulary.enumerated() { ids[Array(token.utf8)] = i }  // a repeated token: the last line wins, as in BERT
        func id(_ token: String) throws(TextModelError) -> Int {
            guard let i = ids[Array(token.utf8)] else { throw .missingToken(path: path, token: token) }
            return i
        }
        self.tokens = vocabulary
        self.ids = ids
        self.lowercase = lowercase
        unknownID = try id("[UNK]")
        clsID = try id("[CLS]")
        sepID = try id("[SEP]")
        padID = try id("[PAD]")
    }

    /// Reads `vocab.txt` (UTF-8, one token per line).
    public init(vocabularyFile path: String, lowercase: Bool = true) throws(TextModelError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .unreadable(path: path, reason: "it is not UTF-8 text") }
        var lines = text.components(separatedBy: "\n").map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
        if lines.last == "" { lines.removeLast() }
        // BERT strips each line; the vocabularies hold no token with surrounding spaces.
        lines = lines.map { $0.trimmingCharacters(in: .whitespaces) }
        try self.init(vocabulary: lines, lowercase: lowercase, path: path)
    }

    /// The word pieces of `text`, without `[CLS]`/`[SEP]` and without truncation.
    public func pieces(_ text: String) -> [Int] {
        var out: [Int] = []
        for word in basicTokens(text) { wordPieces(word, into: &out) }
        return out
    }

    /// The ids the model reads: `[CLS]`, the pieces (at most `maxLength - 2` of them), `[SEP]`.
    /// `truncated` says whether pieces were dropped.
    public func encode(_ text: String, maxLength: Int) -> (ids: [Int], truncated: Bool) {
        var p = pieces(text)
        let room = max(0, maxLength - 2)
        let truncated = p.count > room
        if truncated { p.removeLast(p.count - room) }
        return ([clsID] + p + [sepID], truncated)
    }

    // MARK: - BasicTokenizer

    /// The words after cleaning, CJK splitting, lower-casing, accent stripping and punctuation splitting.
    public func basicTokens(_ text: String) -> [String] {
        // Clean: drop NUL, U+FFFD and control characters; every whitespace becomes a space.
        // CJK ideographs get a space on each side, so that each is a word.
        var cleaned = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if s.value == 0 || s.value == 0xFFFD || Self.isControl(s) { continue }
            if Self.isWhitespace(s) {
                cleaned.append(" ")
            } else if Self.isCJK(s.value) {
                cleaned.append(" ")
                cleaned.append(s)
                cleaned.append(" ")
            } else {
                cleaned.append(s)
            }
        }
        var words: [String] = []
        for token in String(cleaned).split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(token)
            if lowercase {
                word = Self.stripAccents(word.lowercased())
            }
            // Split on punctuation: each punctuation character is a word of its own.
            var current = String.UnicodeScalarView()
            for s in word.unicodeScalars {
                if Self.isPunctuation(s) {
                    if !current.isEmpty { words.append(String(current)); current = .init() }
                    words.append(String(s))
                } else {
                    current.append(s)
                }
            }
            if !current.isEmpty { words.append(String(current)) }
        }
        return words
    }

    /// NFD, then without the nonspacing marks (category Mn).
    static func stripAccents(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.decomposedStringWithCanonicalMapping.unicodeScalars where s.properties.generalCategory != .nonspacingMark {
            out.append(s)
        }
        return String(out)
    }

    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        if s == " " || s == "\t" || s == "\n" || s == "\r" { return true }
        return s.properties.generalCategory == .spaceSeparator
    }

    /// Control characters (categories Cc, Cf, Cn, Co, Cs), except tab, newline and carriage return (whitespace).
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        if s == "\t" || s == "\n" || s == "\r" { return false }
        switch s.properties.generalCategory {
        case .control, .format, .unassigned, .privateUse, .surrogate: return true
        default: return false
        }
    }

    /// BERT's punctuation: every non-letter, non-number ASCII symbol, and Unicode's P* categories.
    static func isPunctuation(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v) || (123...126).contains(v) { return true }
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default: return false
        }
    }

    /// The CJK Unified Ideographs blocks (not Hangul, Hiragana or Katakana), as BERT defines them.
    static func isCJK(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x2A6DF).contains(v)
            || (0x2A700...0x2B73F).contains(v) || (0x2B740...0x2B81F).contains(v) || (0x2B820...0x2CEAF).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0x2F800...0x2FA1F).contains(v)
    }

    // MARK: - WordpieceTokenizer

    /// Greedy longest-match-first: the longest prefix in the vocabulary, then the longest
    /// `##`-prefixed piece of the rest, and so on; `[UNK]` for the whole word when a rest has no
    /// piece, or when the word is longer than `maxCharactersPerWord`.
    func wordPieces(_ word: String, into out: inout [Int]) {
        let scalars = Array(word.unicodeScalars)
        if scalars.count > maxCharactersPerWord {
            out.append(unknownID)
            return
        }
        // UTF-8 bytes of each scalar, so that candidate pieces are byte slices.
        var offsets: [Int] = [0]
        var bytes: [UInt8] = []
        for s in scalars {
            bytes.append(contentsOf: String(s).utf8)
            offsets.append(bytes.count)
        }
        var found: [Int] = []
        var start = 0
        while start < scalars.count {
            var end = scalars.count
            var match: Int?
            while start < end {
                var key: [UInt8] = start > 0 ? [35, 35] : []  // "##"
                key.append(contentsOf: bytes[offsets[start]..<offsets[end]])
                if let id = ids[key] {
                    match = id
                    break
                }
                end -= 1
            }
            guard let id = match else {
                out.append(unknownID)
                return
            }
            found.append(id)
            start = end
        }
        out.append(contentsOf: found)
    }
}

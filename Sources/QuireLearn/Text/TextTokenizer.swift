import Foundation

/// What went wrong with text features, as data; the language words it.
public enum TextError: Error, Equatable, Sendable {
    /// No token survived (scikit-learn: "empty vocabulary; perhaps the documents only contain stop words").
    case emptyVocabulary
    /// min_df and max_df leave nothing (scikit-learn: "After pruning, no terms remain...").
    case noTermsRemain
    /// max_df, as a count of documents, is below min_df.
    case maxDFBelowMinDF(maxCount: Double, minCount: Double)
    /// ngram_range's lower bound is above its upper bound, or below 1.
    case badNgramRange(Int, Int)
    /// A token pattern that the regular-expression engine refuses.
    case badTokenPattern(String, reason: String)
    /// A token pattern with more than one capturing group.
    case tooManyGroups(String)
    /// transform, idf or the vocabulary were asked for before fit.
    case notFitted(String)
    /// Negative counts given to a naive Bayes model (it needs counts or frequencies).
    case negativeValue(model: String, row: Int, column: Int)
}

/// Splits text into tokens as scikit-learn's default analyzer does: optional lower-casing, then
/// every match of `token_pattern` (the whole match, or its one capturing group).
///
/// The default pattern `(?u)\b\w\w+\b` runs natively with Python `re`'s Unicode meaning of `\w`
/// (a letter of category L*, a character with a numeric value, or `_`) and of `\b`: a token is a
/// maximal run of two or more word characters. Any other pattern runs on Foundation's
/// NSRegularExpression (ICU), whose `\w` also counts combining marks and connector punctuation
/// and whose `\b` follows Unicode word boundaries: patterns without `\w`/`\b` give Python's tokens.
public struct TextTokenizer: @unchecked Sendable {
    public static let defaultPattern = #"(?u)\b\w\w+\b"#

    public let pattern: String
    public let lowercase: Bool
    /// nil for the default pattern (native); the compiled expression otherwise.
    private let regex: NSRegularExpression?
    private let usesGroup: Bool

    public init(pattern: String = TextTokenizer.defaultPattern, lowercase: Bool = true) throws {
        self.pattern = pattern
        self.lowercase = lowercase
        if pattern == Self.defaultPattern || pattern == #"\b\w\w+\b"# {
            regex = nil
            usesGroup = false
            return
        }
        // Python's (?u) flag (Unicode matching) is ICU's default and not a flag ICU knows.
        var icu = pattern
        while icu.hasPrefix("(?u)") { icu.removeFirst(4) }
        do {
            regex = try NSRegularExpression(pattern: icu)
        } catch {
            throw TextError.badTokenPattern(pattern, reason: "it is not a valid regular expression")
        }
        guard regex!.numberOfCaptureGroups <= 1 else { throw TextError.tooManyGroups(pattern) }
        usesGroup = regex!.numberOfCaptureGroups == 1
    }

    /// The tokens of one text, in order.
    public func tokens(_ text: String) -> [String] {
        let text = lowercase ? Self.lower(text) : text
        guard let regex else { return Self.wordRuns(text) }
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            let r = usesGroup ? m.range(at: 1) : m.range
            return r.location == NSNotFound ? "" : ns.substring(with: r)
        }
    }

    /// Python's `str.lower()`: each character's full lower-case mapping.
    static func lower(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            guard text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return text }
            return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars { out.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars) }
        return String(out)
    }

    /// Maximal runs of two or more word characters: `\b\w\w+\b` with Python's `\w`.
    static func wordRuns(_ text: String) -> [String] {
        var out: [String] = []
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var length = 0
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let s = scalars[i]
            if isWord(s) {
                if length == 0 { start = i }
                length += 1
            } else {
                if length >= 2 { out.append(String(scalars[start..<i])) }
                length = 0
            }
            i = scalars.index(after: i)
        }
        if length >= 2 { out.append(String(scalars[start..<scalars.endIndex])) }
        return out
    }

    /// ASCII word characters, looked up by byte.
    private static let asciiWord: [Bool] = (0..<128).map { b in
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
    }

    /// Python `re`'s Unicode `\w`: `str.isalnum()` (letters Lu, Ll, Lt, Lm, Lo; decimal digits,
    /// digits, numerics) or the underscore.
    @inline(__always) static func isWord(_ s: Unicode.Scalar) -> Bool {
        if s.value < 128 { return asciiWord[Int(s.value)] }
        let p = s.properties
        switch p.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return p.numericType != nil
        }
    }
}

import QuireSupport

/// A pattern the `str` methods search for: literal text (compared as UTF-8 bytes, fast) or a
/// regular expression (Swift's regex engine, on code points as Python's `re`). A "regular
/// expression" without any special character is searched as literal text: same result, faster.
struct TextMatcher {
    /// The characters that make a pattern more than literal text in Python's `re`.
    private static let special = Set("\\.^$*+?{}[]|()".unicodeScalars)

    private let literal: [UInt8]?
    /// The literal pattern as text, for `TextSearch.split`.
    private let literalText: String?
    private let regex: Regex<AnyRegexOutput>?
    private let caseSensitive: Bool

    init(_ pattern: String, regex useRegex: Bool, caseSensitive: Bool) throws {
        self.caseSensitive = caseSensitive
        if useRegex && pattern.unicodeScalars.contains(where: Self.special.contains) {
            do {
                var r = try Regex(pattern).matchingSemantics(.unicodeScalar)
                if !caseSensitive { r = r.ignoresCase() }
                regex = r
            } catch {
                throw DataError.badPattern(pattern: pattern)
            }
            literal = nil
            literalText = nil
        } else {
            regex = nil
            let text = caseSensitive ? pattern : pattern.uppercased()
            literal = Array(text.utf8)
            literalText = text
        }
    }

    var isEmptyPattern: Bool { literal?.isEmpty == true }

    /// Whether the pattern occurs anywhere in `s` (Python's `re.search`).
    func occurs(in s: String) -> Bool {
        if let regex { return (try? regex.firstMatch(in: s)) != nil }
        let text = caseSensitive ? s : s.uppercased()
        var text2 = text
        return text2.withUTF8 { bytes in literal!.withUnsafeBufferPointer { TextSearch.firstOffset(of: $0, in: bytes, from: 0) != nil } }
    }

    /// `s` with the first `count` occurrences (all when negative) replaced by `replacement`.
    func replacing(in s: String, with replacement: String, count: Int) -> String {
        if count == 0 { return s }
        if let regex {
            return count < 0 ? s.replacing(regex, with: replacement) : s.replacing(regex, with: replacement, maxReplacements: count)
        }
        var out: [UInt8] = []
        var changed = false
        var s2 = s
        let folded = caseSensitive ? nil : Array(s.uppercased().utf8)
        s2.withUTF8 { bytes in
            // A case-blind search needs upper-cased text of the same length to cut the original.
            if let folded, folded.count != bytes.count { return }
            let needle = literal!
            var start = 0, done = 0
            while count < 0 || done < count {
                let found: Int? = needle.withUnsafeBufferPointer { pin in
                    folded.map { f in f.withUnsafeBufferPointer { TextSearch.firstOffset(of: pin, in: $0, from: start) } }
                        ?? TextSearch.firstOffset(of: pin, in: bytes, from: start)
                }
                guard let at = found else { break }
                out.append(contentsOf: bytes[start..<at])
                out.append(contentsOf: replacement.utf8)
                done += 1
                changed = true
                if needle.isEmpty {
                    // Python inserts the replacement between every character, and at both ends.
                    if at < bytes.count { out.append(bytes[at]) }
                    start = at + 1
                    if start > bytes.count { break }
                } else {
                    start = at + needle.count
                }
            }
            if start <= bytes.count { out.append(contentsOf: bytes[start...]) }
        }
        return changed ? String(decoding: out, as: UTF8.self) : s
    }

    /// The parts of `s` between occurrences, splitting at most `limit` times when not negative.
    func split(_ s: String, limit: Int) -> [String] {
        if let regex {
            return s.split(separator: regex, maxSplits: limit < 0 ? Int.max : limit, omittingEmptySubsequences: false).map(String.init)
        }
        return TextSearch.split(s, on: literalText!, limit: limit)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Searching text as UTF-8 bytes. Python's `str.find`, `split` and `count` compare code points,
/// and on UTF-8 that is comparing bytes: no code point's encoding starts inside another's, so a
/// byte match is a code point match (Foundation's string search compares characters instead,
/// and is several times slower).
public enum TextSearch {
    /// The first offset at or after `from` where `needle` starts in `haystack`; an empty needle
    /// is found at `from` itself (when `from` is within the haystack or at its end).
    public static func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let n = needle.count, h = haystack.count
        guard from >= 0, from <= h else { return nil }
        if n == 0 { return from }
        guard h - from >= n, let hay = haystack.baseAddress, let pin = needle.baseAddress else { return nil }
        let first = Int32(pin[0])
        var i = from
        let last = h - n
        while i <= last {
            // The first byte by memchr (vectorised), the rest compared where it is found.
            guard let hit = memchr(hay + i, first, last - i + 1) else { return nil }
            let at = hay.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if n == 1 || memcmp(hay + at + 1, pin + 1, n - 1) == 0 { return at }
            i = at + 1
        }
        return nil
    }

    /// The parts of `text` between occurrences of `separator`, splitting at most `limit` times
    /// when `limit` is not negative: Python's `text.split(separator, limit)`. An empty separator
    /// (an error in Python, refused by the callers) leaves the text whole.
    public static func split(_ text: String, on separator: String, limit: Int = -1) -> [String] {
        var text = text, separator = separator
        return text.withUTF8 { bytes in
            separator.withUTF8 { needle in
                var parts: [String] = []
                var start = 0
                while !needle.isEmpty, limit < 0 || parts.count < limit, let at = firstOffset(of: needle, in: bytes, from: start) {
                    parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self))
                    start = at + needle.count
                }
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
                return parts
            }
        }
    }

    /// How many times `needle` (not empty) occurs in `text` without overlapping: Python's
    /// `text.count(needle)`.
    public static func count(of needle: String, in text: String) -> Int {
        var text = text, needle = needle
        return text.withUTF8 { bytes in
            needle.withUTF8 { pin in
                guard !pin.isEmpty else { return 0 }
                var found = 0
                var start = 0
                while let at = firstOffset(of: pin, in: bytes, from: start) {
                    found += 1
                    start = at + pin.count
                }
                return found
            }
        }
    }

    /// Whether `needle` occurs in `text` (Python's `needle in text`; an empty needle always does).
    public static func contains(_ needle: String, in text: String) -> Bool {
        var text = text, needle = needle
        return text.withUTF8 { bytes in needle.withUTF8 { firstOffset(of: $0, in: bytes, from: 0) != nil } }
    }

    /// The position, in code points, of the first occurrence of `needle` in `text`, or nil:
    /// Python's `text.find(needle)` (which gives -1 for nil).
    public static func find(_ needle: String, in text: String) -> Int? {
        var text = text, needle = needle
        return text.withUTF8 { bytes in
            needle.withUTF8 { pin -> Int? in
                guard let at = firstOffset(of: pin, in: bytes, from: 0) else { return nil }
                // Code points before it: the bytes that start one (not UTF-8 continuation bytes).
                var points = 0
                for b in UnsafeBufferPointer(rebasing: bytes[..<at]) where b & 0xC0 != 0x80 { points += 1 }
                return points
            }
        }
    }
}

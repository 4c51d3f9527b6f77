/// Strings as Python sees them: sequences of Unicode code points. Swift's `Character` joins an
/// accent to its letter, or two regional indicators into one flag; Python's `len`, indexing,
/// slicing and iteration count each code point, and so does Quire (`len("e\u{301}")` is 2).
public enum CodePoints {
    /// The number of code points (Python's `len`).
    public static func count(_ s: String) -> Int { s.unicodeScalars.count }

    /// Each code point as a one-code-point string (Python's `list(s)`, `for c in s`).
    public static func items(_ s: String) -> [Value] { s.unicodeScalars.map { .string(String($0)) } }

    /// The code point at `i` (not negative) as a string (Python's `s[i]`), or nil when the
    /// string is shorter.
    public static func at(_ s: String, _ i: Int) -> String? {
        let scalars = s.unicodeScalars
        guard i >= 0, let at = scalars.index(scalars.startIndex, offsetBy: i, limitedBy: scalars.endIndex), at != scalars.endIndex else {
            return nil
        }
        return String(scalars[at])
    }

    /// The code points at `indices`, in that order, as a string (Python's `s[a:b:c]`).
    public static func picking(_ s: String, _ indices: some Sequence<Int>) -> String {
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        for i in indices { out.append(scalars[i]) }
        return String(out)
    }
}

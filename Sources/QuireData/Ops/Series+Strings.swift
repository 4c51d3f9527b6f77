import QuireSupport

/// pandas' `Series.str` methods: element-wise text operations on a string column, each keeping
/// missing values missing (or, for the tests that give bools, turning them into `na`).
///
/// Positions and lengths count Unicode code points, as Python's `str` does (not Swift's
/// grapheme clusters), and literal searches compare UTF-8 bytes, which for code points is the same.
extension Series {
    /// The strings and which are present; throws for a column that does not hold text
    /// (pandas: "Can only use .str accessor with string values").
    public func texts() throws -> (values: [String], validity: Bitmap?) {
        guard case .string(let v) = column.storage else { throw DataError.notText(column: name, type: column.type) }
        return (v, column.validity)
    }

    /// Each present string through `transform`; missing values stay missing.
    public func mapTexts(_ transform: (String) throws -> String) throws -> Series {
        let (values, validity) = try texts()
        var out = [String]()
        out.reserveCapacity(values.count)
        for (i, s) in values.enumerated() {
            out.append(validity?[i] == false ? s : try transform(s))
            if i & 0xFFF == 0 { try Cancellation.check() }
        }
        return Series(name: name, column: Column(string: out, validity: validity), index: index)
    }

    /// One bool per string from `test`; a missing value gives `na` (false by default, as pandas 3's
    /// str dtype), or stays missing when `na` is `.missing`.
    public func testTexts(na: Scalar = .bool(false), _ test: (String) throws -> Bool) throws -> Series {
        let (values, validity) = try texts()
        var out = [Bool](repeating: false, count: values.count)
        var outValidity: Bitmap? = nil
        for (i, s) in values.enumerated() {
            if validity?[i] == false {
                switch na {
                case .bool(let b): out[i] = b
                default:
                    if outValidity == nil { outValidity = Bitmap(count: values.count) }
                    outValidity?[i] = false
                }
            } else {
                out[i] = try test(s)
            }
            if i & 0xFFF == 0 { try Cancellation.check() }
        }
        return Series(name: name, column: Column(.bool(out), validity: outValidity), index: index)
    }

    /// `str.lower()`.
    public func strLower() throws -> Series { try mapTexts { $0.lowercased() } }
    /// `str.upper()`.
    public func strUpper() throws -> Series { try mapTexts { $0.uppercased() } }

    /// `str.len()`: code points per string; int64, or float64 with NaN when some are missing.
    public func strLength() throws -> Series {
        let (values, validity) = try texts()
        if let validity {
            let lengths = values.indices.map { validity[$0] ? Double(values[$0].unicodeScalars.count) : .nan }
            return Series(name: name, column: Column(float64: lengths), index: index)
        }
        return Series(name: name, column: Column(int64: values.map { Int64($0.unicodeScalars.count) }), index: index)
    }

    /// `str.contains(pat, case=, na=, regex=)`: whether the pattern (a regular expression, or
    /// literal text when `regex` is false) occurs anywhere in each string.
    public func strContains(_ pattern: String, caseSensitive: Bool = true, regex: Bool = true, na: Scalar = .bool(false)) throws -> Series {
        let matcher = try TextMatcher(pattern, regex: regex, caseSensitive: caseSensitive)
        return try testTexts(na: na) { matcher.occurs(in: $0) }
    }

    /// `str.startswith(prefix)`; several prefixes test for any of them.
    public func strStartsWith(_ prefixes: [String], na: Scalar = .bool(false)) throws -> Series {
        try testTexts(na: na) { s in prefixes.contains { s.utf8.starts(with: $0.utf8) } }
    }

    /// `str.endswith(suffix)`; several suffixes test for any of them.
    public func strEndsWith(_ suffixes: [String], na: Scalar = .bool(false)) throws -> Series {
        try testTexts(na: na) { s in suffixes.contains { s.utf8.reversed().starts(with: $0.utf8.reversed()) } }
    }

    /// `str.replace(pat, repl, n=-1, case=, regex=False)`: the first `n` occurrences (all when
    /// negative) replaced by `replacement`, taken as it is.
    public func strReplace(_ pattern: String, _ replacement: String, count n: Int = -1, caseSensitive: Bool = true, regex: Bool = false) throws -> Series {
        let matcher = try TextMatcher(pattern, regex: regex, caseSensitive: caseSensitive)
        return try mapTexts { matcher.replacing(in: $0, with: replacement, count: n) }
    }

    /// `str.strip(to_strip)`, `lstrip`, `rstrip`: white space (or the given characters) removed
    /// from the ends.
    public func strStrip(_ characters: String? = nil, leading: Bool = true, trailing: Bool = true) throws -> Series {
        let set = characters.map { Set($0.unicodeScalars) }
        let strip: (Unicode.Scalar) -> Bool = { c in set.map { $0.contains(c) } ?? c.properties.isWhitespace }
        return try mapTexts { s in
            let scalars = s.unicodeScalars
            var lo = scalars.startIndex, hi = scalars.endIndex
            if leading { while lo < hi, strip(scalars[lo]) { lo = scalars.index(after: lo) } }
            if trailing {
                while hi > lo {
                    let before = scalars.index(before: hi)
                    guard strip(scalars[before]) else { break }
                    hi = before
                }
            }
            return String(scalars[lo..<hi])
        }
    }

    /// `str.slice(start, stop, step)` and `str[a:b]`, by code points as Python slices a string.
    public func strSlice(start: Int?, stop: Int?, step: Int?) throws -> Series {
        let step = step ?? 1
        guard step != 0 else { throw DataError.zeroStep }
        return try mapTexts { s in
            if step == 1, start ?? 0 >= 0, stop ?? 0 >= 0, s.utf8.count == s.unicodeScalars.count {
                // ASCII, forward: cut bytes directly.
                let n = s.utf8.count
                let a = Swift.min(start ?? 0, n), b = Swift.max(a, Swift.min(stop ?? n, n))
                let u = s.utf8
                return String(u[u.index(u.startIndex, offsetBy: a)..<u.index(u.startIndex, offsetBy: b)]) ?? ""
            }
            let scalars = Array(s.unicodeScalars)
            var out = String.UnicodeScalarView()
            for i in pythonSlice(count: scalars.count, start: start, stop: stop, step: step) { out.append(scalars[i]) }
            return String(out)
        }
    }

    /// `str.get(i)` and `str[i]`: the code point at position `i` (negative from the end); missing
    /// where the string is shorter.
    public func strGet(_ position: Int) throws -> Series {
        let (values, validity) = try texts()
        var out = [String](repeating: "", count: values.count)
        var valid = Bitmap(count: values.count)
        for (i, s) in values.enumerated() {
            let scalars = Array(s.unicodeScalars)
            let p = position < 0 ? scalars.count + position : position
            if validity?[i] == false || p < 0 || p >= scalars.count { valid[i] = false } else { out[i] = String(scalars[p]) }
        }
        return Series(name: name, column: Column(string: out, validity: valid), index: index)
    }

    /// `str.split(pat, n)`: the parts of each string (nil for a missing one). No pattern splits on
    /// runs of white space; a one-character pattern is literal, a longer one a regular expression
    /// unless `regex` says otherwise (pandas' rule). A `limit` of 0 or less splits at every separator.
    public func strSplit(_ pattern: String?, limit: Int = -1, regex: Bool? = nil) throws -> [[String]?] {
        let (values, validity) = try texts()
        let n = limit == 0 ? -1 : limit  // pandas: "None, 0 and -1 will be interpreted as return all splits"
        let matcher = try pattern.map { p in try TextMatcher(p, regex: regex ?? (p.unicodeScalars.count > 1), caseSensitive: true) }
        if matcher?.isEmptyPattern == true { throw DataError.emptySeparator }
        var out = [[String]?]()
        out.reserveCapacity(values.count)
        for (i, s) in values.enumerated() {
            if validity?[i] == false { out.append(nil); continue }
            out.append(matcher.map { $0.split(s, limit: n) } ?? splitOnWhiteSpace(s, limit: n))
            if i & 0xFFF == 0 { try Cancellation.check() }
        }
        return out
    }

    /// `str.split(pat, expand=True)`: one column per part, named 0, 1, ...; shorter rows and
    /// missing strings are padded with missing values.
    public func strSplitExpanded(_ pattern: String?, limit n: Int = -1, regex: Bool? = nil) throws -> DataFrame {
        let parts = try strSplit(pattern, limit: n, regex: regex)
        let width = parts.reduce(0) { Swift.max($0, $1?.count ?? 0) }
        var columns: [Column] = []
        for k in 0..<width {
            let cells = parts.map { p -> String? in p.flatMap { k < $0.count ? $0[k] : nil } }
            columns.append(Column(string: cells.map { $0 ?? "" }, validity: Bitmap(cells.map { $0 != nil })))
        }
        return DataFrame(names: (0..<width).map(String.init), columns: columns, index: index)
    }
}

/// Python's `str.split()` with no separator: runs of white space separate, ends are trimmed;
/// `limit` splits at most that many times (the rest kept whole, its leading space removed).
private func splitOnWhiteSpace(_ s: String, limit: Int) -> [String] {
    var parts: [String] = []
    let scalars = s.unicodeScalars
    var i = scalars.startIndex
    while true {
        while i < scalars.endIndex, scalars[i].properties.isWhitespace { i = scalars.index(after: i) }
        if i == scalars.endIndex { break }
        if limit >= 0 && parts.count == limit {
            parts.append(String(scalars[i...]))  // Python keeps the rest's trailing space
            break
        }
        var j = i
        while j < scalars.endIndex, !scalars[j].properties.isWhitespace { j = scalars.index(after: j) }
        parts.append(String(scalars[i..<j]))
        i = j
    }
    return parts
}

/// The positions Python's `seq[start:stop:step]` takes from a sequence of `count` elements.
func pythonSlice(count: Int, start: Int?, stop: Int?, step: Int) -> StrideTo<Int> {
    func clamp(_ v: Int?, _ dflt: Int, _ lo: Int, _ hi: Int) -> Int {
        guard var v else { return dflt }
        if v < 0 { v = v < -count ? lo : count + v }  // compared first: `count + v` cannot overflow
        return Swift.min(Swift.max(v, lo), hi)
    }
    if step > 0 { return stride(from: clamp(start, 0, 0, count), to: clamp(stop, count, 0, count), by: step) }
    return stride(from: clamp(start, count - 1, -1, count - 1), to: clamp(stop, -1, -1, count - 1), by: step)
}

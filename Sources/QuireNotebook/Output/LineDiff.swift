/// A readable line diff of expected and actual output, in the unified style.
enum LineDiff {
    /// Beyond this many lines on each side the table of common subsequences grows too large
    /// (it is quadratic); such outputs are shown as all removed then all added.
    static let maxLinesCompared = 2_000
    /// Unchanged lines shown around each change.
    static let context = 2

    enum Line: Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The edit script from `old` to `new`, by longest common subsequence.
    static func lines(_ old: [String], _ new: [String]) -> [Line] {
        guard old.count <= maxLinesCompared, new.count <= maxLinesCompared else {
            return old.map(Line.removed) + new.map(Line.added)
        }
        let n = old.count
        let m = new.count
        var table = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var out: [Line] = []
        var i = 0
        var j = 0
        while i < n || j < m {
            if i < n, j < m, old[i] == new[j] {
                out.append(.same(old[i]))
                i += 1
                j += 1
            } else if i < n, j == m || table[i + 1][j] >= table[i][j + 1] {
                out.append(.removed(old[i]))
                i += 1
            } else {
                out.append(.added(new[j]))
                j += 1
            }
        }
        return out
    }

    /// The diff as text: `-` expected, `+` actual, two lines of context, `...` for gaps.
    static func render(expected: String, actual: String) -> String {
        let script = lines(splitLines(expected), splitLines(actual))
        var keep = Array(repeating: false, count: script.count)
        for (k, line) in script.enumerated() where line != .same(lineText(line)) {
            for c in max(0, k - context)...min(script.count - 1, k + context) { keep[c] = true }
        }
        var out = ""
        var skipped = false
        for (k, line) in script.enumerated() {
            guard keep[k] else {
                skipped = true
                continue
            }
            if skipped {
                out += "  ...\n"
                skipped = false
            }
            switch line {
            case .same(let t): out += "  \(t)\n"
            case .removed(let t): out += "- \(t)\n"
            case .added(let t): out += "+ \(t)\n"
            }
        }
        if skipped { out += "  ...\n" }
        return out
    }

    static func lineText(_ line: Line) -> String {
        switch line {
        case .same(let t), .removed(let t), .added(let t): t
        }
    }

    static func splitLines(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(
            String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

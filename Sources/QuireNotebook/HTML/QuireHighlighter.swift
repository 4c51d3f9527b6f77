import QuireSupport

/// Colours Quire code for HTML pages: keywords, strings, numbers, comments, called names.
enum QuireHighlighter {
    static let keywords: Set<String> = [
        "fn", "if", "else", "for", "in", "while", "return", "break", "continue", "and", "or", "not",
        "import", "assert", "global",
    ]
    static let constants: Set<String> = ["true", "false", "none"]

    /// The code as HTML, each token in a `<span class="...">` (kw, str, num, com, con, call).
    static func highlight(_ code: String) -> String {
        let chars = Array(code)
        var out = ""
        var i = 0
        func emit(_ cls: String?, _ from: Int, _ to: Int) {
            let text = HTMLEscape.escape(String(chars[from..<to]))
            out += cls.map { "<span class=\"\($0)\">\(text)</span>" } ?? text
        }
        while i < chars.count {
            let c = chars[i]
            let start = i
            if c == "#" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
                emit("com", start, i)
            } else if c == "\"" || c == "'"
                || ((c == "f" || c == "r") && i + 1 < chars.count && (chars[i + 1] == "\"" || chars[i + 1] == "'"))
            {
                i = endOfString(chars, from: c == "\"" || c == "'" ? i : i + 1)
                emit("str", start, i)
            } else if c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber) {
                while i < chars.count,
                    chars[i].isNumber || chars[i] == "." || chars[i] == "_" || chars[i] == "e"
                        || ((chars[i] == "-" || chars[i] == "+") && (chars[i - 1] == "e"))
                { i += 1 }
                emit("num", start, i)
            } else if c.isLetter || c == "_" {
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
                let word = String(chars[start..<i])
                let cls: String? =
                    keywords.contains(word) ? "kw" : constants.contains(word) ? "con" : (i < chars.count && chars[i] == "(") ? "call" : nil
                emit(cls, start, i)
            } else {
                i += 1
                emit(nil, start, i)
            }
        }
        return out
    }

    /// The index after the string literal whose opening quote is at `open`.
    static func endOfString(_ chars: [Character], from open: Int) -> Int {
        let quote = chars[open]
        let triple = open + 2 < chars.count && chars[open + 1] == quote && chars[open + 2] == quote
        var i = open + (triple ? 3 : 1)
        while i < chars.count {
            if chars[i] == "\\" {
                i += 2
                continue
            }
            if triple {
                if i + 2 < chars.count, chars[i] == quote, chars[i + 1] == quote, chars[i + 2] == quote { return i + 3 }
            } else if chars[i] == quote {
                return i + 1
            } else if chars[i] == "\n" {
                return i
            }
            i += 1
        }
        return chars.count
    }
}

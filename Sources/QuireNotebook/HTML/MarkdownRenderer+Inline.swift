import QuireSupport

extension MarkdownRenderer {
    /// Inline Markdown: code spans, images, links, strong and emphasis, escapes, line breaks.
    func inline(_ text: String) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, chars[i + 1].isPunctuation || chars[i + 1].isSymbol {
                out += HTMLEscape.escape(String(chars[i + 1]))
                i += 2
            } else if c == "`", let (html, next) = codeSpan(chars, i) {
                out += html
                i = next
            } else if c == "!", i + 1 < chars.count, chars[i + 1] == "[", let (label, target, next) = link(chars, i + 1) {
                if let source = imageSource(target) {
                    out += "<img src=\"\(HTMLEscape.escape(source))\" alt=\"\(HTMLEscape.escape(label))\">"
                } else {
                    out += "<span class=\"refused\">[image: \(HTMLEscape.escape(label))]</span>"
                }
                i = next
            } else if c == "[", let (label, target, next) = link(chars, i) {
                if let href = linkTarget(target) {
                    out += "<a href=\"\(HTMLEscape.escape(href))\">\(inline(label))</a>"
                } else {
                    out += "<span class=\"refused\">\(inline(label))</span>"
                }
                i = next
            } else if c == "*" || c == "_", let (html, next) = emphasis(chars, i) {
                out += html
                i = next
            } else if c == "\n" {
                out += "\n"
                i += 1
            } else {
                out += HTMLEscape.escape(String(c))
                i += 1
            }
        }
        return out
    }

    /// code -> "`"+ text "`"+ (the same number of backticks)
    func codeSpan(_ chars: [Character], _ start: Int) -> (String, Int)? {
        let ticks = chars[start...].prefix { $0 == "`" }.count
        var j = start + ticks
        while j < chars.count {
            if chars[j] == "`" {
                let run = chars[j...].prefix { $0 == "`" }.count
                if run == ticks {
                    var body = String(chars[(start + ticks)..<j])
                    if body.hasPrefix(" ") && body.hasSuffix(" ") && body.count > 1 { body = String(body.dropFirst().dropLast()) }
                    return ("<code>\(HTMLEscape.escape(body))</code>", j + run)
                }
                j += run
            } else {
                j += 1
            }
        }
        return nil
    }

    /// link -> "[" label "](" target ")"
    func link(_ chars: [Character], _ open: Int) -> (String, String, Int)? {
        var depth = 0
        var j = open
        while j < chars.count {
            if chars[j] == "[" { depth += 1 }
            if chars[j] == "]" {
                depth -= 1
                if depth == 0 { break }
            }
            j += 1
        }
        guard j + 1 < chars.count, chars[j + 1] == "(" else { return nil }
        // The target ends at the ")" that balances its "(" (CommonMark): `alert(1)` stays whole.
        var close = j + 2
        var parens = 0
        while close < chars.count, chars[close] != ")" || parens > 0 {
            if chars[close] == "(" { parens += 1 }
            if chars[close] == ")" { parens -= 1 }
            close += 1
        }
        guard close < chars.count else { return nil }
        let label = String(chars[(open + 1)..<j])
        var target = String(chars[(j + 2)..<close]).trimmingCharacters(in: .whitespaces)
        // A title after the target ("path "title"") is dropped.
        if let space = target.firstIndex(of: " ") { target = String(target[..<space]) }
        return (label, target, close + 1)
    }

    /// strong -> "**" text "**";  emphasis -> "*" text "*" | "_" text "_"
    func emphasis(_ chars: [Character], _ start: Int) -> (String, Int)? {
        let mark = chars[start]
        let double = start + 1 < chars.count && chars[start + 1] == mark
        let width = double ? 2 : 1
        let bodyStart = start + width
        guard bodyStart < chars.count, !chars[bodyStart].isWhitespace else { return nil }
        // An underscore inside a word (snake_case) is not emphasis.
        if mark == "_", start > 0, chars[start - 1].isLetter || chars[start - 1].isNumber { return nil }
        var j = bodyStart
        while j + width - 1 < chars.count {
            if chars[j] == "`", let (_, next) = codeSpan(chars, j) {
                j = next
                continue
            }
            let closes = (0..<width).allSatisfy { chars[j + $0] == mark } && !chars[j - 1].isWhitespace
            let followedByMark = j + width < chars.count && chars[j + width] == mark && !double
            let wordAfter = mark == "_" && j + width < chars.count && (chars[j + width].isLetter || chars[j + width].isNumber)
            if closes && j > bodyStart && !followedByMark && !wordAfter {
                let tag = double ? "strong" : "em"
                return ("<\(tag)>\(inline(String(chars[bodyStart..<j])))</\(tag)>", j + width)
            }
            j += 1
        }
        return nil
    }
}

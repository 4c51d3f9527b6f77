import Foundation
import QuireSupport

/// Renders the prose of a notebook: headings, paragraphs, emphasis, code spans, links, images,
/// lists, block quotes, rules, fenced code and tables. A small subset of CommonMark, enough for
/// tutorials; anything it does not know comes out as escaped text.
struct MarkdownRenderer {
    /// Turns an image path written in the prose into the `src` the page uses (nil: the image is
    /// refused and its description shown as text).
    var imageSource: (String) -> String? = { $0 }
    /// Turns a link target written in the prose into the `href` the page uses (nil: the link is
    /// not made live and its label shown as text).
    var linkTarget: (String) -> String? = { LinkPolicy.isLive($0) ? $0 : nil }

    func render(_ markdown: String) -> String {
        var lines = markdown.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        var out = ""
        var i = 0
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                i += 1
            } else if let fence = Fence.opening(Substring(line)) {
                i = fencedCode(lines, from: i, fence: fence, into: &out)
            } else if let (level, text) = heading(trimmed) {
                out += "<h\(level) id=\"\(slug(text))\">\(inline(text))</h\(level)>\n"
                i += 1
            } else if isRule(trimmed) {
                out += "<hr>\n"
                i += 1
            } else if trimmed.hasPrefix(">") {
                var quoted: [String] = []
                while i < lines.count, lines[i].trimmingCharacters(in: .whitespaces).hasPrefix(">") {
                    quoted.append(String(lines[i].trimmingCharacters(in: .whitespaces).dropFirst()).trimmingCharacters(in: .whitespaces))
                    i += 1
                }
                out += "<blockquote>\n\(render(quoted.joined(separator: "\n")))</blockquote>\n"
            } else if listMarker(line) != nil {
                i = list(lines, from: i, into: &out)
            } else if i + 1 < lines.count, trimmed.contains("|"), isTableSeparator(lines[i + 1]) {
                i = table(lines, from: i, into: &out)
            } else {
                var paragraph: [String] = []
                while i < lines.count, !startsBlock(lines, i) {
                    paragraph.append(lines[i].trimmingCharacters(in: .whitespaces))
                    i += 1
                }
                out += "<p>\(inline(paragraph.joined(separator: "\n")))</p>\n"
            }
        }
        return out
    }

    /// Whether line `i` ends a paragraph: a blank line or the start of another block.
    func startsBlock(_ lines: [String], _ i: Int) -> Bool {
        let t = lines[i].trimmingCharacters(in: .whitespaces)
        return t.isEmpty || heading(t) != nil || Fence.opening(Substring(lines[i])) != nil || t.hasPrefix(">")
            || listMarker(lines[i]) != nil || isRule(t)
            || (i + 1 < lines.count && t.contains("|") && isTableSeparator(lines[i + 1]))
    }

    /// heading -> "#"{1,6} " " text
    func heading(_ line: String) -> (Int, String)? {
        let level = line.prefix { $0 == "#" }.count
        guard level >= 1, level <= 6 else { return nil }
        let rest = line.dropFirst(level)
        guard rest.isEmpty || rest.first == " " else { return nil }
        var text = rest.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("#") { text.removeLast() }
        return (level, text.trimmingCharacters(in: .whitespaces))
    }

    func isRule(_ line: String) -> Bool {
        let chars = line.filter { $0 != " " }
        guard chars.count >= 3, let first = chars.first, "-*_".contains(first) else { return false }
        return chars.allSatisfy { $0 == first }
    }

    func slug(_ text: String) -> String {
        let lowered = text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return String(lowered).split(separator: "-").joined(separator: "-")
    }

    func fencedCode(_ lines: [String], from start: Int, fence: Fence, into out: inout String) -> Int {
        var i = start + 1
        var body: [String] = []
        while i < lines.count, !fence.isClosed(by: Substring(lines[i])) {
            body.append(lines[i])
            i += 1
        }
        let code = body.joined(separator: "\n")
        let html = fence.language == "quire" ? QuireHighlighter.highlight(code) : HTMLEscape.escape(code)
        let cls = fence.language.isEmpty ? "" : " class=\"language-\(HTMLEscape.escape(fence.language))\""
        out += "<pre class=\"prose-code\"><code\(cls)>\(html)</code></pre>\n"
        return i + 1
    }

    /// The marker of a list item line: (ordered, indent, text).
    func listMarker(_ line: String) -> (ordered: Bool, indent: Int, text: String)? {
        let indent = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(indent)
        if let first = rest.first, "-*+".contains(first), rest.dropFirst().first == " " {
            return (false, indent, String(rest.dropFirst(2)))
        }
        let digits = rest.prefix { $0.isNumber }
        if !digits.isEmpty, digits.count <= 9 {
            let after = rest.dropFirst(digits.count)
            if let dot = after.first, dot == "." || dot == ")", after.dropFirst().first == " " {
                return (true, indent, String(after.dropFirst(2)))
            }
        }
        return nil
    }

    /// A list: its items, with indented lines continuing an item and deeper items nested.
    func list(_ lines: [String], from start: Int, into out: inout String) -> Int {
        guard let first = listMarker(lines[start]) else { return start + 1 }
        var items: [[String]] = []
        var i = start
        while i < lines.count {
            let line = lines[i]
            if let marker = listMarker(line), marker.indent <= first.indent + 1, marker.ordered == first.ordered {
                items.append([marker.text])
            } else if line.trimmingCharacters(in: .whitespaces).isEmpty {
                let next = i + 1 < lines.count ? lines[i + 1] : ""
                guard
                    next.hasPrefix("  ") || (listMarker(next).map { $0.indent <= first.indent + 1 && $0.ordered == first.ordered } ?? false)
                else { break }
                items[items.count - 1].append("")
            } else if line.hasPrefix(String(repeating: " ", count: first.indent + 2)) || listMarker(line) == nil && !startsBlock(lines, i) {
                items[items.count - 1].append(String(line.dropFirst(min(first.indent + 2, line.prefix { $0 == " " }.count))))
            } else {
                break
            }
            i += 1
        }
        let tag = first.ordered ? "ol" : "ul"
        out += "<\(tag)>\n"
        for item in items {
            let text = item.joined(separator: "\n")
            // A tight item (no blank line, nothing nested) stays inline, without a paragraph.
            let tight = !item.contains("") && !item.dropFirst().contains { listMarker($0) != nil || Fence.opening(Substring($0)) != nil }
            let inner = tight ? inline(item.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")) : render(text)
            out += "<li>\(inner)</li>\n"
        }
        out += "</\(tag)>\n"
        return i
    }

    func isTableSeparator(_ line: String) -> Bool {
        let cells = tableCells(line)
        return !cells.isEmpty
            && cells.allSatisfy { c in
                let t = c.trimmingCharacters(in: .whitespaces)
                return t.count >= 1 && t.contains("-") && t.allSatisfy { $0 == "-" || $0 == ":" }
            }
    }

    func tableCells(_ line: String) -> [String] {
        var t = line.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("|") { t.removeFirst() }
        if t.hasSuffix("|") && !t.hasSuffix("\\|") { t.removeLast() }
        var cells: [String] = []
        var current = ""
        var inCode = false
        var previous: Character = " "
        for ch in t {
            if ch == "`" { inCode.toggle() }
            if ch == "|" && !inCode && previous != "\\" {
                cells.append(current)
                current = ""
            } else {
                current.append(ch)
            }
            previous = ch
        }
        cells.append(current)
        return cells.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func table(_ lines: [String], from start: Int, into out: inout String) -> Int {
        let header = tableCells(lines[start])
        let aligns = tableCells(lines[start + 1]).map { c -> String in
            let left = c.hasPrefix(":")
            let right = c.hasSuffix(":")
            return left && right ? " style=\"text-align:center\"" : right ? " style=\"text-align:right\"" : ""
        }
        func align(_ k: Int) -> String { k < aligns.count ? aligns[k] : "" }
        out += "<table class=\"prose-table\">\n<thead><tr>"
        for (k, cell) in header.enumerated() { out += "<th\(align(k))>\(inline(cell))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        var i = start + 2
        while i < lines.count, lines[i].contains("|"), !lines[i].trimmingCharacters(in: .whitespaces).isEmpty {
            out += "<tr>"
            for (k, cell) in tableCells(lines[i]).enumerated() where k < header.count { out += "<td\(align(k))>\(inline(cell))</td>" }
            out += "</tr>\n"
            i += 1
        }
        out += "</tbody>\n</table>\n"
        return i
    }
}

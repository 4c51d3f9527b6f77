import QuireSupport

extension RowIndex {
    /// The index as pandas' repr prints it: `RangeIndex(start=0, stop=4, step=1)` or
    /// `Index([2, 0, 1], dtype='int64')`, wrapped at 80 columns and cut to 10 + 10 labels past
    /// 100, as pandas' `format_object_summary` does.
    public func reprText() -> String {
        let nameAttr = name.map { ", name=" + Self.quoted($0) } ?? ""
        if case .range(let n) = kind { return "RangeIndex(start=0, stop=\(n), step=1\(nameAttr))" }
        let c = labels
        if fromRange, case .int64(let v) = c.storage, c.validity == nil, !v.isEmpty {
            let step = v.count > 1 ? v[1] &- v[0] : 1
            if step != 0 && v.indices.allSatisfy({ v[$0] == v[0] &+ Int64($0) &* step }) {
                return "RangeIndex(start=\(v[0]), stop=\(v[v.count - 1] &+ step), step=\(step)\(nameAttr))"
            }
        }
        let maxItems = 100, width = 80
        let truncated = c.count > maxItems
        func item(_ i: Int) -> String {
            switch c[i] {
            case .int(let v): String(v)
            case .float(let d): d.isNaN ? "nan" : FloatRepr.python(d)
            case .bool(let b): b ? "True" : "False"
            case .string(let s): Self.quoted(s)
            case .missing: "nan"
            }
        }
        var head: [String] = [], tail: [String]
        if truncated {
            head = (0..<10).map(item)
            tail = (c.count - 10..<c.count).map(item)
        } else {
            tail = (0..<c.count).map(item)
        }
        var dtype = c.pandasDtype
        if c.type == .int64 && c.validity != nil { dtype = "float64" }
        var attrs = ", dtype=" + Self.quoted(dtype) + nameAttr
        if truncated { attrs += ", length=\(c.count)" }
        let data: String
        switch c.count {
        case 0: data = "[], "
        case 1: data = "[\(tail[0])], "
        default:
            let justify = c.type != .string
            if justify && (truncated || !(head.joined(separator: ", ").count < width && tail.joined(separator: ", ").count < width)) {
                let w = max(head.map(\.count).max() ?? 0, tail.map(\.count).max() ?? 0)
                head = head.map { $0.padLeft(w) }
                tail = tail.map { $0.padLeft(w) }
            }
            let space1 = "\n" + String(repeating: " ", count: 6), space2 = "\n" + String(repeating: " ", count: 7)
            var summary = "", line = space2
            func extend(_ value: String, _ limit: Int) {
                if line.trimmingTrailingSpaces().count + value.trimmingTrailingSpaces().count >= limit {
                    summary += line.trimmingTrailingSpaces()
                    line = space2
                }
                line += value
            }
            for h in head { extend(h + ", ", width) }
            if truncated {
                summary += line.trimmingTrailingSpaces() + space2 + "..."
                line = space2
            }
            for t in tail.dropLast() { extend(t + ", ", width) }
            extend(tail[tail.count - 1], width - 2)
            summary += line + "],"
            summary += summary.count > width ? space1 : " "
            data = "[" + summary.dropFirst(space2.count)
        }
        return "Index(" + data + attrs.dropFirst(2) + ")"
    }

    private static func quoted(_ s: String) -> String {
        "'" + s.replacingAll("\\", with: "\\\\").replacingAll("'", with: "\\'") + "'"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }

    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }
}

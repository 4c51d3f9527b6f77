/// Writes an array as numpy's `repr` does: `array([[1, 2],\n       [3, 4]])`, elements aligned,
/// lines wrapped at 75 characters, arrays over 1000 elements elided with `...` keeping three
/// items at each end of every axis, and `shape=`/`dtype=` added when numpy adds them.
/// Booleans are written `true`/`false`, as Quire writes them.
public enum ArrayFormatter {
    /// numpy's default `linewidth`.
    static let lineWidth = 75
    /// numpy's default `threshold`: larger arrays are summarized.
    static let threshold = 1000
    /// numpy's default `edgeitems`: items kept at each end of a summarized axis.
    static let edgeItems = 3
    static let prefix = "array("

    /// The array as numpy's `repr` writes it.
    public static func repr(_ a: NDArray) -> String {
        let summarize = a.count > threshold
        let body = a.count == 0 ? "[]" : formatBody(a, summarize: summarize)
        var extras: [String] = []
        if (a.count == 0 && a.shape != [0]) || summarize { extras.append("shape=" + shapeText(a.shape)) }
        if a.count == 0 || a.dtype == .uint8 || a.dtype == .float32 { extras.append("dtype=" + a.dtype.rawValue) }
        if extras.isEmpty { return prefix + body + ")" }
        let text = prefix + body + ","
        let extra = extras.joined(separator: ", ") + ")"
        let lastLine = text.count - ((text.lastIndex(of: "\n").map { text.distance(from: text.startIndex, to: $0) } ?? -1) + 1)
        let spacer = lastLine + extra.count + 1 > lineWidth ? "\n" + String(repeating: " ", count: prefix.count) : " "
        return text + spacer + extra
    }

    /// A shape as Python writes a tuple: `(2, 3)`, `(5,)`, `()`.
    public static func shapeText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// The positions shown along each axis: all of them, or the edge items when summarizing.
    private static func shown(_ size: Int, _ summarize: Bool) -> [Int] {
        summarize && size > 2 * edgeItems ? Array(0..<edgeItems) + Array(size - edgeItems..<size) : Array(0..<size)
    }

    /// A formatter for single elements, fitted to the elements that will be shown. Only those
    /// are read, so showing a 16-million-pixel image costs no copy of it.
    private static func elementFormatter(_ a: NDArray, summarize: Bool) -> (Int) -> String {
        let strides = a.strides
        let offsets = a.shape.indices.map { axis in shown(a.shape[axis], summarize).map { $0 * strides[axis] } }
        let visible = flatPositions(offsets)
        switch a.dtype {
        case .bool:
            let trueText = a.ndim == 0 ? "true" : " true"
            return { a.element(at: $0) == .bool(true) ? trueText : "false" }
        case .uint8, .int64:
            func text(_ p: Int) -> String {
                if case .int(let i) = a.element(at: p) { return String(i) }
                return ""
            }
            let width = visible.map { text($0).count }.max() ?? 0
            return { p in
                let t = text(p)
                return String(repeating: " ", count: width - t.count) + t
            }
        case .float32, .float64:
            let format = FloatFormat(visible.map { a.element(at: $0).doubleValue }, isFloat32: a.dtype == .float32)
            return { format.format(a.element(at: $0).doubleValue) }
        }
    }

    /// Every sum of one offset per axis, in row-major order.
    private static func flatPositions(_ axes: [[Int]]) -> [Int] {
        axes.reduce([0]) { partial, axis in partial.flatMap { base in axis.map { base + $0 } } }
    }

    private static func formatBody(_ a: NDArray, summarize: Bool) -> String {
        let word = elementFormatter(a, summarize: summarize)
        let strides = a.strides
        let hanging = String(repeating: " ", count: prefix.count + 1)

        func extend(_ s: inout String, _ line: inout String, _ word: String, _ width: Int, _ indent: String) {
            if line.count + word.count > width && line.count > indent.count {
                s += line.replacingTrailingSpaces() + "\n"
                line = indent
            }
            line += word
        }

        func recurse(_ offset: Int, _ axis: Int, _ indent: String, _ width: Int) -> String {
            if axis == a.ndim { return word(offset) }
            let size = a.shape[axis]
            let summary = summarize && 2 * edgeItems < size
            let positions = summary ? Array(0..<edgeItems) + [-1] + Array(size - edgeItems..<size) : Array(0..<size)
            var s = ""
            if axis == a.ndim - 1 {
                let elementWidth = width - 1
                var line = indent
                for (k, p) in positions.enumerated() {
                    extend(&s, &line, p < 0 ? "..." : recurse(offset + p * strides[axis], axis + 1, indent + " ", width - 1), elementWidth, indent)
                    if k < positions.count - 1 { line += ", " }
                }
                s += line
            } else {
                let separator = "," + String(repeating: "\n", count: a.ndim - axis - 1)
                for (k, p) in positions.enumerated() {
                    s += indent + (p < 0 ? "..." : recurse(offset + p * strides[axis], axis + 1, indent + " ", width - 1))
                    if k < positions.count - 1 { s += separator }
                }
            }
            return "[" + s.dropFirst(indent.count) + "]"
        }
        return recurse(0, 0, hanging, lineWidth - 1)
    }
}

extension String {
    fileprivate func replacingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}

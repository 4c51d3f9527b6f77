/// Escaping text for HTML: the one home of it for tables, arrays, reports and notebook pages.
public enum HTMLEscape {
    /// `& < > "` and their entities.
    public static let entities: [Unicode.Scalar: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"]

    /// `text` with `& < > "` replaced by entities: safe inside elements and inside
    /// double-quoted attribute values (Quire writes every attribute in double quotes).
    public static func escape<S: StringProtocol>(_ text: S) -> String {
        TextEscape.replacing(text, entities)
    }
}

/// Replacing characters by escapes from a table: the loop behind HTML escaping, Quire's string
/// literals and pandas' `\t` / `\n` display.
public enum TextEscape {
    /// `text` with every Unicode scalar found in `table` replaced by its escape.
    public static func replacing<S: StringProtocol>(_ text: S, _ table: [Unicode.Scalar: String]) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let escape = table[scalar] { out += escape } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}

/// Escaping text for HTML: the one home of it for tables, arrays, reports and notebook pages.
public enum HTMLEscape {
    /// `text` with `& < > "` replaced by entities: safe inside elements and inside
    /// double-quoted attribute values (Quire writes every attribute in double quotes).
    public static func escape<S: StringProtocol>(_ text: S) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

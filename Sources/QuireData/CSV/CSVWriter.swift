import Foundation
import QuireSupport

/// Writes DataFrames as CSV the way pandas' `to_csv` does: floats in their shortest form,
/// missing values as empty fields, quotes only where a field needs them.
public enum CSVWriter {
    /// The text of the file.
    public static func text(_ frame: DataFrame, index: Bool = true, separator: Character = ",") -> String {
        let sep = String(separator)
        var out = ""
        var header = frame.names.map { quoted($0, separator) }
        if index { header.insert(quoted(frame.index.name ?? "", separator), at: 0) }
        out += header.joined(separator: sep) + "\n"
        for i in 0..<frame.rowCount {
            var fields = frame.columns.map { quoted(csvField($0[i]), separator) }
            if index { fields.insert(quoted(csvField(frame.index[i]), separator), at: 0) }
            out += fields.joined(separator: sep)
            out += "\n"
        }
        return out
    }

    /// Writes atomically (see `AtomicWrite`): a failed write never leaves half a file.
    public static func write(
        _ frame: DataFrame, path: String, shownAs shown: String? = nil, index: Bool = true, separator: Character = ","
    ) throws {
        do {
            try AtomicWrite.write(text(frame, index: index, separator: separator), to: path, shownAs: shown)
        } catch {
            throw CSVError.cannotWrite(path: path, reason: error.reason)
        }
    }

    static func csvField(_ s: Scalar) -> String {
        switch s {
        case .missing: ""
        case .float(let d): d.isNaN ? "" : FloatRepr.python(d)
        default: formatScalar(s)
        }
    }

    static func quoted(_ s: String, _ separator: Character) -> String {
        guard s.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

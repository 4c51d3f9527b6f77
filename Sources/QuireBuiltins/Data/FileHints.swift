import Foundation
import QuireLang

/// Hints for missing files: a similarly named file in the same folder.
enum FileHints {
    static func nearby(_ path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            return "the folder \"\(folder)\" does not exist either"
        }
        if let close = Suggest.closest(to: url.lastPathComponent, in: names) { return "did you mean \"\(close)\"?" }
        return nil
    }
}

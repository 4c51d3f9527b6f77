import Foundation

/// Reading a notebook from disk.
public enum NotebookFile {
    /// Reads and parses the notebook at `path`.
    public static func read(_ path: String) throws(NotebookError) -> Notebook {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw NotebookError(
                "no such notebook: \(path)",
                hint: "check the path; it is relative to the current folder (\(FileManager.default.currentDirectoryPath))")
        }
        if isFolder.boolValue {
            throw NotebookError("\(path) is a folder, not a notebook", hint: "give a Markdown file such as \(path)/00-tour.md")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NotebookError("cannot read \(path): permission denied", path: path)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw NotebookError("\(path) is not UTF-8 text", path: path, hint: "a notebook is a Markdown file saved as UTF-8")
        }
        return try NotebookParser.parse(text, path: path)
    }
}

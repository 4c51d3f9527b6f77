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
        if path.lowercased().hasSuffix(".ipynb") { return try readIPynb(data, path: path) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw NotebookError("\(path) is not UTF-8 text", path: path, hint: "a notebook is a Markdown file saved as UTF-8")
        }
        return try NotebookParser.parse(text, path: path)
    }

    /// A Jupyter notebook of the Quire kernel, read as the Markdown notebook it converts to
    /// (errors then name lines of that Markdown, and cells by number).
    static func readIPynb(_ data: Data, path: String) throws(NotebookError) -> Notebook {
        let document = try IPynb.read(data, path: path)
        guard document.isQuire else {
            let kernel = document.kernelName.map { "the \($0) kernel" } ?? "another kernel"
            throw NotebookError(
                "\(path) is a notebook for \(kernel) (\(document.language)), not for Quire", path: path,
                hint: "`quire convert \(path) --to md` keeps its code as \(document.language) blocks to translate cell by cell")
        }
        let text: String
        do {
            let file = URL(fileURLWithPath: path).lastPathComponent
            let stem = String(file.dropLast(".ipynb".count))
            text = try IPynb.markdown(
                from: document, outputFolderName: Notebook(path: path, pieces: []).outputFolderName,
                errorsNaming: (from: stem + ".md", to: file))
        } catch let error as NotebookError {
            throw error
        } catch {
            throw NotebookError("cannot read \(path): \(error)", path: path)
        }
        return try NotebookParser.parse(text, path: path)
    }
}

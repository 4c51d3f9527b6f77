import Foundation
import QuireSupport

/// The `NAME.out/` folder beside a notebook, where its figures and page go.
enum OutputFolder {
    /// Creates the folder (if missing) and returns its path. A file standing where the folder
    /// must be is an error naming it as the user wrote the notebook path, never replaced.
    static func create(for notebook: Notebook, in directory: String) throws(NotebookError) -> String {
        let folder = (directory as NSString).appendingPathComponent(notebook.outputFolderName)
        do {
            try AtomicWrite.createFolder(folder)
        } catch {
            let shown = shownPath(notebook)
            let inTheWay = error.path == folder
            throw NotebookError(
                "cannot write \(shown)/: \(inTheWay ? "a file named \(shown) is in the way, and a folder is needed there" : error.reason)",
                path: notebook.path,
                hint: inTheWay
                    ? "quire writes the figures and the page of \((notebook.path as NSString).lastPathComponent) into the folder \(shown)/; rename or remove the file \(shown)"
                    : nil)
        }
        return folder
    }

    /// The folder as the user would write it: beside the notebook path as given.
    static func shownPath(_ notebook: Notebook) -> String {
        let parent = (notebook.path as NSString).deletingLastPathComponent
        return parent.isEmpty ? notebook.outputFolderName : (parent as NSString).appendingPathComponent(notebook.outputFolderName)
    }

    /// A write error of a file inside the folder, worded for the notebook's user.
    static func error(_ error: WriteError, shownAs name: String, notebook: Notebook) -> NotebookError {
        NotebookError("cannot write \(shownPath(notebook))/\(name): \(error.reason)", path: notebook.path)
    }
}

import Foundation
import QuireSupport

/// `quire run NB.md --output DIR`: the executed copy of a notebook (with any injected parameters
/// and the outputs of this run) and its figures, written into DIR; the notebook itself is not
/// touched. One copy per run, so a parameter sweep is a loop over runs with different folders.
enum NotebookCopy {
    static func write(_ notebook: Notebook, results: [CellResult], into folder: String, from directory: String, console: Console) -> Bool {
        let name = URL(fileURLWithPath: notebook.path).lastPathComponent
        let destination = (folder as NSString).appendingPathComponent(name)
        do {
            try AtomicWrite.createFolder(folder)
            let tables = results.filter { $0.items.contains { if case .html = $0 { true } else { false } } }
                .map { "\(notebook.outputFolderName)/\(StoredTables.file(cell: $0.cell.number))" }
            for link in results.flatMap(\.figureLinks) + tables {
                let target = (folder as NSString).appendingPathComponent(link)
                try AtomicWrite.createFolder((target as NSString).deletingLastPathComponent)
                guard let data = FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(link)) else { continue }
                try AtomicWrite.write(data, to: target)
            }
            let text = NotebookWriter.updatedText(notebook, results: results)
            if name.lowercased().hasSuffix(".ipynb") {
                let executed = try NotebookParser.parse(text, path: destination)
                try AtomicWrite.write(try IPynb.json(from: executed, directory: folder), to: destination)
            } else {
                try AtomicWrite.write(text, to: destination)
            }
            console.out("wrote \(destination)\n")
            return true
        } catch let error as WriteError {
            console.err("error: \(error.message)\n")
        } catch let error as NotebookError {
            console.err(error.render())
        } catch {
            console.err("error: cannot write \(destination): \(error)\n")
        }
        return false
    }
}

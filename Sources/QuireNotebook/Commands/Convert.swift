import Foundation
import QuireSupport

/// `quire convert NB.md --to ipynb` and `quire convert NB.ipynb --to md`.
public enum NotebookConvert {
    public enum Format: String, CaseIterable, Sendable {
        case ipynb, md
    }

    /// Converts `path` to `format`, writing `output` (default: beside it, with the new
    /// extension). An existing destination is kept unless `force`: a conversion never overwrites
    /// a notebook by surprise. Returns the exit status.
    public static func run(path: String, to format: Format, output: String?, force: Bool, console: Console) -> Int32 {
        do throws(NotebookError) {
            let destination = output ?? defaultDestination(path, format)
            if destination == path {
                throw NotebookError("the converted notebook would replace \(path)", path: path, hint: "give another file with -o")
            }
            if !force, FileManager.default.fileExists(atPath: destination) {
                throw NotebookError("\(destination) already exists", hint: "give another file with -o, or --force to replace it")
            }
            let data = try convert(path: path, to: format, destination: destination)
            do {
                try AtomicWrite.write(data, to: destination)
            } catch {
                throw NotebookError(error.message)
            }
            console.out("wrote \(destination)\n")
            return 0
        } catch {
            console.err(error.render())
            return 1
        }
    }

    static func defaultDestination(_ path: String, _ format: Format) -> String {
        let url = URL(fileURLWithPath: path)
        let stem = url.deletingPathExtension().lastPathComponent
        let folder = (path as NSString).deletingLastPathComponent
        let file = "\(stem).\(format.rawValue)"
        return folder.isEmpty ? file : (folder as NSString).appendingPathComponent(file)
    }

    /// The converted bytes. Figures in a converted `.ipynb` are written beside `destination`.
    public static func convert(path: String, to format: Format, destination: String) throws(NotebookError) -> Data {
        let isIPynb = path.lowercased().hasSuffix(".ipynb")
        switch (format, isIPynb) {
        case (.ipynb, false):
            let notebook = try NotebookFile.read(path)
            let directory = (path as NSString).deletingLastPathComponent
            return try IPynb.json(from: notebook, directory: directory.isEmpty ? "." : directory)
        case (.md, true):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw NotebookError("cannot read \(path)", hint: "check the path; it is relative to the current folder")
            }
            let document = try IPynb.read(data, path: path)
            let folder = (destination as NSString).deletingLastPathComponent
            let outputFolderName = Notebook(path: destination, pieces: []).outputFolderName
            do {
                let text = try IPynb.markdown(from: document, outputFolderName: outputFolderName) { link, bytes in
                    let file = folder.isEmpty ? link : (folder as NSString).appendingPathComponent(link)
                    try AtomicWrite.createFolder((file as NSString).deletingLastPathComponent)
                    try AtomicWrite.write(bytes, to: file)
                }
                return Data(text.utf8)
            } catch let error as NotebookError {
                throw error
            } catch let error as WriteError {
                throw NotebookError(error.message)
            } catch {
                throw NotebookError("cannot convert \(path): \(error)")
            }
        case (.ipynb, true):
            throw NotebookError("\(path) is already an .ipynb notebook", hint: "use --to md")
        case (.md, false):
            throw NotebookError("\(path) is already a Markdown notebook", hint: "use --to ipynb")
        }
    }
}

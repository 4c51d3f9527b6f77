import Foundation

extension NotebookCommand {
    /// `quire handout LESSON.md -o STUDENT.md`: writes the student version of a lesson; as a
    /// Jupyter notebook when `output` ends in `.ipynb`.
    public static func handout(path: String, output: String, console: Console) -> Int32 {
        do throws(NotebookError) {
            let asIPynb = output.lowercased().hasSuffix(".ipynb")
            let notebook = try NotebookFile.read(path)
            let same = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
                == URL(fileURLWithPath: output).resolvingSymlinksInPath().standardizedFileURL.path
            guard !same else {
                throw NotebookError(
                    "the handout would overwrite the lesson \(path)", path: path,
                    hint: "give another file with -o, such as -o student.md")
            }
            let exercises = notebook.cells.filter { $0.options.exercise != nil }.count
            guard exercises > 0 else {
                throw NotebookError(
                    "\(path) has no exercise cell", path: path,
                    hint: "mark the cells students complete with \"#| exercise: q1, points: 2\"")
            }
            let text = Handout.text(of: notebook)
            let stubbed = notebook.cells.filter { Handout.stubbed($0) != $0.raw }.count
            let hidden = notebook.cells.filter { $0.options.hiddenTest != nil }.count
            if asIPynb {
                // The Markdown handout, written through the one .ipynb writer; its figures are
                // the lesson's, linked relative to the lesson's folder.
                let folder = (path as NSString).deletingLastPathComponent
                let data = try IPynb.json(
                    from: try NotebookParser.parse(text, path: path), directory: folder.isEmpty ? "." : folder)
                try NotebookWriter.writeAtomically(data, to: output)
            } else {
                try NotebookWriter.writeAtomically(text, to: output)
            }
            console.out(
                "wrote \(output): \(exercises) exercise\(exercises == 1 ? "" : "s"), \(stubbed) solution cell\(stubbed == 1 ? "" : "s") stubbed, \(hidden) hidden test\(hidden == 1 ? "" : "s") removed\n"
            )
            return 0
        } catch {
            console.err(error.render())
            return 1
        }
    }
}

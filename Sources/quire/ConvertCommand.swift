import ArgumentParser
import Foundation
import QuireNotebook

extension NotebookConvert.Format: ExpressibleByArgument {}

/// `quire convert NB.md --to ipynb [-o FILE]`, `quire convert NB.ipynb --to md`.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a notebook between Markdown (.md) and Jupyter (.ipynb).",
        discussion: "A Quire notebook converted to .ipynb and back is byte-identical. A notebook of another kernel comes back as prose with its code in fenced blocks, to translate by hand.")

    @Argument(help: "The notebook to convert (.md or .ipynb).")
    var notebook: String

    @Option(help: "The format to write: ipynb or md.")
    var to: NotebookConvert.Format

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Where to write (default: beside the notebook, with the new extension).", valueName: "FILE"))
    var output: String?

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    mutating func run() throws {
        throw ExitCode(NotebookConvert.run(path: notebook, to: to, output: output, force: force, console: StandardConsole()))
    }
}

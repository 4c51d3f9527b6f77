import ArgumentParser
import Foundation
import QuireNotebook

/// `quire run NB.md -p NAME VALUE ... [-f params.json] [-y params.yaml] [--output DIR]`: papermill's
/// parameterised runs (docs/jupyter.md).
struct ParameterFlags: ParsableArguments {
    @Option(
        name: .customShort("p"), parsing: .upToNextOption,
        help: ArgumentHelp("Notebooks: set a parameter of the `#| parameters` cell (repeatable).", valueName: "NAME VALUE"))
    var parameter: [String] = []

    @Option(name: [.customShort("f"), .customLong("parameters-file")], help: ArgumentHelp("Notebooks: parameters from a JSON object.", valueName: "FILE"))
    var parametersFile: String?

    @Option(name: [.customShort("y"), .customLong("parameters-yaml")], help: ArgumentHelp("Notebooks: parameters from a YAML file of `name: value` lines.", valueName: "FILE"))
    var parametersYAML: String?

    @Option(help: ArgumentHelp("Notebooks: write the executed copy (and its figures) into DIR; the notebook is not changed.", valueName: "DIR"))
    var output: String?

    var anyGiven: Bool { !parameter.isEmpty || parametersFile != nil || parametersYAML != nil || output != nil }

    func apply(to settings: inout RunSettings) throws {
        var values: [(name: String, code: String)] = []
        if let parametersFile {
            guard let data = FileManager.default.contents(atPath: parametersFile) else {
                throw Self.fail(NotebookError(
                    "cannot read the parameters file \(parametersFile)", path: parametersFile,
                    hint: "give -f a JSON file holding one object, such as {\"seed\": 3}"))
            }
            guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
                throw Self.fail(NotebookError(
                    "the parameters file \(parametersFile) is not a JSON object", path: parametersFile,
                    hint: "a JSON parameters file holds one object of names and values, such as {\"seed\": 3, \"kernel\": \"rbf\"}"))
            }
            for name in object.keys.sorted() {
                guard let code = NotebookParameters.literal(fromJSON: object[name]!) else {
                    throw Self.fail(NotebookError(
                        "the parameter \"\(name)\" in \(parametersFile) has a value Quire cannot hold", path: parametersFile,
                        hint: "values are numbers, strings, booleans, null, and lists or objects of them"))
                }
                values.append((name, code))
            }
        }
        if let parametersYAML {
            guard let data = FileManager.default.contents(atPath: parametersYAML), let text = String(data: data, encoding: .utf8) else {
                throw Self.fail(NotebookError(
                    "cannot read the parameters file \(parametersYAML)", path: parametersYAML,
                    hint: "give -y a YAML file of `name: value` lines, such as seed: 3"))
            }
            do {
                for (name, code) in try NotebookParameters.values(fromYAML: text) {
                    values.removeAll { $0.name == name }  // -y wins over -f
                    values.append((name, code))
                }
            } catch {
                throw Self.fail(NotebookError(
                    error.message, path: parametersYAML, line: error.line,
                    hint: "a YAML parameters file is flat `name: value` lines, one a line (seed: 3, kernel: rbf); nested values go in a JSON file for -f"))
            }
        }
        guard parameter.count % 2 == 0 else {
            throw ValidationError("-p takes a name and a value, as in -p seed 3")
        }
        for i in stride(from: 0, to: parameter.count, by: 2) {
            let name = parameter[i]
            let code = NotebookParameters.literal(fromCommandLine: parameter[i + 1])
            values.removeAll { $0.name == name }  // -p wins over the file
            values.append((name, code))
        }
        if !values.isEmpty && settings.update {
            throw ValidationError("-p, -f and -y do not go with --update (the notebook keeps its defaults); use --output DIR for the executed copy")
        }
        settings.parameters = values
        settings.outputDirectory = output
    }

    /// A parameters file that cannot be used: the error as notebook errors are shown, status 1.
    private static func fail(_ error: NotebookError) -> ExitCode {
        FileHandle.standardError.write(Data(error.render().utf8))
        return ExitCode(1)
    }
}

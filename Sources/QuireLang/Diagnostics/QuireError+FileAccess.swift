import QuireSupport

/// The sentence for a path the sandbox refused: the one place its wording lives.
extension QuireError {
    public init(_ error: FileAccessError, shownAs shown: String? = nil) {
        let verb = error.mode == .read ? "read" : "write"
        let name = shown ?? error.path
        let folders = error.roots.count > 1 ? "the notebook's folder and the folders allowed with --allow" : "the notebook's folder"
        switch error.reason {
        case .outside:
            let link = error.target.map { " it is a link to \($0), and" } ?? ""
            self.init(
                .io, "cannot \(verb) \(name):\(link) the sandbox allows only files inside \(folders)",
                hint: "use a path inside the notebook's folder, such as \"data/file.csv\"; a teacher can allow another folder with --allow PATH")
        case .denied:
            self.init(.io, "cannot \(verb) \(name): the sandbox keeps this file from the notebook", hint: "work with files of your own")
        case .unresolvable:
            self.init(
                .io, "cannot \(verb) \(name): it is a link to a file that does not exist, so the sandbox cannot check where it leads",
                hint: "use the file itself, inside the notebook's folder")
        }
    }
}

extension FileAccess {
    /// `check`, with the refusal as a QuireError that names the path as the program wrote it.
    @discardableResult
    public static func checked(_ path: String, _ mode: Mode, shownAs shown: String? = nil) throws(QuireError) -> String {
        do {
            return try check(path, mode)
        } catch {
            throw QuireError(error, shownAs: shown)
        }
    }
}

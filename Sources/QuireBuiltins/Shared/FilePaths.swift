import QuireLang
import QuireSupport

extension Arguments {
    /// The path argument `name` as the program wrote it, and the path to open: resolved against
    /// the notebook's or script's folder, then allowed (or refused) by the sandbox's one rule,
    /// `FileAccess`. Every builtin that opens a file gets its path here.
    func filePath(for mode: FileAccess.Mode, _ name: String = "path") throws -> (shown: String, path: String) {
        let shown = try string(name)
        let resolved = context.resolvePath(shown)
        do {
            return (shown, try FileAccess.checked(resolved, mode, shownAs: shown))
        } catch {
            throw error.located(argument: name)
        }
    }
}

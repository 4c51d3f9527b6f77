import Foundation

/// What a page may make of the links and images written in a notebook's prose: links live only
/// for http, https, mailto and relative targets; images embedded only from files inside the
/// notebook's folder. Anything else comes out as text, with a warning.
enum LinkPolicy {
    /// The schemes a prose link may use to stay a link.
    static let liveSchemes: Set<String> = ["http", "https", "mailto"]
    /// The schemes an image may be loaded from by the reader's browser.
    static let remoteImageSchemes: Set<String> = ["http", "https"]

    /// The target as a browser reads it: ASCII tabs and newlines removed anywhere, control
    /// characters and spaces removed at both ends (so `java\tscript:` is `javascript:`).
    static func browserForm(_ target: String) -> String {
        let kept = target.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
        var text = String(String.UnicodeScalarView(kept))
        while let first = text.unicodeScalars.first, first.value <= 0x20 { text.unicodeScalars.removeFirst() }
        while let last = text.unicodeScalars.last, last.value <= 0x20 { text.unicodeScalars.removeLast() }
        return text
    }

    /// The scheme of a target in browser form, lowercased; nil for a relative reference. Any `:`
    /// before the first `/`, `?` or `#` counts as ending a scheme, valid or not.
    static func scheme(_ target: String) -> String? {
        for (offset, ch) in target.enumerated() {
            if ch == ":" { return String(target.prefix(offset)).lowercased() }
            if ch == "/" || ch == "?" || ch == "#" { return nil }
        }
        return nil
    }

    /// Whether a prose link to `target` may be a live link.
    static func isLive(_ target: String) -> Bool {
        guard let scheme = scheme(browserForm(target)) else { return true }
        return liveSchemes.contains(scheme)
    }
}

/// A notebook's folder tree, the only place prose images are embedded from.
struct NotebookFolder {
    /// The folder with symbolic links and `..` resolved.
    let root: String

    init(_ directory: String) {
        let folder = directory.isEmpty ? FileManager.default.currentDirectoryPath : directory
        root = NotebookFolder.realPath(folder) ?? (folder as NSString).standardizingPath
    }

    /// Where a relative image path leads.
    enum Place: Equatable {
        /// An existing regular file inside the tree, by its resolved path.
        case file(String)
        /// Nothing there yet, but inside the tree.
        case missing
        /// Outside the tree, or not a regular file: never read.
        case refused(String)
    }

    /// Resolves `relative` (percent-decoded, as written in the prose) against the tree.
    func locate(_ relative: String) -> Place {
        if relative.hasPrefix("/") || relative.hasPrefix("~") { return .refused("it is an absolute path, outside the notebook's folder") }
        let candidate = (root as NSString).appendingPathComponent(relative)
        guard let real = NotebookFolder.realPath(candidate) else {
            return contains((candidate as NSString).standardizingPath) ? .missing : .refused("it is outside the notebook's folder")
        }
        guard contains(real) else { return .refused("it is outside the notebook's folder") }
        var info = stat()
        guard stat(real, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return .refused("it is not a file") }
        return .file(real)
    }

    func contains(_ path: String) -> Bool {
        root == "/" || path == root || path.hasPrefix(root + "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

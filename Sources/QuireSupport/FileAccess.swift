import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The sandbox's rule for files: the one place that decides whether a program may open a path.
///
/// Every builtin that opens a file (CSV, images, figures, models, `import`) asks `check` with the
/// absolute path it is about to open. Outside a sandbox every path is allowed. Inside one
/// (`quire run --sandbox`, `quire grade`), only paths inside the allowed folders are, decided
/// after symbolic links and `..` are resolved, so a path built at run time, an absolute path or a
/// link that points out of the folder are refused the same way.
public enum FileAccess {
    public enum Mode: Sendable {
        case read, write
    }

    /// The folders a sandboxed program may read and write (real paths, no trailing slash).
    public struct Policy: Sendable, Equatable {
        public let roots: [String]
        /// Files refused even inside the roots (grading: the key, which holds the hidden tests).
        public let denied: [String]

        /// A policy for these folders; each is resolved (links, `..`) once, here.
        public init(roots: [String], denied: [String] = []) {
            func real(_ path: String) -> String {
                let p = FileAccess.realPath(path) ?? URL(fileURLWithPath: path).standardizedFileURL.path
                return p.count > 1 && p.hasSuffix("/") ? String(p.dropLast()) : p
            }
            self.roots = roots.map(real)
            self.denied = denied.map(real)
        }
    }

    /// The policy of the running program; nil (no sandbox) unless bound with `$policy.withValue`.
    @TaskLocal public static var policy: Policy?

    /// Returns the real path to open, or throws when the sandbox does not allow it.
    @discardableResult
    public static func check(_ path: String, _ mode: Mode) throws(FileAccessError) -> String {
        guard let policy else { return path }
        guard let real = realPath(path) else {
            throw FileAccessError(path: path, mode: mode, roots: policy.roots, reason: .unresolvable)
        }
        if policy.denied.contains(real) {
            throw FileAccessError(path: path, mode: mode, roots: policy.roots, reason: .denied)
        }
        for root in policy.roots where real == root || real.hasPrefix(root == "/" ? "/" : root + "/") {
            return real
        }
        var error = FileAccessError(path: path, mode: mode, roots: policy.roots, reason: .outside)
        // Where a link leads, when the path as written goes through one.
        let absolute = Self.absolute(path)
        if URL(fileURLWithPath: absolute).standardizedFileURL.path != real { error.target = real }
        throw error
    }

    /// `path` made absolute against the current folder, as written (nothing resolved).
    public static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// `path` with every symbolic link and `..` resolved; for a file that does not exist yet,
    /// its folder resolved plus its name. Nil for a dangling link (its target cannot be checked).
    static func realPath(_ path: String) -> String? {
        let absolute = Self.absolute(path)
        if let resolved = realpath(absolute, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        var info = stat()
        if lstat(absolute, &info) == 0 { return nil }  // exists but cannot be resolved: a dangling link
        let url = URL(fileURLWithPath: absolute)
        let name = url.lastPathComponent
        let parent = url.deletingLastPathComponent().path
        guard parent != absolute, !parent.isEmpty, name != "..", name != "." else { return nil }
        guard let folder = realPath(parent) else { return nil }
        return folder == "/" ? "/" + name : folder + "/" + name
    }
}

/// A path the sandbox refused: data only, worded by QuireLang.
public struct FileAccessError: Error, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// The path (after links and `..`) is outside every allowed folder.
        case outside
        /// The path is a link whose target does not exist, so where it leads cannot be checked.
        case unresolvable
        /// The file is one the sandbox keeps from the program (the grading key).
        case denied
    }

    public let path: String
    public let mode: FileAccess.Mode
    public let roots: [String]
    public let reason: Reason
    /// Where the path really leads, when it goes through a symbolic link (`link.csv` → `/etc/passwd`).
    public var target: String? = nil
}

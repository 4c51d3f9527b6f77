import Foundation

/// Why a file could not be written, in plain words: `cannot write PATH: REASON`.
public struct WriteError: Error, Equatable, Sendable {
    /// The path as the writer was given it.
    public let path: String
    /// What went wrong, for a person ("the folder out does not exist", "it is a folder").
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// The sentence every writer reports.
    public var message: String { "cannot write \(path): \(reason)" }
}

/// The one way Quire writes a file: to a temporary file in the same folder, renamed over the
/// destination when complete, so a failure (or Ctrl-C) leaves the old file or the new one, never
/// half a file. The temporary file is removed on every failure path and, through
/// `TemporaryFiles`, when SIGINT, SIGTERM or SIGHUP ends the process. Only `kill -9` (or a
/// power cut) can leave one behind: it is named `.NAME.quire-tmp-XXXXXX...` beside `NAME`, and
/// `removeStaleTemporaries(of:)` clears those of one destination.
public enum AtomicWrite {
    /// What a temporary file's name contains after the destination's name.
    public static let temporaryMarker = ".quire-tmp-"

    /// Writes `data` to `path` atomically. `shownAs` is the path as the user wrote it (before
    /// it was made absolute): errors name it, and the folders in their reasons, that way.
    public static func write(_ data: Data, to path: String, shownAs shown: String? = nil) throws(WriteError) {
        do {
            try write(to: path, shownAs: shown) { temporary throws(WriteError) in
                try fill(temporary, with: data, names: Names(path, shown))
            }
        } catch let error as WriteError {
            throw error
        } catch {
            throw WriteError(path: shown ?? path, reason: "\(error)")  // unreachable: the body throws WriteError
        }
    }

    /// Writes `text` as UTF-8 to `path` atomically.
    public static func write(_ text: String, to path: String, shownAs shown: String? = nil) throws(WriteError) {
        try write(Data(text.utf8), to: path, shownAs: shown)
    }

    /// Lets `body` write the file at a temporary path (empty, created for it, with the
    /// destination's extension so that writers choosing a format by extension still can), then
    /// renames it over `path`. Throws `WriteError` for the destination, or what `body` threw; in
    /// both cases the temporary file is gone.
    public static func write(to path: String, shownAs shown: String? = nil, _ body: (String) throws -> Void) throws {
        let names = Names(path, shown)
        try checkDestination(path, names: names)
        let (temporary, slot) = try createTemporary(for: path, names: names)
        defer { TemporaryFiles.unregister(slot) }
        do {
            try body(temporary)
            keepPermissions(of: path, on: temporary)
            guard rename(temporary, path) == 0 else {
                throw WriteError(path: names.shown, reason: plainReason(errno, folder: names.show(folder(of: path))))
            }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Refuses a destination that cannot be a file: a folder, a path under a missing folder or
    /// under a file, a read-only file.
    public static func checkDestination(_ path: String, shownAs shown: String? = nil) throws(WriteError) {
        try checkDestination(path, names: Names(path, shown))
    }

    static func checkDestination(_ path: String, names: Names) throws(WriteError) {
        guard !path.isEmpty else { throw WriteError(path: names.shown, reason: "the file name is empty") }
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR { throw WriteError(path: names.shown, reason: "it is a folder; give a file name inside it") }
            if info.st_mode & 0o222 == 0 || access(path, W_OK) != 0 {
                throw WriteError(path: names.shown, reason: "the file is read-only")
            }
            return
        }
        if names.shown.hasSuffix("/") {
            throw WriteError(path: names.shown, reason: "the name ends with /, so it names a folder, not a file")
        }
        try checkFolder(folder(of: path), names: names)
    }

    /// Makes sure `folder` exists as a folder, creating it (and its parents) when missing. A
    /// file standing where the folder must be is an error, never replaced.
    public static func createFolder(_ folder: String) throws(WriteError) {
        var info = stat()
        if stat(folder, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw WriteError(path: folder, reason: "a file of that name is in the way, and a folder is needed there")
            }
            return
        }
        if let blocking = fileAmongAncestors(of: folder) {
            throw WriteError(path: folder, reason: "\(blocking) is a file, not a folder")
        }
        try checkFolderOrCreate(Self.folder(of: folder), for: folder)
        if mkdir(folder, 0o777) != 0 && errno != EEXIST {
            throw WriteError(path: folder, reason: plainReason(errno, folder: Self.folder(of: folder)))
        }
    }

    /// Creates the missing folders of a path, outermost first.
    static func checkFolderOrCreate(_ parent: String, for folder: String) throws(WriteError) {
        var info = stat()
        if parent == "." || parent == "/" || stat(parent, &info) == 0 { return }
        try createFolder(parent)
    }

    /// Removes the temporary files that an earlier, killed write to `path` left beside it (and
    /// those of the older `.NAME.XXXXXXXX.tmp` form); returns the names removed.
    @discardableResult
    public static func removeStaleTemporaries(of path: String) -> [String] {
        let dir = folder(of: path)
        let name = (path as NSString).lastPathComponent
        let current = "." + name + temporaryMarker
        let older = "." + name + "."
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        var removed: [String] = []
        for entry in entries {
            let stale =
                entry.hasPrefix(current)
                || (entry.hasPrefix(older) && entry.hasSuffix(".tmp") && entry.count == older.count + 8 + 4)
            guard stale, TemporaryFiles.isRegistered((dir as NSString).appendingPathComponent(entry)) == false else { continue }
            if unlink((dir as NSString).appendingPathComponent(entry)) == 0 { removed.append(entry) }
        }
        return removed.sorted()
    }

    /// The folder that holds `path` ("." for a bare name).
    public static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// A reason for `errno` a beginner can act on.
    public static func plainReason(_ code: Int32, folder: String) -> String {
        switch code {
        case EACCES, EPERM: "permission denied (the folder \(folder) does not let you create files)"
        case EROFS: "the file system is read-only"
        case ENOSPC: "the disk is full"
        case EDQUOT: "the disk quota is used up"
        case EISDIR: "it is a folder; give a file name inside it"
        case ENOENT: "the folder \(folder) does not exist"
        case ENOTDIR: "a part of the path is a file, not a folder"
        case ENAMETOOLONG: "the name is too long"
        default: String(cString: strerror(code)).lowercased()
        }
    }

    // MARK: - Steps

    static func checkFolder(_ folder: String, names: Names) throws(WriteError) {
        var info = stat()
        if stat(folder, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw WriteError(path: names.shown, reason: "\(names.show(folder)) is a file, not a folder")
            }
            return
        }
        if let blocking = fileAmongAncestors(of: folder) {
            throw WriteError(path: names.shown, reason: "\(names.show(blocking)) is a file, not a folder")
        }
        throw WriteError(path: names.shown, reason: "the folder \(names.show(folder)) does not exist")
    }

    /// The nearest existing ancestor of `folder` when it is a file rather than a folder.
    static func fileAmongAncestors(of folder: String) -> String? {
        var current = folder
        while !current.isEmpty && current != "/" && current != "." {
            var info = stat()
            if stat(current, &info) == 0 { return (info.st_mode & S_IFMT) == S_IFDIR ? nil : current }
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current { break }
            current = parent
        }
        return nil
    }

    /// Creates a fresh, empty temporary file beside `path` and returns its path and its slot in
    /// `TemporaryFiles`. The name is registered before the file exists, so a signal at any moment
    /// finds it (unlinking a name not yet created is harmless).
    static func createTemporary(for path: String, names: Names) throws(WriteError) -> (String, Int) {
        let dir = folder(of: path)
        let name = (path as NSString).lastPathComponent
        let ext = (name as NSString).pathExtension
        for _ in 0..<16 {
            let random = String(UInt32.random(in: 0...UInt32.max), radix: 36)
            let file = "." + name + temporaryMarker + random + (ext.isEmpty ? "" : "." + ext)
            let temporary = dir == "." && !path.hasPrefix("./") ? file : (dir as NSString).appendingPathComponent(file)
            let slot = TemporaryFiles.register(temporary)
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 {
                close(fd)
                return (temporary, slot)
            }
            let failure = errno
            TemporaryFiles.unregister(slot)
            if failure != EEXIST { throw WriteError(path: names.shown, reason: plainReason(failure, folder: names.show(dir))) }
        }
        throw WriteError(path: names.shown, reason: "no free temporary name in \(names.show(dir))")
    }

    /// Writes all of `data` to the (existing, empty) file at `temporary`.
    static func fill(_ temporary: String, with data: Data, names: Names) throws(WriteError) {
        let fd = open(temporary, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard fd >= 0 else { throw WriteError(path: names.shown, reason: plainReason(errno, folder: names.show(folder(of: names.path)))) }
        var failure: Int32 = 0
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure != 0 { throw WriteError(path: names.shown, reason: plainReason(failure, folder: names.show(folder(of: names.path)))) }
    }

    /// The replaced file's permission bits carry over to its new content.
    static func keepPermissions(of path: String, on temporary: String) {
        var info = stat()
        if stat(path, &info) == 0 { chmod(temporary, info.st_mode & 0o7777) }
    }
}

/// A destination's path as the writer uses it (absolute) and as the user wrote it.
struct Names {
    let path: String
    let shown: String

    init(_ path: String, _ shown: String?) {
        self.path = path
        self.shown = shown ?? path
    }

    /// An ancestor folder of `path` as the user would write it: as many levels up from `shown`
    /// as it is from `path`; the absolute path when `shown` has no such part.
    func show(_ ancestor: String) -> String {
        guard shown != path else { return ancestor }
        let levels = (path as NSString).pathComponents.count - (ancestor as NSString).pathComponents.count
        var parts = (shown as NSString).pathComponents
        guard levels > 0, parts.count > levels, !parts.contains("..") else { return ancestor }
        parts.removeLast(levels)
        return NSString.path(withComponents: parts)
    }
}

import Foundation

/// `quire kernel install` and `uninstall`: the kernelspec folder Jupyter finds kernels by
/// (`kernels/quire/kernel.json` and logos under a Jupyter data folder).
public enum KernelSpec {
    /// Where the kernelspec goes, as `jupyter kernelspec install` names the places.
    public enum Location: Equatable, Sendable {
        /// The user's Jupyter data folder (`$JUPYTER_DATA_DIR`, or ~/.local/share/jupyter).
        case user
        /// `PREFIX/share/jupyter`.
        case prefix(String)
        /// The active Python environment (`$VIRTUAL_ENV` or `$CONDA_PREFIX`).
        case sysPrefix
        /// For every user of the machine: /usr/local/share/jupyter (a JupyterHub image).
        case system
    }

    /// The kernel's name in Jupyter (the folder's name).
    public static let defaultName = "quire"

    /// The folder of the kernelspec named `name` at `location`.
    public static func folder(_ location: Location, name: String = defaultName, environment: [String: String] = ProcessInfo.processInfo.environment) throws(KernelError) -> String {
        let data: String
        switch location {
        case .user:
            if let dir = environment["JUPYTER_DATA_DIR"], !dir.isEmpty {
                data = dir
            } else if let home = environment["HOME"], !home.isEmpty {
                data = home + "/.local/share/jupyter"
            } else {
                throw KernelError("HOME is not set, so there is no user folder to install into", hint: "use --prefix FOLDER")
            }
        case .prefix(let prefix):
            data = prefix + "/share/jupyter"
        case .sysPrefix:
            guard let prefix = [environment["VIRTUAL_ENV"], environment["CONDA_PREFIX"]].compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
                throw KernelError("--sys-prefix needs an active Python environment, and none is active", hint: "activate the environment Jupyter runs in (source ENV/bin/activate), or use --prefix ENV")
            }
            data = prefix + "/share/jupyter"
        case .system:
            data = "/usr/local/share/jupyter"
        }
        return data + "/kernels/" + name
    }

    /// The contents of kernel.json for the `quire` executable at `executable`.
    public static func kernelJSON(executable: String, displayName: String = "Quire", interruptMode: String = "signal") -> Data {
        let spec: [String: Any] = [
            "argv": [executable, "kernel", "--connection-file", "{connection_file}"],
            "display_name": displayName, "language": "quire", "interrupt_mode": interruptMode,
            "metadata": ["debugger": false],
        ]
        return (try? JSONSerialization.data(withJSONObject: spec, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    /// Writes the kernelspec; returns its folder.
    @discardableResult
    public static func install(
        _ location: Location, executable: String, name: String = defaultName, displayName: String = "Quire", interruptMode: String = "signal"
    ) throws(KernelError) -> String {
        let folder = try folder(location, name: name)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try kernelJSON(executable: executable, displayName: displayName, interruptMode: interruptMode)
                .write(to: URL(fileURLWithPath: folder + "/kernel.json"), options: .atomic)
            try logoPNG.write(to: URL(fileURLWithPath: folder + "/logo-64x64.png"), options: .atomic)
            try Data(logoSVG.utf8).write(to: URL(fileURLWithPath: folder + "/logo-svg.svg"), options: .atomic)
        } catch {
            throw KernelError("cannot write the kernelspec into \(folder): \(reason(error))", hint: location == .system ? "installing for every user needs root; use --user for yourself" : "check that the folder is writable")
        }
        return folder
    }

    /// Removes the kernelspec; returns its folder. Removing one that is not there is an error, so
    /// that a wrong flag (--user for a --sys-prefix install) is noticed.
    @discardableResult
    public static func uninstall(_ location: Location, name: String = defaultName) throws(KernelError) -> String {
        let folder = try folder(location, name: name)
        guard FileManager.default.fileExists(atPath: folder + "/kernel.json") else {
            throw KernelError("no Quire kernel is installed in \(folder)", hint: "`jupyter kernelspec list` shows where kernels are installed")
        }
        do {
            try FileManager.default.removeItem(atPath: folder)
        } catch {
            throw KernelError("cannot remove \(folder): \(reason(error))")
        }
        return folder
    }

    static func reason(_ error: Error) -> String {
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return (error as NSError).localizedDescription
    }

    static let logoSVG = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
        <rect x="2" y="2" width="60" height="60" rx="8" fill="#1f497d"/>
        <circle cx="32" cy="32" r="17" fill="none" stroke="#fff" stroke-width="8"/>
        <line x1="37" y1="37" x2="50" y2="50" stroke="#fff" stroke-width="6"/>
        </svg>

        """

    /// The same logo as a 64x64 PNG (drawn once, pixel by pixel, by a few lines of Python with zlib).
    static let logoPNG = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAYAAACqaXHeAAAA7ElEQVR42u3aQQrDMAxE0dyk5+mhevYUum8bsGc0iv5AtrZ5GGLZOg5CPnk8X+ekDwAAAAAAAAAAAMAKcDW3AlhNW4DdaQOgTjSAK5EA7kQBVCUCoDqlAIoFuxCWAdSLVI9vA0g9PS4BuP/ZivnkABUnSwtA5fl959wAqACqS2opQEItv2sNEgDXbQ4AAAAAAAAAAJAHsLv8jTsIOXbBv/FuXwz9Gm9MNfhtzAiASoRWN0IVCFyKci3OwwhPY6MeRyN2QFeE9g0SkQDuFplIAHeTVCyAs00uGmB8oyStsgAAAAAAAAAAQDwAGZo39rLqGECkMBYAAAAASUVORK5CYII=")!
}

import ArgumentParser
import Foundation
import QuireBuiltins
import QuireKernel

/// `quire kernel --connection-file FILE`: the Jupyter kernel; `install` and `uninstall` its spec.
struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel",
        abstract: "Run Quire as a Jupyter kernel, or install it for Jupyter.",
        discussion: "Jupyter starts `quire kernel --connection-file FILE` itself once the kernel is installed (`quire kernel install --user`).",
        subcommands: [KernelInstall.self, KernelUninstall.self])

    @Option(name: .customLong("connection-file"), help: ArgumentHelp("The connection file Jupyter wrote (ports, key).", valueName: "FILE"))
    var connectionFile: String?

    mutating func run() throws {
        guard let connectionFile else {
            throw ValidationError("give --connection-file FILE (Jupyter does this when it starts the kernel), or `quire kernel install --user` to install it")
        }
        let setup = Kernel.Setup(version: Quire.version) { try Builtins.makeInterpreter() }
        throw ExitCode(Kernel.serve(connectionFile: connectionFile, setup: setup))
    }
}

/// The place flags shared by install and uninstall.
struct KernelLocationFlags: ParsableArguments {
    @Flag(help: "Install for you only (~/.local/share/jupyter).")
    var user = false

    @Option(help: ArgumentHelp("Install under PREFIX/share/jupyter.", valueName: "PREFIX"))
    var prefix: String?

    @Flag(name: .customLong("sys-prefix"), help: "Install into the active Python environment (VIRTUAL_ENV or CONDA_PREFIX).")
    var sysPrefix = false

    @Option(help: .hidden)
    var name: String = KernelSpec.defaultName

    func location() throws -> KernelSpec.Location {
        let given = (user ? 1 : 0) + (prefix != nil ? 1 : 0) + (sysPrefix ? 1 : 0)
        if given > 1 { throw ValidationError("give one of --user, --prefix and --sys-prefix") }
        if user { return .user }
        if let prefix { return .prefix(URL(fileURLWithPath: prefix).standardizedFileURL.path) }
        if sysPrefix { return .sysPrefix }
        return .system
    }
}

struct KernelInstall: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install the Quire kernelspec so that Jupyter lists Quire (default: for every user, in /usr/local/share/jupyter).")

    @OptionGroup var where_: KernelLocationFlags

    @Option(help: .hidden)
    var displayName = "Quire"

    @Option(name: .customLong("interrupt-mode"), help: .hidden)
    var interruptMode = "signal"

    mutating func run() throws {
        guard ["signal", "message"].contains(interruptMode) else { throw ValidationError("--interrupt-mode is signal or message") }
        let location = try where_.location()
        do {
            let folder = try KernelSpec.install(
                location, executable: executablePath(), name: where_.name, displayName: displayName, interruptMode: interruptMode)
            print("installed the Quire kernel in \(folder)")
        } catch {
            FileHandle.standardError.write(Data(error.render().utf8))
            throw ExitCode(1)
        }
    }

    /// This executable's absolute path, so that the kernel runs the same quire wherever Jupyter starts.
    func executablePath() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}

struct KernelUninstall: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "uninstall", abstract: "Remove the Quire kernelspec installed with the same flags.")

    @OptionGroup var where_: KernelLocationFlags

    mutating func run() throws {
        do {
            let folder = try KernelSpec.uninstall(try where_.location(), name: where_.name)
            print("removed the Quire kernel from \(folder)")
        } catch let error as KernelError {
            FileHandle.standardError.write(Data(error.render().utf8))
            throw ExitCode(1)
        }
    }
}

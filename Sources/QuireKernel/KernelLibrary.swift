/// A C library the kernel loads with dlopen (`SharedLibrary`) when it starts instead of linking
/// it (ZeroMQ, libcrypto): linked, it would load at every start of quire. `Kernel.serve` calls
/// `require()` before anything uses the library, so that a missing one is an error the user can
/// act on.
protocol KernelLibrary: Sendable {
    /// Loaded once (Swift's lazy statics are thread-safe); nil when the library is missing.
    static var loaded: Self? { get }
    /// The error when it cannot be loaded: what is missing, and what to install.
    static var missing: KernelError { get }
}

extension KernelLibrary {
    /// The library, for the wrappers; only used after `require()` found it.
    static var api: Self {
        guard let loaded else { preconditionFailure("\(Self.self) is used before require() found it") }
        return loaded
    }

    /// Throws `missing` when the library cannot be loaded.
    static func require() throws(KernelError) { try require(loaded) }

    static func require(_ library: Self?) throws(KernelError) {
        if library == nil { throw missing }
    }
}

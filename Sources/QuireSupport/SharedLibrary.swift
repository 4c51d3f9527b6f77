#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A C library loaded with `dlopen` at first use instead of linked: the one home of dynamic
/// loading (OpenBLAS for `Gemm`, ZeroMQ and libcrypto for the Jupyter kernel).
///
/// A linked library is loaded, relocated and initialised at every start of `quire`, whether or
/// not the run uses it (libzmq alone pulls in a dozen more). Loaded here, it costs only the runs
/// that need it. Callers keep what they load in a `static let` (loaded once, thread-safe) and
/// say what to do when it is missing.
///
/// The library stays loaded for the life of the process: the handle is never closed, so the
/// symbols taken from it stay valid.
public struct SharedLibrary: @unchecked Sendable {  // the handle is immutable; dlsym is thread-safe
    private let handle: UnsafeMutableRawPointer
    /// The name that loaded (the first of the names given that `dlopen` found).
    public let name: String

    /// Loads the first of `names` (sonames such as `libzmq.so.5`, searched as `dlopen` searches)
    /// that can be loaded; nil when none can.
    public init?(_ names: String...) {
        self.init(names: names)
    }

    /// Loads the first of `names` that can be loaded; nil when none can.
    public init?(names: [String]) {
        for name in names {
            // RTLD_LOCAL: its symbols resolve nothing else in the process; RTLD_NOW: a library
            // with missing dependencies fails here rather than at some later call.
            if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) {
                self.handle = handle
                self.name = name
                return
            }
        }
        return nil
    }

    /// The symbol `name` as `type`, a C function pointer type (`@convention(c)`, as a C
    /// `typedef` of one imports); nil when the library has no such symbol. The type is the
    /// caller's promise: nothing checks it against the library.
    public func symbol<T>(_ name: String, as type: T.Type = T.self) -> T? {
        precondition(
            MemoryLayout<T>.size == MemoryLayout<UnsafeMutableRawPointer>.size,
            "SharedLibrary.symbol: \(T.self) is not a C function pointer type")
        guard let address = dlsym(handle, name) else { return nil }
        return unsafeBitCast(address, to: T.self)
    }
}

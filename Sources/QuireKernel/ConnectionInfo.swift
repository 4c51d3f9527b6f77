import Foundation

/// What a Jupyter connection file says: where to listen and how to sign.
public struct ConnectionInfo: Equatable, Sendable {
    public var transport: String
    public var ip: String
    public var key: String
    public var signatureScheme: String
    public var shellPort: Int
    public var iopubPort: Int
    public var stdinPort: Int
    public var controlPort: Int
    public var hbPort: Int

    /// Reads a connection file; the error says what is wrong in words a user can act on.
    public static func read(path: String) throws(KernelError) -> ConnectionInfo {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KernelError("cannot read the connection file \(path)", hint: "Jupyter writes this file when it starts a kernel; check the path")
        }
        return try parse(data, path: path)
    }

    public static func parse(_ data: Data, path: String) throws(KernelError) -> ConnectionInfo {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? JSONObject else {
            throw KernelError("the connection file \(path) is not a JSON object", hint: "it should hold the ports, ip, key and transport Jupyter chose")
        }
        func string(_ name: String, default value: String? = nil) throws(KernelError) -> String {
            if let s = object[name] as? String { return s }
            if object[name] == nil, let value { return value }
            throw KernelError("the connection file \(path) has no text \"\(name)\"", hint: "it should hold the ports, ip, key and transport Jupyter chose")
        }
        func port(_ name: String) throws(KernelError) -> Int {
            guard let n = object[name] as? Int, (0...65535).contains(n) else {
                throw KernelError("the connection file \(path) has no port \"\(name)\" (a number from 0 to 65535)")
            }
            return n
        }
        let scheme = try string("signature_scheme", default: "hmac-sha256")
        let key = try string("key", default: "")
        guard scheme == "hmac-sha256" || key.isEmpty else {
            throw KernelError("the connection file \(path) asks for signature scheme \"\(scheme)\"", hint: "the Quire kernel signs with hmac-sha256")
        }
        let transport = try string("transport", default: "tcp")
        guard transport == "tcp" || transport == "ipc" else {
            throw KernelError("the connection file \(path) names transport \"\(transport)\"", hint: "use tcp or ipc")
        }
        return ConnectionInfo(
            transport: transport, ip: try string("ip", default: "127.0.0.1"), key: key, signatureScheme: scheme,
            shellPort: try port("shell_port"), iopubPort: try port("iopub_port"), stdinPort: try port("stdin_port"),
            controlPort: try port("control_port"), hbPort: try port("hb_port"))
    }

    /// The address to bind a channel on.
    public func endpoint(_ port: Int) -> String {
        transport == "ipc" ? "ipc://\(ip)-\(port)" : "tcp://\(ip):\(port)"
    }
}

/// A kernel failure for the user: a message and, where it helps, what to do.
public struct KernelError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public let hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { message }

    /// `error: ...` and `  hint: ...` lines, as Quire prints errors.
    public func render() -> String {
        "error: \(message)\n" + (hint.map { "  hint: \($0)\n" } ?? "")
    }
}

import CCrypto
import Foundation

/// Signs and checks Jupyter messages with HMAC-SHA256 over their four JSON parts.
///
/// An empty key means signing is off (as the protocol says): signatures are empty and not checked.
public struct MessageSigner: Sendable {
    let key: [UInt8]

    public init(key: String) {
        self.key = Array(key.utf8)
    }

    /// The lowercase hex digest of the parts, or "" when there is no key.
    public func signature(_ parts: [Data]) -> String {
        guard !key.isEmpty else { return "" }
        var joined = Data()
        for part in parts { joined.append(part) }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = key.withUnsafeBytes { k in
            joined.withUnsafeBytes { d in
                HMAC(EVP_sha256(), k.baseAddress, Int32(k.count), d.bindMemory(to: UInt8.self).baseAddress, d.count, &digest, &length)
            }
        }
        return digest.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
    }

    /// True when `signature` is the parts' signature; compared in constant time.
    public func verify(_ signature: Data, _ parts: [Data]) -> Bool {
        guard !key.isEmpty else { return true }
        let expected = Array(self.signature(parts).utf8)
        let given = Array(signature)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

import CCrypto
import Foundation
import QuireSupport

/// OpenSSL's HMAC, found with dlopen (`SharedLibrary`) when the kernel starts instead of linked:
/// linked, libcrypto would load at every start of quire.
struct CryptoLibrary: KernelLibrary, @unchecked Sendable {  // immutable C function pointers
    let sha256: quire_EVP_sha256
    let hmac: quire_HMAC

    static let loaded: CryptoLibrary? = load()

    static var missing: KernelError {
        KernelError(
            "the Jupyter kernel needs OpenSSL's libcrypto (libcrypto.so.3) to sign its messages, and it cannot be loaded",
            hint: "install it (on Debian: sudo apt-get install libssl3), or run scripts/install-deps.sh in Quire's source folder")
    }

    /// The entry points from the first of `names` that loads; nil when none loads or one is missing.
    static func load(names: [String] = ["libcrypto.so.3"]) -> CryptoLibrary? {
        guard let lib = SharedLibrary(names: names),
            let sha256 = lib.symbol("EVP_sha256", as: quire_EVP_sha256.self),
            let hmac = lib.symbol("HMAC", as: quire_HMAC.self)
        else { return nil }
        return CryptoLibrary(sha256: sha256, hmac: hmac)
    }
}

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
        let crypto = CryptoLibrary.api
        _ = key.withUnsafeBytes { k in
            joined.withUnsafeBytes { d in
                crypto.hmac(crypto.sha256(), k.baseAddress, Int32(k.count), d.bindMemory(to: UInt8.self).baseAddress, d.count, &digest, &length)
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

import Foundation

/// A JSON object as JSONSerialization reads and writes it.
public typealias JSONObject = [String: Any]

/// The version of the Jupyter messaging protocol this kernel speaks.
public let protocolVersion = "5.3"

/// Why a received message was not taken.
public enum MessageError: Error, Equatable, CustomStringConvertible {
    case noDelimiter
    case tooFewParts
    case badSignature
    case notJSON(String)

    public var description: String {
        switch self {
        case .noDelimiter: "no <IDS|MSG> delimiter"
        case .tooFewParts: "fewer than the four JSON parts after the signature"
        case .badSignature: "the signature does not match (wrong key, or the message was altered)"
        case .notJSON(let part): "the \(part) is not a JSON object"
        }
    }
}

/// One Jupyter message: routing identities, the four JSON dictionaries and any binary buffers.
/// Only ever moved between threads whole (a queue hands it over), never shared.
public struct Message: @unchecked Sendable {
    public var identities: [Data] = []
    public var header: JSONObject
    public var parentHeader: JSONObject
    public var metadata: JSONObject
    public var content: JSONObject
    public var buffers: [Data] = []

    public var type: String { header["msg_type"] as? String ?? "" }
    public var id: String { header["msg_id"] as? String ?? "" }

    public init(identities: [Data] = [], header: JSONObject, parentHeader: JSONObject = [:], metadata: JSONObject = [:], content: JSONObject, buffers: [Data] = []) {
        self.identities = identities
        self.header = header
        self.parentHeader = parentHeader
        self.metadata = metadata
        self.content = content
        self.buffers = buffers
    }

    static let delimiter = Data("<IDS|MSG>".utf8)

    /// Reads the frames of a message off the wire, checking the signature first.
    public static func parse(_ frames: [Data], signer: MessageSigner) throws(MessageError) -> Message {
        guard let split = frames.firstIndex(of: delimiter) else { throw .noDelimiter }
        guard frames.count >= split + 6 else { throw .tooFewParts }
        let parts = Array(frames[(split + 2)..<(split + 6)])
        guard signer.verify(frames[split + 1], parts) else { throw .badSignature }
        let names = ["header", "parent header", "metadata", "content"]
        var objects: [JSONObject] = []
        for (part, name) in zip(parts, names) {
            guard let object = (try? JSONSerialization.jsonObject(with: part)) as? JSONObject else { throw .notJSON(name) }
            objects.append(object)
        }
        return Message(
            identities: Array(frames[..<split]), header: objects[0], parentHeader: objects[1], metadata: objects[2],
            content: objects[3], buffers: Array(frames[(split + 6)...]))
    }

    /// The frames to send: identities, delimiter, signature, the four JSON parts, buffers.
    public func frames(signer: MessageSigner) -> [Data] {
        let parts = [header, parentHeader, metadata, content].map(Self.encode)
        return identities + [Self.delimiter, Data(signer.signature(parts).utf8)] + parts + buffers
    }

    /// Keys sorted, slashes not escaped (base64 PNGs and SVG documents are full of them). Written
    /// by `JSONText`, which copies long strings byte by byte; JSONSerialization writes what it
    /// does not know.
    static func encode(_ object: JSONObject) -> Data {
        if let data = JSONText.data(object) { return data }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }

    /// A new header for a message of `type` sent by this kernel's `session`.
    public static func header(type: String, session: String) -> JSONObject {
        [
            "msg_id": UUID().uuidString.lowercased(), "session": session, "username": "quire",
            "date": timestamp(), "msg_type": type, "version": protocolVersion,
        ]
    }

    /// Now, as ISO 8601 with microseconds in UTC, as Jupyter writes dates.
    static func timestamp() -> String {
        var now = timeval()
        gettimeofday(&now, nil)
        var seconds = time_t(now.tv_sec)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(now.tv_usec))
    }
}

/// JSON text of the values messages are made of (strings, integers, doubles, booleans, null,
/// arrays, objects), written faster than JSONSerialization writes a figure's long strings. A
/// value of another type (an NSNumber from a parsed message) is written by JSONSerialization;
/// nil when neither can write it (a NaN).
enum JSONText {
    static func data(_ value: Any) -> Data? {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        guard write(value, into: &out) else { return nil }
        return Data(out)
    }

    static func write(_ value: Any, into out: inout [UInt8]) -> Bool {
        switch value {
        case let text as String:
            string(text, into: &out)
        case let flag as Bool where type(of: value) == Bool.self:
            out += flag ? Array("true".utf8) : Array("false".utf8)
        case let number as Int where type(of: value) == Int.self:
            out += Array(String(number).utf8)
        case let number as Double where type(of: value) == Double.self:
            guard number.isFinite else { return false }
            out += Array("\(number)".utf8)
        case is NSNull:
            out += Array("null".utf8)
        case let object as [String: Any]:
            out.append(UInt8(ascii: "{"))
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                string(key, into: &out)
                out.append(UInt8(ascii: ":"))
                guard write(object[key]!, into: &out) else { return false }
            }
            out.append(UInt8(ascii: "}"))
        case let list as [Any]:
            out.append(UInt8(ascii: "["))
            for (index, item) in list.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                guard write(item, into: &out) else { return false }
            }
            out.append(UInt8(ascii: "]"))
        default:
            let options: JSONSerialization.WritingOptions = [.fragmentsAllowed, .sortedKeys, .withoutEscapingSlashes]
            guard JSONSerialization.isValidJSONObject([value]),
                let data = try? JSONSerialization.data(withJSONObject: value, options: options)
            else { return false }
            out += data
        }
        return true
    }

    static func string(_ text: String, into out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20: out += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

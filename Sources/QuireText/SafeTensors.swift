import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A safetensors file, memory-mapped: an 8-byte little-endian header length, a JSON header
/// (`{"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}`)
/// and the tensors' bytes. Every offset and shape is checked against the file when it is opened:
/// a corrupt file is a `TextModelError`, never a read outside the mapping.
public final class SafeTensors: @unchecked Sendable {
    /// One tensor's entry in the header.
    public struct Entry: Equatable, Sendable {
        public let dtype: String
        public let shape: [Int]
        /// Byte range inside the data section (after the header).
        public let begin: Int
        public let end: Int
    }

    public let path: String
    public let entries: [String: Entry]
    private let base: UnsafeRawPointer
    private let mappedLength: Int
    private let dataStart: Int

    /// Bytes per element of the element types Quire reads.
    static let elementSize: [String: Int] = ["F32": 4, "F16": 2, "BF16": 2, "F64": 8, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1]

    /// Maps `path` and checks its header.
    public init(path: String) throws(TextModelError) {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .unreadable(path: path, reason: "it is not a regular file") }
        let size = Int(info.st_size)
        guard size >= 8 else { throw .corruptSafetensors(path: path, reason: "it has \(size) bytes, fewer than the 8 of the header length") }
        guard let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        let raw = UnsafeRawPointer(map)
        do {
            let (entries, dataStart) = try Self.parseHeader(raw, size: size, path: path)
            self.entries = entries
            self.dataStart = dataStart
        } catch {
            munmap(map, size)
            throw error
        }
        base = raw
        mappedLength = size
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), mappedLength) }

    /// Reads and checks the header of a mapped file: every entry's dtype, shape and offsets.
    static func parseHeader(_ raw: UnsafeRawPointer, size: Int, path: String) throws(TextModelError) -> ([String: Entry], Int) {
        var length: UInt64 = 0
        for i in 0..<8 { length |= UInt64(raw.load(fromByteOffset: i, as: UInt8.self)) << (8 * UInt64(i)) }
        guard length <= UInt64(size - 8) else {
            throw .corruptSafetensors(path: path, reason: "the header claims \(length) bytes but the file has \(size - 8) after the length")
        }
        guard length >= 2 else { throw .corruptSafetensors(path: path, reason: "the header is empty") }
        let headerData = Data(bytes: raw + 8, count: Int(length))
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: headerData)
        } catch {
            throw .corruptSafetensors(path: path, reason: "the header is not valid JSON")
        }
        guard let header = object as? [String: Any] else { throw .corruptSafetensors(path: path, reason: "the header is not a JSON object") }
        let dataStart = 8 + Int(length)
        let dataSize = size - dataStart
        var entries: [String: Entry] = [:]
        for (name, value) in header where name != "__metadata__" {
            func bad(_ why: String) -> TextModelError { .corruptSafetensors(path: path, reason: "the tensor \"\(name)\" \(why)") }
            guard let fields = value as? [String: Any] else { throw bad("is not described by a JSON object") }
            guard let dtype = fields["dtype"] as? String else { throw bad("has no dtype") }
            guard let shapeValues = fields["shape"] as? [Any] else { throw bad("has no shape") }
            guard let offsets = fields["data_offsets"] as? [Any], offsets.count == 2 else { throw bad("has no data_offsets [begin, end]") }
            var shape: [Int] = []
            for s in shapeValues {
                guard let n = s as? NSNumber, let d = Int(exactly: n.doubleValue), d >= 0 else { throw bad("has a shape that is not a list of sizes") }
                shape.append(d)
            }
            var range: [Int] = []
            for o in offsets {
                guard let n = o as? NSNumber, let d = Int(exactly: n.doubleValue), d >= 0 else { throw bad("has offsets that are not byte positions") }
                range.append(d)
            }
            guard range[0] <= range[1], range[1] <= dataSize else {
                throw bad("has offsets \(range[0])..<\(range[1]) outside the \(dataSize) bytes of data")
            }
            guard let width = elementSize[dtype] else { throw bad("has an unknown dtype \"\(dtype)\"") }
            var count = 1
            for d in shape {
                let (product, overflow) = count.multipliedReportingOverflow(by: d)
                guard !overflow else { throw bad("has a shape too large") }
                count = product
            }
            let (bytes, overflow) = count.multipliedReportingOverflow(by: width)
            guard !overflow, bytes == range[1] - range[0] else {
                throw bad("has shape \(TextModelError.shape(shape)) of \(dtype) but \(range[1] - range[0]) bytes")
            }
            entries[name] = Entry(dtype: dtype, shape: shape, begin: range[0], end: range[1])
        }
        return (entries, dataStart)
    }

    /// The tensor `name` as float32, checked to have `shape`. An F32 tensor aligned in the file
    /// is used where it lies in the mapping (no copy); F16 and BF16 are widened into a buffer.
    public func floats(_ name: String, shape expected: [Int]) throws(TextModelError) -> Weights {
        guard let entry = entries[name] else { throw .missingTensor(path: path, name: name) }
        guard entry.shape == expected else { throw .wrongShape(path: path, name: name, expected: expected, found: entry.shape) }
        let count = expected.reduce(1, *)
        let start = base + dataStart + entry.begin
        switch entry.dtype {
        case "F32":
            #if _endian(little)
                if Int(bitPattern: start) % MemoryLayout<Float>.alignment == 0 {
                    return Weights(mapped: start.assumingMemoryBound(to: Float.self), count: count, owner: self)
                }
            #endif
            return Weights(count: count) { i in
                Float(bitPattern: UInt32(littleEndian: start.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
            }
        case "F16":
            return Weights(count: count) { i in
                Float(Float16(bitPattern: UInt16(littleEndian: start.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))))
            }
        case "BF16":
            return Weights(count: count) { i in
                Float(bitPattern: UInt32(UInt16(littleEndian: start.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) << 16)
            }
        default:
            throw .unsupportedDType(path: path, name: name, dtype: entry.dtype)
        }
    }
}

/// A float32 tensor: either where it lies in a mapped safetensors file (kept mapped while this
/// lives) or in a buffer of its own.
public final class Weights: @unchecked Sendable {
    public let pointer: UnsafePointer<Float>
    public let count: Int
    private let owner: AnyObject?
    private let owned: UnsafeMutablePointer<Float>?

    init(mapped pointer: UnsafePointer<Float>, count: Int, owner: AnyObject) {
        self.pointer = pointer
        self.count = count
        self.owner = owner
        owned = nil
    }

    init(count: Int, _ value: (Int) -> Float) {
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: max(1, count))
        for i in 0..<count { buffer[i] = value(i) }
        pointer = UnsafePointer(buffer)
        self.count = count
        owner = nil
        owned = buffer
    }

    /// A tensor made in memory (tests, small models).
    public convenience init(_ values: [Float]) {
        self.init(count: values.count) { values[$0] }
    }

    deinit { owned?.deallocate() }

    public subscript(i: Int) -> Float { pointer[i] }
}

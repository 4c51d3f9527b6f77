import Foundation

#if canImport(Glibc)
    import CMalloc
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a buffer is for, so that a refusal can name it (arrays by shape, the rest by length).
public enum Allocation: Equatable, Sendable {
    case array(shape: [Int])
    case string(length: Int)
    case list(count: Int)
    case dict(count: Int)
    /// Bytes of a file or stream (e.g. a decompressed CSV).
    case data(bytes: Int)
}

/// Why a size was refused before any memory was touched: data only, worded by QuireLang.
public enum SizeError: Error, Equatable, Sendable {
    /// The element count or byte size does not even fit in a 64-bit integer; `bytes` is the
    /// size computed in floating point, for the message.
    case tooLarge(Allocation, bytes: Double)
    /// The size is computable but more than this process can allocate now.
    case outOfMemory(Allocation, bytes: Int, available: Int)
    /// The size is more than the sandbox's memory cap (`--memory`) leaves: `limit` is the cap.
    case overLimit(Allocation, bytes: Int, available: Int, limit: Int)
}

/// The one checked path from user sizes to allocations: element counts and byte sizes computed
/// with overflow checks, and large buffers refused with an error instead of an abort.
public enum Memory {
    /// Below this, allocations are not checked against the limit: small buffers fail only when
    /// the process is already lost, and checking costs a system call.
    public static let checkThreshold = 1 << 20

    /// The product of `shape`'s dimensions, or nil when the product of its non-zero dimensions
    /// overflows (numpy's rule: then even an empty array's strides would overflow). Negative
    /// dimensions are the caller's to refuse first.
    public static func elementCount(_ shape: [Int]) -> Int? {
        var n = 1
        for d in shape where d != 0 {
            let (p, overflow) = n.multipliedReportingOverflow(by: d)
            if overflow { return nil }
            n = p
        }
        return shape.contains(0) ? 0 : n
    }

    /// `count * size`, or nil when it overflows.
    public static func product(_ count: Int, _ size: Int) -> Int? {
        let (p, overflow) = count.multipliedReportingOverflow(by: size)
        return overflow ? nil : p
    }

    /// Checks that an array of `shape` with elements of `elementSize` bytes can be allocated
    /// now, and gives its element count.
    @discardableResult
    public static func reserve(shape: [Int], elementSize: Int) throws(SizeError) -> Int {
        guard let count = elementCount(shape) else {
            let approximate = shape.filter { $0 != 0 }.reduce(Double(elementSize)) { $0 * Double($1) }
            throw .tooLarge(.array(shape: shape), bytes: approximate)
        }
        try reserve(.array(shape: shape), count: count, elementSize: elementSize)
        return count
    }

    /// Checks that `count` elements of `elementSize` bytes can be allocated now.
    public static func reserve(_ what: Allocation, count: Int, elementSize: Int) throws(SizeError) {
        guard let bytes = product(count, elementSize) else {
            throw .tooLarge(what, bytes: Double(count) * Double(elementSize))
        }
        try reserve(what, bytes: bytes)
    }

    /// Checks that `bytes` can be allocated now: within physical memory and the address-space
    /// limit (ulimit -v) less what the process already maps, and that malloc gives them.
    public static func reserve(_ what: Allocation, bytes: Int) throws(SizeError) {
        guard bytes >= checkThreshold else { return }
        if let limit {
            let room = Swift.max(0, limit - residentBytes())
            guard bytes <= room else { throw .overLimit(what, bytes: bytes, available: room, limit: limit) }
        }
        let room = available()
        guard bytes <= room else { throw .outOfMemory(what, bytes: bytes, available: room) }
        // The limits above are estimates (other mappings, overcommit policy): ask malloc itself,
        // which returns nil where growing a Swift array would abort.
        guard let probe = malloc(bytes) else { throw .outOfMemory(what, bytes: bytes, available: room) }
        free(probe)
    }

    /// The bytes the process may still allocate: physical memory, or the address-space limit
    /// less the address space already in use when that is smaller.
    public static func available() -> Int {
        let physical = physicalMemory
        guard let limit = addressSpaceLimit() else { return physical }
        return Swift.min(physical, Swift.max(0, limit - addressSpaceInUse()))
    }

    /// The sandbox's memory cap in bytes (`quire run --sandbox --memory 2G`): a buffer that
    /// would take the process's resident memory past it is refused. Nil: no cap.
    @TaskLocal public static var limit: Int?

    /// The process's resident memory in bytes (Linux: /proc/self/statm), 0 when unknown.
    public static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// A size as written on the command line: `2G`, `512M`, `100k`, `1.5G`, or plain bytes.
    public static func parseSize(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [(String, Double)] = [("GB", 1e9), ("MB", 1e6), ("KB", 1e3), ("G", 1e9), ("M", 1e6), ("K", 1e3), ("B", 1)]
        for (suffix, scale) in units where t.hasSuffix(suffix) {
            guard let n = Double(t.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), n > 0, n.isFinite else { return nil }
            return Int(exactly: (n * scale).rounded())
        }
        guard let n = Int(t), n > 0 else { return nil }
        return n
    }

    /// Asks malloc to keep large freed buffers for the next allocations instead of giving them
    /// back to the kernel at once (glibc: buffers up to 1 GB come from the heap, and up to
    /// 256 MB of free heap is kept). A table read, filtered or computed on then reuses the pages
    /// of the buffers freed before it, which the kernel would otherwise have to zero again: a
    /// boolean filter of a 1,000,000-row table right after reading it takes about a tenth less,
    /// a column's arithmetic a quarter of the time. Freed memory above 256 MB is still returned.
    /// The quire executable calls it once at start; libraries never do.
    /// Returns whether malloc took both settings.
    @discardableResult
    public static func keepFreedBuffers() -> Bool {
        #if canImport(Glibc)
            return mallopt(M_MMAP_THRESHOLD, 1 << 30) == 1 && mallopt(M_TRIM_THRESHOLD, 256 << 20) == 1
        #else
            return false
        #endif
    }

    /// The machine's memory, read once.
    static let physicalMemory = Int(clamping: ProcessInfo.processInfo.physicalMemory)

    /// The soft RLIMIT_AS in bytes, or nil when unlimited.
    public static func addressSpaceLimit() -> Int? {
        var limit = rlimit()
        #if os(Linux)
            guard getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0 else { return nil }
            let infinity = rlim_t.max  // RLIM_INFINITY, ~0, which Swift does not import
        #else
            guard getrlimit(RLIMIT_AS, &limit) == 0 else { return nil }
            let infinity = RLIM_INFINITY
        #endif
        guard limit.rlim_cur != infinity else { return nil }
        return Int(clamping: limit.rlim_cur)
    }

    /// The process's mapped address space in bytes (Linux: /proc/self/statm), 0 when unknown.
    static func addressSpaceInUse() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
            let pages = text.split(separator: " ").first.flatMap({ Int($0) })
        else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// A byte count for people: "80 GB", "512 MB", "1.5 GB", "3.4e+11 GB".
    public static func describe(bytes: Double) -> String {
        let units: [(String, Double)] = [("GB", 1e9), ("MB", 1e6), ("KB", 1e3)]
        for (name, size) in units where bytes >= size {
            let value = bytes / size
            if value >= 1e6 { return String(format: "%.1e", value) + " " + name }
            if value >= 10 || value == value.rounded() { return "\(Int(value.rounded())) \(name)" }
            return String(format: "%.1f", value) + " " + name
        }
        return "\(Int(bytes)) bytes"
    }
}

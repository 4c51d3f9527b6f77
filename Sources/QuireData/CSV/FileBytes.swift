import CZlib
import Foundation
import QuireSupport

/// Reading a whole file into memory, through zlib when it is gzip-compressed.
enum FileBytes {
    /// gzip's first two bytes.
    static let gzipMagic: [UInt8] = [0x1F, 0x8B]
    /// Bytes asked of zlib per call.
    static let gzipBlock = 1 << 20
    /// Bytes read per call from a plain file.
    static let readBlock = 1 << 24
    /// Files at least this big are read on several threads.
    static let parallelReadThreshold = 1 << 24

    /// Decompressed data may exceed `maxRatio` times the compressed file by this much, so that
    /// small, very repetitive files never trip the limit.
    static let gzipSlack = 1 << 20

    static func load(
        path: String, maxRatio: Int = CSVOptions.defaultMaxGzipRatio, parallelFrom: Int = parallelReadThreshold
    ) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            if errno == ENOENT { throw CSVError.fileNotFound(path: path) }
            throw CSVError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        var info = stat()
        guard fstat(fileno(file), &info) == 0 else {
            throw CSVError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw CSVError.unreadable(path: path, reason: "it is a folder") }
        let size = Int(info.st_size)
        try Memory.reserve(.data(bytes: size), bytes: size)
        // In blocks, so that a stop is noticed while a big file is read; not zeroed first. A big
        // file is read in parts on every core (the kernel's copy and the page faults are most
        // of the time).
        let parts = size >= parallelFrom ? max(2, ProcessInfo.processInfo.activeProcessorCount) : 1
        let fd = fileno(file)
        var bytes = try [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            guard size > 0 else { return }
            let start = UInt(bitPattern: buffer.baseAddress)
            let complete = ParallelResults<Bool>(count: parts)
            Parallel.forEach(parts, chunks: parts) { part, _ in
                let range = Parallel.range(part, of: size, chunks: parts)
                guard let first = UnsafeMutablePointer<UInt8>(bitPattern: start) else { return }
                let base = first + range.lowerBound
                FreshPages.prefault(base, bytes: range.count)
                var done = 0
                while done < range.count {
                    if Cancellation.isCancelled { break }
                    let n = pread(fd, base + done, min(readBlock, range.count - done), off_t(range.lowerBound + done))
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { break }
                    done += n
                }
                complete.set(part, .success(done == range.count))
            }
            try Cancellation.check()
            guard let whole = complete.values(), !whole.contains(false) else { return }
            count = size
        }
        guard bytes.count == size else { throw CSVError.unreadable(path: path, reason: "short read") }
        if bytes.count >= 2 && bytes[0] == gzipMagic[0] && bytes[1] == gzipMagic[1] {
            bytes = []
            let limit = (Checked.product(size, Swift.max(maxRatio, 1)).flatMap { Checked.sum($0, gzipSlack) }) ?? Int.max
            return try gunzip(path: path, limit: limit, ratio: maxRatio)
        }
        return bytes
    }

    /// The file decompressed; more than `limit` bytes (a decompression bomb, most likely) is an
    /// error before they are held.
    static func gunzip(path: String, limit: Int = Int.max, ratio: Int = CSVOptions.defaultMaxGzipRatio) throws -> [UInt8] {
        guard let gz = gzopen(path, "rb") else { throw CSVError.unreadable(path: path, reason: "zlib could not open it") }
        defer { gzclose(gz) }
        var out: [UInt8] = []
        var block = [UInt8](repeating: 0, count: gzipBlock)
        while true {
            try Cancellation.check()
            let n = block.withUnsafeMutableBytes { gzread(gz, $0.baseAddress, UInt32(gzipBlock)) }
            if n < 0 { throw CSVError.corruptGzip(path: path) }
            if n == 0 { break }
            let total = out.count + Int(n)
            guard total <= limit else { throw CSVError.decompressedTooLarge(path: path, limit: limit, ratio: ratio) }
            if total > out.capacity {
                // Growing doubles the buffer: check that the doubled size can be had.
                let grown = Swift.min(Swift.max(total, out.capacity * 2), limit)
                try Memory.reserve(.data(bytes: grown), bytes: grown)
                out.reserveCapacity(grown)
            }
            out.append(contentsOf: block[0..<Int(n)])
        }
        var errnum: Int32 = 0
        _ = gzerror(gz, &errnum)
        if errnum != Z_OK && errnum != Z_STREAM_END { throw CSVError.corruptGzip(path: path) }
        return out
    }
}

/// UTF-8 validation, fast when the text is ASCII.
enum UTF8Check {
    /// The offset of the first byte that is not valid UTF-8, or nil when all are.
    static func firstInvalid(_ buf: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = buf.count
        var nextPoll = 1 << 22
        while i < n {
            // A stopped read skips the check; the tokenizer then throws at its first row.
            if i >= nextPoll {
                if Cancellation.isCancelled { return nil }
                nextPoll = i + (1 << 22)
            }
            // Skip ASCII eight bytes at a time.
            if i + 8 <= n {
                let word = UnsafeRawPointer(buf.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
            }
            let b = buf[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            let lowest: UInt32
            if b & 0xE0 == 0xC0 { length = 2; lowest = 0x80 } else if b & 0xF0 == 0xE0 { length = 3; lowest = 0x800 } else if b & 0xF8 == 0xF0 {
                length = 4
                lowest = 0x10000
            } else { return i }
            guard i + length <= n else { return i }
            var scalar = UInt32(b) & (0x7F >> UInt32(length))
            for k in 1..<length {
                let c = buf[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < lowest || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += length
        }
        return nil
    }
}

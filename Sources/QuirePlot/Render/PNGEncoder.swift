import CZlib

/// Encodes a Cairo image surface as PNG straight from its pixel rows, tuned for speed.
///
/// Cairo's own writer (`cairo_surface_write_to_png`) goes through libpng with zlib's default
/// level and libpng's adaptive filtering, which tries five filters on every row. Figures are
/// mostly flat colour, where one cheap filter and zlib's fastest level with run-length matching
/// compress nearly as well in a fraction of the time. The pixels are the ones Cairo would
/// write: premultiplied alpha is undone with Cairo's own rounding; a surface with no
/// transparent pixel is written as RGB (decoders read alpha 255 for it, as before).
enum PNGEncoder {
    /// zlib's level: 1 is the fastest that still finds matches.
    static let level: Int32 = 1
    /// Bytes of output asked of zlib per call.
    static let outputBlock = 1 << 16

    enum Failure: Error { case zlib(Int32) }

    /// The PNG bytes of `height` rows of `width` pixels in Cairo's ARGB32 (or RGB24, with
    /// `alpha` false) layout, `stride` bytes apart.
    static func encode(_ pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int, alpha surfaceAlpha: Bool) throws -> [UInt8] {
        let alpha = surfaceAlpha && !isOpaque(pixels, width: width, height: height, stride: stride)
        let channels = alpha ? 4 : 3
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        appendBigEndian(&header, UInt32(width))
        appendBigEndian(&header, UInt32(height))
        header += [8, alpha ? 6 : 2, 0, 0, 0]  // 8 bits, RGBA or RGB, deflate, adaptive filters, no interlace
        appendChunk(&out, "IHDR", header)
        let idat = try compressRows(pixels, width: width, height: height, stride: stride, channels: channels)
        appendChunk(&out, "IDAT", idat)
        appendChunk(&out, "IEND", [])
        return out
    }

    /// Whether every pixel's alpha is 255.
    static func isOpaque(_ pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int) -> Bool {
        for y in 0..<height {
            let row = UnsafeRawPointer(pixels + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width where row[x] >> 24 != 0xFF { return false }
        }
        return true
    }

    /// Filters each row with PNG's "Up" filter (the difference to the row above, zero on
    /// flat areas and along vertical edges) and deflates the rows in one stream.
    static func compressRows(_ pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int, channels: Int) throws -> [UInt8] {
        let rowBytes = 1 + width * channels
        var previous = [UInt8](repeating: 0, count: rowBytes)
        var current = [UInt8](repeating: 0, count: rowBytes)
        var filtered = [UInt8](repeating: 0, count: rowBytes)
        var stream = z_stream()
        let status = deflateInit2_(&stream, level, Z_DEFLATED, 15, 8, Z_RLE, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Failure.zlib(status) }
        defer { deflateEnd(&stream) }
        var out: [UInt8] = []
        out.reserveCapacity(max(1024, height * rowBytes / 8))
        var block = [UInt8](repeating: 0, count: outputBlock)
        for y in 0..<height {
            unpack(pixels + y * stride, width: width, channels: channels, into: &current)
            filtered[0] = 2  // Up
            for i in 1..<rowBytes { filtered[i] = current[i] &- previous[i] }
            try filtered.withUnsafeMutableBufferPointer { input in
                try deflateAll(&stream, input, flush: y == height - 1 ? Z_FINISH : Z_NO_FLUSH, block: &block, out: &out)
            }
            swap(&previous, &current)
        }
        if height == 0 {
            var empty: [UInt8] = [0]
            try empty.withUnsafeMutableBufferPointer { try deflateAll(&stream, UnsafeMutableBufferPointer(rebasing: $0[0..<0]), flush: Z_FINISH, block: &block, out: &out) }
        }
        return out
    }

    /// Feeds `input` to zlib, appending what it writes to `out`.
    static func deflateAll(_ stream: inout z_stream, _ input: UnsafeMutableBufferPointer<UInt8>, flush: Int32, block: inout [UInt8], out: inout [UInt8]) throws {
        stream.next_in = input.baseAddress
        stream.avail_in = UInt32(input.count)
        try block.withUnsafeMutableBufferPointer { buffer in
            repeat {
                stream.next_out = buffer.baseAddress
                stream.avail_out = UInt32(buffer.count)
                let status = deflate(&stream, flush)
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else { throw Failure.zlib(status) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<(buffer.count - Int(stream.avail_out))]))
            } while stream.avail_out == 0
        }
    }

    /// One row of Cairo pixels (native-endian 0xAARRGGBB words, premultiplied) as RGB or RGBA
    /// bytes after the filter byte, with Cairo's unpremultiplication.
    @inline(__always)
    static func unpack(_ row: UnsafePointer<UInt8>, width: Int, channels: Int, into bytes: inout [UInt8]) {
        let words = UnsafeRawPointer(row).assumingMemoryBound(to: UInt32.self)
        bytes.withUnsafeMutableBufferPointer { b in
            var o = 1
            if channels == 3 {
                for x in 0..<width {
                    let p = words[x]
                    b[o] = UInt8(truncatingIfNeeded: p >> 16)
                    b[o + 1] = UInt8(truncatingIfNeeded: p >> 8)
                    b[o + 2] = UInt8(truncatingIfNeeded: p)
                    o += 3
                }
            } else {
                for x in 0..<width {
                    let p = words[x]
                    let a = UInt32(p >> 24)
                    if a == 0 {
                        b[o] = 0; b[o + 1] = 0; b[o + 2] = 0; b[o + 3] = 0
                    } else {
                        // Cairo's unpremultiply_data: (c * 255 + a / 2) / a.
                        b[o] = UInt8(((p >> 16 & 0xFF) * 255 + a / 2) / a)
                        b[o + 1] = UInt8(((p >> 8 & 0xFF) * 255 + a / 2) / a)
                        b[o + 2] = UInt8(((p & 0xFF) * 255 + a / 2) / a)
                        b[o + 3] = UInt8(a)
                    }
                    o += 4
                }
            }
        }
    }

    static func appendBigEndian(_ out: inout [UInt8], _ v: UInt32) {
        out += [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
    }

    /// A chunk: length, type, data and the CRC of type and data.
    static func appendChunk(_ out: inout [UInt8], _ type: String, _ data: [UInt8]) {
        appendBigEndian(&out, UInt32(data.count))
        let typeBytes = Array(type.utf8)
        var crc = crc32(0, typeBytes, 4)
        out += typeBytes
        out += data
        // zlib's crc32 of a null buffer is its initial value, not an update: skip empty data.
        if !data.isEmpty { data.withUnsafeBufferPointer { crc = crc32(crc, $0.baseAddress, UInt32($0.count)) } }
        appendBigEndian(&out, UInt32(truncatingIfNeeded: crc))
    }
}

/// How pixels outside the image are made up, with OpenCV's names and rules.
public enum BorderMode: String, CaseIterable, Sendable {
    /// `iiiiii|abcdefgh|iiiiiii` with a fixed value (0 by default).
    case constant
    /// `aaaaaa|abcdefgh|hhhhhhh`.
    case replicate
    /// `fedcba|abcdefgh|hgfedcb`.
    case reflect
    /// `cdefgh|abcdefgh|abcdefg`.
    case wrap
    /// `gfedcb|abcdefgh|gfedcba`: OpenCV's default for filters.
    case reflect101 = "reflect_101"

    /// The source index that stands for position `p` in a line of `length` pixels, or nil when
    /// the constant value is used (OpenCV's borderInterpolate).
    @inline(__always)
    func index(_ p: Int, _ length: Int) -> Int? {
        if p >= 0 && p < length { return p }
        switch self {
        case .constant:
            return nil
        case .replicate:
            return p < 0 ? 0 : length - 1
        case .reflect, .reflect101:
            if length == 1 { return 0 }
            let delta = self == .reflect101 ? 1 : 0
            var q = p
            repeat {
                q = q < 0 ? -q - 1 + delta : length - 1 - (q - length) - delta
            } while q < 0 || q >= length
            return q
        case .wrap:
            let r = p % length
            return r < 0 ? r + length : r
        }
    }
}

/// Copies source rows into a buffer widened by the kernel's reach on both sides, so that the
/// inner loops read neighbours without any bounds logic (OpenCV's FilterEngine does the same).
struct RowPadder<T>: @unchecked Sendable {
    // @unchecked: holds a read-only pointer into the source image, used only during one filter call.
    let source: UnsafePointer<T>
    let layout: ImageLayout
    let left: Int
    let right: Int
    let border: BorderMode
    let constant: T

    /// Elements in one padded row.
    var paddedLength: Int { (layout.width + left + right) * layout.channels }

    /// Fills `dest` with source row `row` (mapped through the border rule) plus its margins.
    func fill(row: Int, into dest: UnsafeMutablePointer<T>) {
        let c = layout.channels, w = layout.width
        guard let r = border.index(row, layout.height) else {
            dest.update(repeating: constant, count: paddedLength)
            return
        }
        let line = source + r * w * c
        (dest + left * c).update(from: line, count: w * c)
        for x in 0..<left { copyPixel(line, border.index(x - left, w), dest + x * c) }
        for x in 0..<right { copyPixel(line, border.index(w + x, w), dest + (left + w + x) * c) }
    }

    @inline(__always)
    private func copyPixel(_ line: UnsafePointer<T>, _ index: Int?, _ dest: UnsafeMutablePointer<T>) {
        let c = layout.channels
        if let index {
            dest.update(from: line + index * c, count: c)
        } else {
            dest.update(repeating: constant, count: c)
        }
    }
}

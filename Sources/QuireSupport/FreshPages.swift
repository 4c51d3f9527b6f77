#if canImport(Glibc)
    import Glibc
#endif

/// Faulting in a large output buffer's pages in one system call before it is written, instead of
/// one page fault per 4 KB page as the writes reach them (Linux 5.14's `MADV_POPULATE_WRITE`).
/// The contents are unchanged; on systems without it nothing happens and the writes fault the
/// pages in as usual. For buffers about to be filled completely (a gathered column): on a small
/// one the system call costs more than the faults it saves.
public enum FreshPages {
    /// Buffers smaller than this are left to fault page by page.
    public static let minimumBytes = 1 << 20

    /// Prepares the whole pages inside `bytes` bytes at `start` for writing.
    public static func prefault(_ start: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
            guard bytes >= minimumBytes else { return }
            let page = 4096
            let first = (Int(bitPattern: start) + page - 1) & ~(page - 1)
            let end = (Int(bitPattern: start) + bytes) & ~(page - 1)
            guard end > first, let p = UnsafeMutableRawPointer(bitPattern: first) else { return }
            // MADV_POPULATE_WRITE (23): an older kernel answers EINVAL, which changes nothing.
            _ = madvise(p, end - first, 23)
        #endif
    }
}

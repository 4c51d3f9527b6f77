#if canImport(Glibc)
    import Glibc
#endif

/// Faulting in a large output buffer's pages before it is written, in one system call instead of
/// one page fault per 4 KB page as the writes reach them (Linux 5.14's `MADV_POPULATE_WRITE`),
/// and in 2 MB transparent huge pages where the kernel allows them (`MADV_HUGEPAGE`, as numpy
/// advises its large arrays; populated at once rather than on first touch). The contents are
/// unchanged; where either call is unsupported it fails harmlessly and the writes fault the pages
/// in as usual. Meant for buffers about to be filled completely (a gathered column): on a small
/// one the system calls cost more than the faults they save.
public enum FreshPages {
    /// Buffers smaller than this are left to fault page by page.
    public static let minimumBytes = 1 << 20
    /// Buffers from this size are also advised to use huge pages.
    public static let hugePageBytes = 4 << 20

    /// Prepares the whole pages inside `bytes` bytes at `start` for writing.
    public static func prefault(_ start: UnsafeMutableRawPointer?, bytes: Int) {
        #if os(Linux)
            guard let start, bytes >= minimumBytes else { return }
            let page = 4096
            let first = (Int(bitPattern: start) + page - 1) & ~(page - 1)
            let end = (Int(bitPattern: start) + bytes) & ~(page - 1)
            guard end > first, let p = UnsafeMutableRawPointer(bitPattern: first) else { return }
            // MADV_HUGEPAGE (14), then MADV_POPULATE_WRITE (23); an older kernel or one without
            // transparent huge pages answers EINVAL, which changes nothing.
            if bytes >= hugePageBytes { _ = madvise(p, end - first, 14) }
            _ = madvise(p, end - first, 23)
        #endif
    }
}

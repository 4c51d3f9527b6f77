import COpenBLAS
import QuireSupport
#if canImport(Glibc)
import Glibc
#endif

/// Dense matrix products on OpenBLAS: the one home of the library's GEMM, for the arrays, the
/// neural networks and the text encoder.
///
/// OpenBLAS is loaded at the first product (`OpenBLAS.library`), not linked: linked, it would
/// start its thread pool at every start of quire. Where it cannot be loaded, products take a
/// plain loop (`plainProduct`), slower but with the same results up to rounding.
///
/// Matrices are row-major and contiguous in their rows (`lda`, `ldb`, `ldc` are row strides in
/// elements). `c = alpha * op(a) * op(b) + beta * c`, where `op(x)` is `x` or its transpose.
/// `a` is `m x k` after `op`, `b` is `k x n` after `op`, `c` is `m x n`.
public enum Gemm {
    /// Whether an operand is used as stored or transposed.
    public enum Operand: Sendable { case plain, transposed }

    /// Sets how many threads OpenBLAS uses for one product (at least 1). By default it uses
    /// every core; benchmarks set it to match the peer they are compared with.
    public static func setThreads(_ count: Int) {
        OpenBLAS.library?.setThreads(Int32(clamping: max(1, count)))
    }

    /// How many threads OpenBLAS uses for one product (1 for the plain loop).
    public static var threads: Int { OpenBLAS.library.map { Int($0.getThreads()) } ?? 1 }

    /// Single precision: `c = alpha * op(a) * op(b) + beta * c`.
    public static func multiply(
        _ opA: Operand = .plain, _ opB: Operand = .plain, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else { return scale(c, rows: m, columns: n, ld: ldc, by: beta) }
        guard let blas = OpenBLAS.library, let dims = BlasSizes(m, n, k, lda, ldb, ldc) else {
            return plainProduct(opA, opB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        }
        blas.sgemm(
            Int32(QUIRE_CBLAS_ROW_MAJOR), transpose(opA), transpose(opB), dims.m, dims.n, dims.k,
            alpha, a, dims.lda, b, dims.ldb, beta, c, dims.ldc)
    }

    /// Double precision: `c = alpha * op(a) * op(b) + beta * c`.
    public static func multiply(
        _ opA: Operand = .plain, _ opB: Operand = .plain, m: Int, n: Int, k: Int,
        alpha: Double = 1, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int,
        beta: Double = 0, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else { return scale(c, rows: m, columns: n, ld: ldc, by: beta) }
        guard let blas = OpenBLAS.library, let dims = BlasSizes(m, n, k, lda, ldb, ldc) else {
            return plainProduct(opA, opB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        }
        blas.dgemm(
            Int32(QUIRE_CBLAS_ROW_MAJOR), transpose(opA), transpose(opB), dims.m, dims.n, dims.k,
            alpha, a, dims.lda, b, dims.ldb, beta, c, dims.ldc)
    }

    /// `a (m x k) * b (k x n)` of two contiguous row-major matrices, as a new `m x n` array.
    public static func product<T: GemmElement>(_ a: [T], _ b: [T], m: Int, n: Int, k: Int) -> [T] {
        precondition(a.count == m * k && b.count == k * n, "Gemm.product: operand sizes do not match m, n, k")
        var c = [T](repeating: .zero, count: m * n)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    T.gemm(m: m, n: n, k: k, a: pa.baseAddress!, b: pb.baseAddress!, c: pc.baseAddress!)
                }
            }
        }
        return c
    }

    private static func transpose(_ op: Operand) -> Int32 {
        Int32(op == .plain ? QUIRE_CBLAS_NO_TRANS : QUIRE_CBLAS_TRANS)
    }

    /// `c = alpha * op(a) * op(b) + beta * c` by a plain loop, for when OpenBLAS is missing.
    /// Internal so that the tests check it against the library.
    static func plainProduct<T: BinaryFloatingPoint>(
        _ opA: Operand, _ opB: Operand, m: Int, n: Int, k: Int, alpha: T, a: UnsafePointer<T>, lda: Int,
        b: UnsafePointer<T>, ldb: Int, beta: T, c: UnsafeMutablePointer<T>, ldc: Int
    ) {
        for i in 0..<m {
            for j in 0..<n {
                var sum: T = 0
                for p in 0..<k {
                    let x = opA == .plain ? a[i * lda + p] : a[p * lda + i]
                    let y = opB == .plain ? b[p * ldb + j] : b[j * ldb + p]
                    sum += x * y
                }
                let old = c[i * ldc + j]
                c[i * ldc + j] = alpha * sum + (beta == 0 ? 0 : beta * old)
            }
        }
    }

    private static func scale<T: FloatingPoint>(
        _ c: UnsafeMutablePointer<T>, rows: Int, columns: Int, ld: Int, by beta: T
    ) {
        for r in 0..<rows {
            for j in 0..<columns { c[r * ld + j] = beta == 0 ? 0 : c[r * ld + j] * beta }
        }
    }
}

/// The element types OpenBLAS multiplies: Float and Double.
public protocol GemmElement: BinaryFloatingPoint {
    /// `c = a (m x k) * b (k x n)`, all contiguous and row-major.
    static func gemm(m: Int, n: Int, k: Int, a: UnsafePointer<Self>, b: UnsafePointer<Self>, c: UnsafeMutablePointer<Self>)
}

extension Float: GemmElement {
    public static func gemm(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>) {
        Gemm.multiply(m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, c: c, ldc: n)
    }
}

extension Double: GemmElement {
    public static func gemm(m: Int, n: Int, k: Int, a: UnsafePointer<Double>, b: UnsafePointer<Double>, c: UnsafeMutablePointer<Double>) {
        Gemm.multiply(m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, c: c, ldc: n)
    }
}

/// The OpenBLAS entry points, found by dlopen (`SharedLibrary`) at the first product.
struct OpenBLAS: @unchecked Sendable {
    let sgemm: quire_cblas_sgemm
    let dgemm: quire_cblas_dgemm
    let setThreads: quire_openblas_set_num_threads
    let getThreads: quire_openblas_get_num_threads

    /// Loaded once (Swift's lazy statics are thread-safe); nil when the library is missing.
    static let library: OpenBLAS? = load()

    private static func load() -> OpenBLAS? {
        // OpenBLAS picks its kernels by processor, and their sums round differently: Skylake-X's
        // AVX-512 kernels, or the generic ones it falls back to on a processor it does not know
        // (a virtual machine's "Intel Xeon Processor"), change a network's accuracy in the third
        // digit. Where the Haswell kernels run (AVX2 and FMA: x86-64 processors since 2013),
        // they are chosen, so that results are the same on every such machine. The variable is
        // read by the library as it loads; a user's own setting is kept.
        if getenv("OPENBLAS_CORETYPE") == nil, quire_cpu_runs_haswell_kernels() != 0 {
            setenv("OPENBLAS_CORETYPE", "Haswell", 0)
        }
        guard let lib = SharedLibrary("libopenblas.so.0", "libopenblas.so"),
            let sgemm = lib.symbol("cblas_sgemm", as: quire_cblas_sgemm.self),
            let dgemm = lib.symbol("cblas_dgemm", as: quire_cblas_dgemm.self),
            let setThreads = lib.symbol("openblas_set_num_threads", as: quire_openblas_set_num_threads.self),
            let getThreads = lib.symbol("openblas_get_num_threads", as: quire_openblas_get_num_threads.self)
        else { return nil }
        return OpenBLAS(sgemm: sgemm, dgemm: dgemm, setThreads: setThreads, getThreads: getThreads)
    }
}

/// A product's sizes as OpenBLAS's 32-bit integers; nil when one does not fit (the plain loop
/// then takes the product).
private struct BlasSizes {
    let m, n, k, lda, ldb, ldc: Int32

    init?(_ m: Int, _ n: Int, _ k: Int, _ lda: Int, _ ldb: Int, _ ldc: Int) {
        guard let m = Int32(exactly: m), let n = Int32(exactly: n), let k = Int32(exactly: k),
            let lda = Int32(exactly: lda), let ldb = Int32(exactly: ldb), let ldc = Int32(exactly: ldc)
        else { return nil }
        (self.m, self.n, self.k, self.lda, self.ldb, self.ldc) = (m, n, k, lda, ldb, ldc)
    }
}

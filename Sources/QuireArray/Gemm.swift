import COpenBLAS

/// Dense matrix products on OpenBLAS: the one home of the library's GEMM, for the arrays, the
/// neural networks and the text encoder.
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
        openblas_set_num_threads(Int32(clamping: max(1, count)))
    }

    /// How many threads OpenBLAS uses for one product.
    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// Single precision: `c = alpha * op(a) * op(b) + beta * c`.
    public static func multiply(
        _ opA: Operand = .plain, _ opB: Operand = .plain, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else { return scale(c, rows: m, columns: n, ld: ldc, by: beta) }
        cblas_sgemm(
            CblasRowMajor, transpose(opA), transpose(opB), blasInt(m), blasInt(n), blasInt(k),
            alpha, a, blasInt(lda), b, blasInt(ldb), beta, c, blasInt(ldc))
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
        cblas_dgemm(
            CblasRowMajor, transpose(opA), transpose(opB), blasInt(m), blasInt(n), blasInt(k),
            alpha, a, blasInt(lda), b, blasInt(ldb), beta, c, blasInt(ldc))
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

    private static func transpose(_ op: Operand) -> CBLAS_TRANSPOSE {
        op == .plain ? CblasNoTrans : CblasTrans
    }

    private static func blasInt(_ v: Int) -> blasint { blasint(v) }

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

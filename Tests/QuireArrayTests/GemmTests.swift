import COpenBLAS
import Foundation
import Testing
@testable import QuireArray

/// OpenBLAS products against a plain triple loop, in both precisions and every transpose.
@Suite struct GemmTests {
    func naive(_ a: [Double], _ b: [Double], m: Int, n: Int, k: Int, ta: Bool, tb: Bool) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for p in 0..<k {
                    let x = ta ? a[p * m + i] : a[i * k + p]
                    let y = tb ? b[j * k + p] : b[p * n + j]
                    s += x * y
                }
                c[i * n + j] = s
            }
        }
        return c
    }

    func values(_ count: Int, seed: Int) -> [Double] {
        (0..<count).map { Double(($0 * 37 + seed * 11) % 23) / 7 - 1.5 }
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func doublePrecisionMatchesTheLoop(ta: Bool, tb: Bool) {
        let (m, n, k) = (7, 5, 9)
        let a = values(m * k, seed: 1), b = values(k * n, seed: 2)
        var c = [Double](repeating: 1, count: m * n)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    Gemm.multiply(
                        ta ? .transposed : .plain, tb ? .transposed : .plain, m: m, n: n, k: k, alpha: 2,
                        a: pa.baseAddress!, lda: ta ? m : k, b: pb.baseAddress!, ldb: tb ? k : n,
                        beta: 0.5, c: pc.baseAddress!, ldc: n)
                }
            }
        }
        let expected = naive(a, b, m: m, n: n, k: k, ta: ta, tb: tb).map { 2 * $0 + 0.5 }
        for (x, y) in zip(c, expected) { #expect(abs(x - y) < 1e-12) }
    }

    @Test func singlePrecisionProduct() {
        let (m, n, k) = (64, 33, 70)
        let a = values(m * k, seed: 3), b = values(k * n, seed: 4)
        let c = Gemm.product(a.map(Float.init), b.map(Float.init), m: m, n: n, k: k)
        let expected = naive(a, b, m: m, n: n, k: k, ta: false, tb: false)
        #expect(c.count == m * n)
        for (x, y) in zip(c, expected) { #expect(abs(Double(x) - y) < 1e-3) }
    }

    @Test func emptyInnerDimensionScalesTheOutput() {
        var c: [Float] = [1, 2, 3, 4]
        let none: [Float] = [0]
        none.withUnsafeBufferPointer { p in
            c.withUnsafeMutableBufferPointer { pc in
                Gemm.multiply(m: 2, n: 2, k: 0, a: p.baseAddress!, lda: 1, b: p.baseAddress!, ldb: 2,
                              beta: 2, c: pc.baseAddress!, ldc: 2)
            }
        }
        #expect(c == [2, 4, 6, 8])
    }

    @Test func openBLASIsLoadedOnFirstUse() {
        // install-deps.sh installs it; the plain loop is only for a machine without it.
        #expect(OpenBLAS.library != nil)
        #expect(Gemm.threads >= 1)
    }

    @Test func theHaswellKernelsAreChosenWhereTheyRun() {
        let before = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"]
        _ = OpenBLAS.library
        let after = getenv("OPENBLAS_CORETYPE").map { String(cString: $0) }
        if let before, before != "Haswell" {
            #expect(after == before)  // a user's own choice is kept
        } else if quire_cpu_runs_haswell_kernels() != 0 {
            #expect(after == "Haswell")
        }
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func thePlainLoopAgreesWithOpenBLAS(ta: Bool, tb: Bool) {
        let (m, n, k) = (6, 4, 11)
        let a = values(m * k, seed: 5), b = values(k * n, seed: 6)
        var library = values(m * n, seed: 7), plain = library
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                library.withUnsafeMutableBufferPointer { pc in
                    Gemm.multiply(
                        ta ? .transposed : .plain, tb ? .transposed : .plain, m: m, n: n, k: k, alpha: -1.5,
                        a: pa.baseAddress!, lda: ta ? m : k, b: pb.baseAddress!, ldb: tb ? k : n,
                        beta: 0.25, c: pc.baseAddress!, ldc: n)
                }
                plain.withUnsafeMutableBufferPointer { pc in
                    Gemm.plainProduct(
                        ta ? .transposed : .plain, tb ? .transposed : .plain, m: m, n: n, k: k, alpha: -1.5,
                        a: pa.baseAddress!, lda: ta ? m : k, b: pb.baseAddress!, ldb: tb ? k : n,
                        beta: 0.25, c: pc.baseAddress!, ldc: n)
                }
            }
        }
        for (x, y) in zip(library, plain) { #expect(abs(x - y) < 1e-12) }
    }
}

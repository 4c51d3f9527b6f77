import CSVM
import QuireSupport
import Foundation

/// An SVC kernel, evaluated with LIBSVM's exact formulas on dense rows (a sparse sum that skips
/// zeros and a dense sum that adds them give the same doubles).
struct SVMKernel: Sendable, Codable, Equatable {
    /// An enum, not the parameter's string: the kernel is evaluated millions of times.
    enum Kind: String, Sendable, Codable, CaseIterable { case rbf, linear, poly, sigmoid }

    var type: Kind
    var gamma: Double
    var coef0: Double
    var degree: Int

    @inline(__always) static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ d: Int) -> Double {
        var s = 0.0
        for j in 0..<d { s += a[j] * b[j] }
        return s
    }

    /// LIBSVM's `powi`: repeated squaring.
    static func powi(_ base: Double, _ times: Int) -> Double {
        var tmp = base, ret = 1.0
        var t = times
        while t > 0 {
            if t % 2 == 1 { ret *= tmp }
            tmp = tmp * tmp
            t /= 2
        }
        return ret
    }

    /// The kernel as LIBSVM's solver computes it (`Kernel::kernel_*`), with squared norms given.
    @inline(__always) func training(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ d: Int, _ sa: Double, _ sb: Double) -> Double {
        switch type {
        case .linear: return Self.dot(a, b, d)
        case .poly: return Self.powi(gamma * Self.dot(a, b, d) + coef0, degree)
        case .sigmoid: return tanh(gamma * Self.dot(a, b, d) + coef0)
        case .rbf: return exp(-gamma * (sa + sb - 2 * Self.dot(a, b, d)))
        }
    }

    /// The kernel as LIBSVM's prediction computes it (`Kernel::k_function`).
    @inline(__always) func prediction(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ d: Int) -> Double {
        switch type {
        case .linear: return Self.dot(a, b, d)
        case .poly: return Self.powi(gamma * Self.dot(a, b, d) + coef0, degree)
        case .sigmoid: return tanh(gamma * Self.dot(a, b, d) + coef0)
        case .rbf:
            var s = 0.0
            for j in 0..<d {
                let diff = a[j] - b[j]
                s += diff * diff
            }
            return exp(-gamma * s)
        }
    }
}

/// A trained one-against-one SVC kept as plain arrays: support vectors, coefficients and
/// offsets copied out of LIBSVM, and its vote replayed step by step.
struct SVMDecision: Sendable, Codable, Equatable {
    let kernel: SVMKernel
    /// The class index (0, 1, ...) of each of LIBSVM's classes, in its order.
    let labels: [Int]
    /// Support vectors per class, in LIBSVM's order.
    let counts: [Int]
    /// `classCount - 1` rows of coefficients, one per support vector.
    let coefficients: [[Double]]
    let rho: [Double]
    let supportVectors: Matrix

    init(kernel: SVMKernel, labels: [Int], counts: [Int], coefficients: [[Double]], rho: [Double], supportVectors: Matrix) {
        self.kernel = kernel
        self.labels = labels
        self.counts = counts
        self.coefficients = coefficients
        self.rho = rho
        self.supportVectors = supportVectors
    }

    /// Copies what prediction needs out of a LIBSVM model trained on `x` (in that row order).
    init(model: UnsafeMutablePointer<svm_model>, x: Matrix, kernel: SVMKernel) {
        let m = model.pointee
        let k = Int(m.nr_class), l = Int(m.l)
        self.kernel = kernel
        labels = (0..<k).map { Int(m.label[$0]) }
        counts = (0..<k).map { Int(m.nSV[$0]) }
        coefficients = (0..<(k - 1)).map { i in (0..<l).map { m.sv_coef[i]![$0] } }
        rho = (0..<(k * (k - 1) / 2)).map { m.rho[$0] }
        supportVectors = x.selecting(rows: (0..<l).map { Int(m.sv_indices[$0]) - 1 })
    }

    /// The class index LIBSVM's `svm_predict` would vote for.
    func predict(_ row: UnsafePointer<Double>, scratch: inout [Double]) -> Int {
        let d = supportVectors.cols, l = supportVectors.rows
        supportVectors.values.withUnsafeBufferPointer { sv in
            for i in 0..<l { scratch[i] = kernel.prediction(row, sv.baseAddress! + i * d, d) }
        }
        let k = counts.count
        var start = [Int](repeating: 0, count: k)
        for i in 1..<k { start[i] = start[i - 1] + counts[i - 1] }
        var votes = [Int](repeating: 0, count: k)
        var p = 0
        for i in 0..<k {
            for j in (i + 1)..<k {
                var sum = 0.0
                let coef1 = coefficients[j - 1], coef2 = coefficients[i]
                for t in 0..<counts[i] { sum += coef1[start[i] + t] * scratch[start[i] + t] }
                for t in 0..<counts[j] { sum += coef2[start[j] + t] * scratch[start[j] + t] }
                sum -= rho[p]
                if sum > 0 { votes[i] += 1 } else { votes[j] += 1 }
                p += 1
            }
        }
        var best = 0
        for i in 1..<k where votes[i] > votes[best] { best = i }
        return labels[best]
    }

    /// Predicts every row, on every core.
    func predict(_ x: Matrix) -> [Int] {
        var out = [Int](repeating: 0, count: x.rows)
        let rows = x.rows, d = x.cols
        out.withUnsafeMutableBufferPointer { buffer in
            let shared = UncheckedSendableBuffer(buffer)
            x.values.withUnsafeBufferPointer { values in
                let base = UncheckedSendablePointer(values.baseAddress!)
                Parallel.forEach(rows) { _, range in
                    var scratch = [Double](repeating: 0, count: supportVectors.rows)
                    for i in range {
                        if Cancellation.isCancelled { break }
                        shared[i] = predict(base.pointer + i * d, scratch: &scratch)
                    }
                }
            }
        }
        return out
    }
}

/// A read-only pointer shared by worker threads.
///
/// `@unchecked Sendable`: the memory is only read, and outlives the workers.
struct UncheckedSendablePointer<T>: @unchecked Sendable {
    let pointer: UnsafePointer<T>
    init(_ pointer: UnsafePointer<T>) { self.pointer = pointer }
}

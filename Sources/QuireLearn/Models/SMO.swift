import Foundation
import QuireSupport

// C-support vector classification trained here, step for step as LIBSVM 3.24 trains it (the
// SMO of Fan, Chen and Lin, JMLR 6 (2005), with LIBSVM's second-order working-set selection,
// shrinking and kernel cache), on dense rows. It gives the same doubles as LIBSVM: the kernel
// values are computed with the same formulas and stored as 32-bit floats as LIBSVM stores them,
// every loop runs in LIBSVM's order (including the reordering that shrinking does), and a
// sparse dot product that skips zeros sums to the same double as a dense one that adds them.
// `SMOTests` checks the result against the system's LIBSVM, bit for bit.
//
// Why not LIBSVM itself: Debian's LIBSVM is its sparse build (an index-matching loop per dot
// product, 40 % of a fit), cannot be stopped (it had to run on a thread of its own, ended from
// its progress callback), and trains the one-against-one pairs one after another; here the
// pairs are independent problems and run on every core.

/// LIBSVM's kernel cache: columns of Q, each computed from row 0 up to some length, the least
/// recently used dropped first when the budget is spent. Rows and columns are in the solver's
/// current order, so swapping two indices swaps them in every column (or drops a column that
/// holds only one of the two).
final class KernelColumnCache {
    private let l: Int
    /// Floats that may still be allocated.
    private var budget: Int
    private let data: UnsafeMutablePointer<UnsafeMutablePointer<Float>?>
    private let length: UnsafeMutablePointer<Int>
    /// A circular list of the columns held, least recently used first; `l` is its head.
    private let previous: UnsafeMutablePointer<Int>
    private let next: UnsafeMutablePointer<Int>

    /// A cache of at most `bytes` (and at least two whole columns) for `l` columns.
    init(columns l: Int, bytes: Int) {
        self.l = l
        budget = max(bytes / MemoryLayout<Float>.size - l * 8, 2 * l)
        data = .allocate(capacity: l)
        data.initialize(repeating: nil, count: l)
        length = .allocate(capacity: l)
        length.initialize(repeating: 0, count: l)
        previous = .allocate(capacity: l + 1)
        next = .allocate(capacity: l + 1)
        previous[l] = l
        next[l] = l
    }

    deinit {
        for i in 0..<l { free(data[i]) }
        data.deallocate()
        length.deallocate()
        previous.deallocate()
        next.deallocate()
    }

    private func unlink(_ h: Int) {
        next[previous[h]] = next[h]
        previous[next[h]] = previous[h]
    }

    private func append(_ h: Int) {
        next[h] = l
        previous[h] = previous[l]
        next[previous[h]] = h
        previous[l] = h
    }

    private func drop(_ h: Int) {
        unlink(h)
        free(data[h])
        data[h] = nil
        budget += length[h]
        length[h] = 0
    }

    /// Column `index` with room for rows `0..<count`; its first `filled` rows are already
    /// computed (`filled >= count`: nothing to compute). The storage stays valid until the next
    /// call that needs more room than the budget has left, which never drops the column that
    /// was used just before (the budget holds two whole columns).
    func column(_ index: Int, count: Int) -> (values: UnsafeMutablePointer<Float>, filled: Int) {
        let have = length[index]
        if have > 0 { unlink(index) }
        if count > have {
            while budget < count - have && next[l] != l { drop(next[l]) }
            guard let grown = realloc(data[index], count * MemoryLayout<Float>.size) else {
                fatalError("out of memory for the kernel cache (\(count) floats)")
            }
            data[index] = grown.assumingMemoryBound(to: Float.self)
            budget -= count - have
            length[index] = count
        }
        append(index)
        return (data[index]!, have)
    }

    /// Index `i` becomes `j` and `j` becomes `i`, in the columns' own places and in their rows.
    func swapIndex(_ i: Int, _ j: Int) {
        if i == j { return }
        if length[i] > 0 { unlink(i) }
        if length[j] > 0 { unlink(j) }
        swap(&data[i], &data[j])
        swap(&length[i], &length[j])
        if length[i] > 0 { append(i) }
        if length[j] > 0 { append(j) }
        let low = min(i, j), high = max(i, j)
        var h = next[l]
        while h != l {
            let following = next[h]
            if length[h] > low {
                if length[h] > high {
                    let column = data[h]!
                    let t = column[low]
                    column[low] = column[high]
                    column[high] = t
                } else {
                    drop(h)
                }
            }
            h = following
        }
    }
}

/// The matrix `Q[i][j] = y_i y_j K(x_i, x_j)` of a two-class problem, in the solver's current
/// order of rows (LIBSVM's `SVC_Q`); its columns are rounded to `Float`, as LIBSVM's are.
final class SVCKernelMatrix {
    let l: Int
    private let d: Int
    private let kernel: SVMKernel
    private let rows: UnsafeMutablePointer<UnsafePointer<Double>>
    private let squares: UnsafeMutablePointer<Double>
    /// The labels, +1 or -1, in the current order (the solver reads them here).
    let y: UnsafeMutablePointer<Int8>
    /// `K(x_i, x_i)`, in the current order.
    let diagonal: UnsafeMutablePointer<Double>
    private let cache: KernelColumnCache

    /// `rows` point at `d` doubles each and must outlive the matrix.
    init(rows: [UnsafePointer<Double>], d: Int, y: [Int8], kernel: SVMKernel, cacheBytes: Int) {
        l = rows.count
        self.d = d
        self.kernel = kernel
        self.rows = .allocate(capacity: l)
        self.rows.initialize(from: rows, count: l)
        squares = .allocate(capacity: l)
        self.y = .allocate(capacity: l)
        self.y.initialize(from: y, count: l)
        diagonal = .allocate(capacity: l)
        cache = KernelColumnCache(columns: l, bytes: cacheBytes)
        for i in 0..<l {
            squares[i] = kernel.type == .rbf ? SVMKernel.dot(rows[i], rows[i], d) : 0
        }
        for i in 0..<l { diagonal[i] = kernel.training(rows[i], rows[i], d, squares[i], squares[i]) }
    }

    deinit {
        rows.deallocate()
        squares.deallocate()
        y.deallocate()
        diagonal.deallocate()
    }

    /// Column `i`, rows `0..<count`.
    func column(_ i: Int, _ count: Int) -> UnsafePointer<Float> {
        let (values, filled) = cache.column(i, count: count)
        if filled < count {
            let a = rows[i], sign = y[i]
            switch kernel.type {
            case .rbf:
                // The common case, without the switch per value.
                let sa = squares[i], minusGamma = -kernel.gamma
                for j in filled..<count {
                    let k = exp(minusGamma * (sa + squares[j] - 2 * SVMKernel.dot(a, rows[j], d)))
                    values[j] = Float(Double(sign * y[j]) * k)
                }
            default:
                for j in filled..<count {
                    values[j] = Float(Double(sign * y[j]) * kernel.training(a, rows[j], d, 0, 0))
                }
            }
        }
        return UnsafePointer(values)
    }

    func swapIndex(_ i: Int, _ j: Int) {
        cache.swapIndex(i, j)
        swap(&rows[i], &rows[j])
        swap(&squares[i], &squares[j])
        swap(&y[i], &y[j])
        swap(&diagonal[i], &diagonal[j])
    }
}

/// LIBSVM's `Solver` for C-SVC: minimises `0.5 a'Qa - e'a` subject to `y'a = 0` and
/// `0 <= a_i <= C` (Cp for y = +1, Cn for y = -1), from `a = 0`.
final class SMOSolver {
    private static let tau = 1e-12
    private enum Status: UInt8 { case lowerBound, upperBound, free }

    private let l: Int
    private let q: SVCKernelMatrix
    private let y: UnsafeMutablePointer<Int8>
    private let qd: UnsafeMutablePointer<Double>
    private let cp: Double, cn: Double, eps: Double
    private let shrinking: Bool
    private let token: CancellationToken?
    private let alpha: UnsafeMutablePointer<Double>
    private let gradient: UnsafeMutablePointer<Double>
    /// The gradient's part from variables at their upper bound (LIBSVM's `G_bar`).
    private let gradientBar: UnsafeMutablePointer<Double>
    private let p: UnsafeMutablePointer<Double>
    private let status: UnsafeMutablePointer<Status>
    private let activeSet: UnsafeMutablePointer<Int>
    private var activeSize: Int
    private var unshrink = false

    private init(q: SVCKernelMatrix, cp: Double, cn: Double, eps: Double, shrinking: Bool, token: CancellationToken?) {
        l = q.l
        self.q = q
        y = q.y
        qd = q.diagonal
        self.cp = cp
        self.cn = cn
        self.eps = eps
        self.shrinking = shrinking
        self.token = token
        alpha = .allocate(capacity: l)
        alpha.initialize(repeating: 0, count: l)
        gradient = .allocate(capacity: l)
        gradient.initialize(repeating: -1, count: l)
        gradientBar = .allocate(capacity: l)
        gradientBar.initialize(repeating: 0, count: l)
        p = .allocate(capacity: l)
        p.initialize(repeating: -1, count: l)
        status = .allocate(capacity: l)
        activeSet = .allocate(capacity: l)
        for i in 0..<l { activeSet[i] = i }
        activeSize = l
        for i in 0..<l { updateStatus(i) }
    }

    deinit {
        alpha.deallocate()
        gradient.deallocate()
        gradientBar.deallocate()
        p.deallocate()
        status.deallocate()
        activeSet.deallocate()
    }

    /// Solves the two-class problem of `q` (whose order it changes) and returns `y_i a_i` in the
    /// original order, and the offset rho (LIBSVM's `solve_c_svc`).
    static func solve(
        _ q: SVCKernelMatrix, cp: Double, cn: Double, eps: Double, shrinking: Bool = true, token: CancellationToken?
    ) throws(Cancelled) -> (coefficients: [Double], rho: Double) {
        let labels = Array(UnsafeBufferPointer(start: q.y, count: q.l))
        let solver = SMOSolver(q: q, cp: cp, cn: cn, eps: eps, shrinking: shrinking, token: token)
        let rho = try solver.run()
        var out = [Double](repeating: 0, count: q.l)
        for i in 0..<q.l { out[solver.activeSet[i]] = solver.alpha[i] }
        for i in 0..<q.l { out[i] *= Double(labels[i]) }
        return (out, rho)
    }

    @inline(__always) private func c(_ i: Int) -> Double { y[i] > 0 ? cp : cn }

    @inline(__always) private func updateStatus(_ i: Int) {
        status[i] = alpha[i] >= c(i) ? .upperBound : alpha[i] <= 0 ? .lowerBound : .free
    }

    private func swapIndex(_ i: Int, _ j: Int) {
        q.swapIndex(i, j)  // also y and the diagonal, which the solver shares
        swap(&gradient[i], &gradient[j])
        swap(&status[i], &status[j])
        swap(&alpha[i], &alpha[j])
        swap(&p[i], &p[j])
        swap(&activeSet[i], &activeSet[j])
        swap(&gradientBar[i], &gradientBar[j])
    }

    private func run() throws(Cancelled) -> Double {
        // From alpha = 0 every variable is at its lower bound, so the gradient is p and G_bar 0.
        let maxIterations = max(10_000_000, l > Int(Int32.max) / 100 ? Int(Int32.max) : 100 * l)
        var counter = min(l, 1000) + 1
        var iterations = 0
        while iterations < maxIterations {
            counter -= 1
            if counter == 0 {
                counter = min(l, 1000)
                if let token { try token.check() }
                if shrinking { shrink() }
            }
            var pair = selectWorkingSet()
            if pair == nil {
                reconstructGradient()
                activeSize = l
                pair = selectWorkingSet()
                if pair == nil { break }
                counter = 1  // shrink at the next iteration
            }
            iterations += 1
            let (i, j) = pair!
            step(i, j)
        }
        if iterations >= maxIterations && activeSize < l {
            reconstructGradient()
            activeSize = l
        }
        return rho()
    }

    /// Moves alpha_i and alpha_j to the minimum along their line, within the box, and updates
    /// the gradient.
    @inline(__always) private func step(_ i: Int, _ j: Int) {
        var qi = q.column(i, activeSize)
        var qj = q.column(j, activeSize)
        let ci = c(i), cj = c(j)
        let oldI = alpha[i], oldJ = alpha[j]
        if y[i] != y[j] {
            var quad = qd[i] + qd[j] + 2 * Double(qi[j])
            if quad <= 0 { quad = Self.tau }
            let delta = (-gradient[i] - gradient[j]) / quad
            let diff = alpha[i] - alpha[j]
            alpha[i] += delta
            alpha[j] += delta
            if diff > 0 {
                if alpha[j] < 0 {
                    alpha[j] = 0
                    alpha[i] = diff
                }
            } else if alpha[i] < 0 {
                alpha[i] = 0
                alpha[j] = -diff
            }
            if diff > ci - cj {
                if alpha[i] > ci {
                    alpha[i] = ci
                    alpha[j] = ci - diff
                }
            } else if alpha[j] > cj {
                alpha[j] = cj
                alpha[i] = cj + diff
            }
        } else {
            var quad = qd[i] + qd[j] - 2 * Double(qi[j])
            if quad <= 0 { quad = Self.tau }
            let delta = (gradient[i] - gradient[j]) / quad
            let sum = alpha[i] + alpha[j]
            alpha[i] -= delta
            alpha[j] += delta
            if sum > ci {
                if alpha[i] > ci {
                    alpha[i] = ci
                    alpha[j] = sum - ci
                }
            } else if alpha[j] < 0 {
                alpha[j] = 0
                alpha[i] = sum
            }
            if sum > cj {
                if alpha[j] > cj {
                    alpha[j] = cj
                    alpha[i] = sum - cj
                }
            } else if alpha[i] < 0 {
                alpha[i] = 0
                alpha[j] = sum
            }
        }
        let deltaI = alpha[i] - oldI, deltaJ = alpha[j] - oldJ
        for k in 0..<activeSize {
            gradient[k] += Double(qi[k]) * deltaI + Double(qj[k]) * deltaJ
        }
        let wasUpperI = status[i] == .upperBound, wasUpperJ = status[j] == .upperBound
        updateStatus(i)
        updateStatus(j)
        if wasUpperI != (status[i] == .upperBound) {
            qi = q.column(i, l)
            if wasUpperI {
                for k in 0..<l { gradientBar[k] -= ci * Double(qi[k]) }
            } else {
                for k in 0..<l { gradientBar[k] += ci * Double(qi[k]) }
            }
        }
        if wasUpperJ != (status[j] == .upperBound) {
            qj = q.column(j, l)
            if wasUpperJ {
                for k in 0..<l { gradientBar[k] -= cj * Double(qj[k]) }
            } else {
                for k in 0..<l { gradientBar[k] += cj * Double(qj[k]) }
            }
        }
    }

    /// The pair to optimise next (LIBSVM's second-order choice), or nil when optimal.
    @inline(__always) private func selectWorkingSet() -> (Int, Int)? {
        var gMax = -Double.infinity, gMax2 = -Double.infinity
        var gMaxIndex = -1, gMinIndex = -1
        var objDiffMin = Double.infinity
        for t in 0..<activeSize {
            if y[t] == 1 {
                if status[t] != .upperBound && -gradient[t] >= gMax {
                    gMax = -gradient[t]
                    gMaxIndex = t
                }
            } else if status[t] != .lowerBound && gradient[t] >= gMax {
                gMax = gradient[t]
                gMaxIndex = t
            }
        }
        let i = gMaxIndex
        guard i != -1 else { return nil }  // gMax is -inf: optimal
        let qi = q.column(i, activeSize)
        let yi = Double(y[i])
        for j in 0..<activeSize {
            if y[j] == 1 {
                if status[j] != .lowerBound {
                    let gradDiff = gMax + gradient[j]
                    if gradient[j] >= gMax2 { gMax2 = gradient[j] }
                    if gradDiff > 0 {
                        let quad = qd[i] + qd[j] - 2.0 * yi * Double(qi[j])
                        let objDiff = quad > 0 ? -(gradDiff * gradDiff) / quad : -(gradDiff * gradDiff) / Self.tau
                        if objDiff <= objDiffMin {
                            gMinIndex = j
                            objDiffMin = objDiff
                        }
                    }
                }
            } else if status[j] != .upperBound {
                let gradDiff = gMax - gradient[j]
                if -gradient[j] >= gMax2 { gMax2 = -gradient[j] }
                if gradDiff > 0 {
                    let quad = qd[i] + qd[j] + 2.0 * yi * Double(qi[j])
                    let objDiff = quad > 0 ? -(gradDiff * gradDiff) / quad : -(gradDiff * gradDiff) / Self.tau
                    if objDiff <= objDiffMin {
                        gMinIndex = j
                        objDiffMin = objDiff
                    }
                }
            }
        }
        if gMax + gMax2 < eps || gMinIndex == -1 { return nil }
        return (i, gMinIndex)
    }

    /// The inactive part of the gradient, from G_bar and the free variables.
    private func reconstructGradient() {
        if activeSize == l { return }
        for j in activeSize..<l { gradient[j] = gradientBar[j] + p[j] }
        var free = 0
        for j in 0..<activeSize where status[j] == .free { free += 1 }
        if free * l > 2 * activeSize * (l - activeSize) {
            for i in activeSize..<l {
                let qi = q.column(i, activeSize)
                for j in 0..<activeSize where status[j] == .free { gradient[i] += alpha[j] * Double(qi[j]) }
            }
        } else {
            for i in 0..<activeSize where status[i] == .free {
                let qi = q.column(i, l)
                let alphaI = alpha[i]
                for j in activeSize..<l { gradient[j] += alphaI * Double(qi[j]) }
            }
        }
    }

    @inline(__always) private func beShrunk(_ i: Int, _ gMax1: Double, _ gMax2: Double) -> Bool {
        switch status[i] {
        case .upperBound: return y[i] == 1 ? -gradient[i] > gMax1 : -gradient[i] > gMax2
        case .lowerBound: return y[i] == 1 ? gradient[i] > gMax2 : gradient[i] > gMax1
        case .free: return false
        }
    }

    /// Moves variables that are unlikely to change to the end, out of the active set.
    private func shrink() {
        var gMax1 = -Double.infinity, gMax2 = -Double.infinity
        for i in 0..<activeSize {
            if y[i] == 1 {
                if status[i] != .upperBound && -gradient[i] >= gMax1 { gMax1 = -gradient[i] }
                if status[i] != .lowerBound && gradient[i] >= gMax2 { gMax2 = gradient[i] }
            } else {
                if status[i] != .upperBound && -gradient[i] >= gMax2 { gMax2 = -gradient[i] }
                if status[i] != .lowerBound && gradient[i] >= gMax1 { gMax1 = gradient[i] }
            }
        }
        if !unshrink && gMax1 + gMax2 <= eps * 10 {
            unshrink = true
            reconstructGradient()
            activeSize = l
        }
        var i = 0
        while i < activeSize {
            if beShrunk(i, gMax1, gMax2) {
                activeSize -= 1
                while activeSize > i {
                    if !beShrunk(activeSize, gMax1, gMax2) {
                        swapIndex(i, activeSize)
                        break
                    }
                    activeSize -= 1
                }
            }
            i += 1
        }
    }

    /// The offset: the mean of y_i G_i over free variables, or the middle of its bounds.
    private func rho() -> Double {
        var free = 0
        var ub = Double.infinity, lb = -Double.infinity, sumFree = 0.0
        for i in 0..<activeSize {
            let yG = Double(y[i]) * gradient[i]
            switch status[i] {
            case .upperBound:
                if y[i] == -1 { ub = yG < ub ? yG : ub } else { lb = lb < yG ? yG : lb }
            case .lowerBound:
                if y[i] == 1 { ub = yG < ub ? yG : ub } else { lb = lb < yG ? yG : lb }
            case .free:
                free += 1
                sumFree += yG
            }
        }
        return free > 0 ? sumFree / Double(free) : (ub + lb) / 2
    }
}

extension SVMDecision {
    /// Trains a one-against-one C-SVC as LIBSVM's `svm_train` does (without probabilities):
    /// classes numbered by first appearance in `y`, rows grouped by class (stable), one
    /// two-class problem per pair of classes, the union of their support vectors kept in
    /// grouped order. The pairs are solved in parallel. Throws `Cancelled` when stopped.
    static func train(x: Matrix, y: [Int], kernel: SVMKernel, c: Double, eps: Double, cacheBytes: Int) throws -> SVMDecision {
        var labels: [Int] = [], counts: [Int] = [], classOf: [Int] = []
        classOf.reserveCapacity(y.count)
        for label in y {
            if let k = labels.firstIndex(of: label) {
                counts[k] += 1
                classOf.append(k)
            } else {
                labels.append(label)
                counts.append(1)
                classOf.append(labels.count - 1)
            }
        }
        let k = labels.count
        var start = [0]
        for i in 1..<max(k, 1) { start.append(start[i - 1] + counts[i - 1]) }
        var perm = [Int](repeating: 0, count: y.count)
        var next = start
        for (i, c) in classOf.enumerated() {
            perm[next[c]] = i
            next[c] += 1
        }
        let pairs = (0..<k).flatMap { i in ((i + 1)..<k).map { (i, $0) } }
        let d = x.cols
        let token = Cancellation.current
        // One cache per problem solved at once; together they stay within `cacheBytes`.
        let perSolver = cacheBytes / max(1, min(pairs.count, Parallel.cores))
        let results = SendableResults(count: pairs.count)
        try x.values.withUnsafeBufferPointer { values in
            let base = UncheckedSendablePointer(values.baseAddress!)
            try Parallel.forEachThrowing(pairs.count, chunks: pairs.count) { [perm, start, counts] _, range in
                for p in range {
                    let (i, j) = pairs[p]
                    let members = perm[start[i]..<(start[i] + counts[i])] + perm[start[j]..<(start[j] + counts[j])]
                    let q = SVCKernelMatrix(
                        rows: members.map { base.pointer + $0 * d }, d: d,
                        y: [Int8](repeating: 1, count: counts[i]) + [Int8](repeating: -1, count: counts[j]),
                        kernel: kernel, cacheBytes: perSolver)
                    results.set(p, try SMOSolver.solve(q, cp: c, cn: c, eps: eps, token: token))
                }
            }
        }
        // Support vectors: rows with a nonzero coefficient in any of their problems.
        var nonzero = [Bool](repeating: false, count: y.count)
        for (p, (i, j)) in pairs.enumerated() {
            let alpha = results[p].coefficients
            for t in 0..<counts[i] where abs(alpha[t]) > 0 { nonzero[start[i] + t] = true }
            for t in 0..<counts[j] where abs(alpha[counts[i] + t]) > 0 { nonzero[start[j] + t] = true }
        }
        let svCounts = (0..<k).map { i in (0..<counts[i]).count { nonzero[start[i] + $0] } }
        let supportRows = (0..<y.count).filter { nonzero[$0] }.map { perm[$0] }
        var svStart = [0]
        for i in 1..<max(k, 1) { svStart.append(svStart[i - 1] + svCounts[i - 1]) }
        var coefficients = [[Double]](repeating: [Double](repeating: 0, count: supportRows.count), count: max(k - 1, 0))
        for (p, (i, j)) in pairs.enumerated() {
            let alpha = results[p].coefficients
            var at = svStart[i]
            for t in 0..<counts[i] where nonzero[start[i] + t] {
                coefficients[j - 1][at] = alpha[t]
                at += 1
            }
            at = svStart[j]
            for t in 0..<counts[j] where nonzero[start[j] + t] {
                coefficients[i][at] = alpha[counts[i] + t]
                at += 1
            }
        }
        return SVMDecision(
            kernel: kernel, labels: labels, counts: svCounts, coefficients: coefficients,
            rho: results.all.map(\.rho), supportVectors: x.selecting(rows: supportRows))
    }
}

/// One result per two-class problem, written by the worker that solved it.
///
/// `@unchecked Sendable`: each slot is written by one worker, and read after all have returned.
private final class SendableResults: @unchecked Sendable {
    private var slots: [(coefficients: [Double], rho: Double)?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ p: Int, _ value: (coefficients: [Double], rho: Double)) {
        lock.lock()
        slots[p] = value
        lock.unlock()
    }
    subscript(p: Int) -> (coefficients: [Double], rho: Double) { slots[p]! }
    var all: [(coefficients: [Double], rho: Double)] { slots.map { $0! } }
}

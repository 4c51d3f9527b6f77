import Foundation
import QuireSupport

/// The LIBLINEAR solvers scikit-learn's LinearSVC runs (its bundled copy, version 1.9):
/// coordinate descent on the dual of the L2-regularised L2-loss and L1-loss SVM (Hsieh et al.,
/// ICML 2008), the trust-region Newton method on the primal L2-loss problem (Lin, Weng and
/// Keerthi, 2008) and coordinate descent with a line search for the L1-regularised L2-loss
/// problem (Yuan et al., 2010). Written from the algorithms as LIBLINEAR states them, step for
/// step, so the same data and seed take the same path.
enum Liblinear {
    /// LIBLINEAR's solver numbers, as scikit-learn's `_get_liblinear_solver_type` picks them.
    enum Solver: Int, Sendable {
        case l2LossDual = 1, l2LossPrimal = 2, l1LossDual = 3, l1PenaltyL2Loss = 5
    }

    /// The solver for a loss, penalty and formulation, or scikit-learn's own refusal.
    static func solver(loss: String, penalty: String, dual: Bool) throws -> Solver {
        switch (loss, penalty, dual) {
        case ("squared_hinge", "l2", true): return .l2LossDual
        case ("squared_hinge", "l2", false): return .l2LossPrimal
        case ("squared_hinge", "l1", false): return .l1PenaltyL2Loss
        case ("hinge", "l2", true): return .l1LossDual
        default:
            let reason: String
            if loss != "hinge" && loss != "squared_hinge" {
                reason = "loss='\(loss)' is not supported"
            } else if loss == "hinge" && penalty != "l2" || penalty != "l1" && penalty != "l2" {
                reason = "The combination of penalty='\(penalty)' and loss='\(loss)' is not supported"
            } else {
                reason = "The combination of penalty='\(penalty)' and loss='\(loss)' are not supported when dual=\(dual ? "True" : "False")"
            }
            throw LearnError.unsupportedArguments(
                "\(reason), Parameters: penalty='\(penalty)', loss='\(loss)', dual=\(dual ? "True" : "False")")
        }
    }

    /// Whether `dual="auto"` means the dual: for fewer rows than features when the dual exists,
    /// otherwise when the primal does not (scikit-learn's `_validate_dual_parameter`).
    static func autoDual(loss: String, penalty: String, rows: Int, features: Int) -> Bool {
        if rows < features { return (try? solver(loss: loss, penalty: penalty, dual: true)) != nil }
        return (try? solver(loss: loss, penalty: penalty, dual: false)) == nil
    }

    /// Rows as LIBLINEAR holds them: each row's nonzero (column, value) pairs, the bias column
    /// (value `bias`) last when there is one.
    struct Problem {
        let rows: Int
        /// Columns, the bias column included.
        let cols: Int
        var start: [Int]
        var column: [Int32]
        var value: [Double]

        /// The rows of `x` at `order`, zeros left out, with the bias column appended when `bias > 0`.
        init(dense x: Matrix, order: [Int], bias: Double) {
            rows = order.count
            cols = x.cols + (bias > 0 ? 1 : 0)
            start = [0]
            column = []
            value = []
            start.reserveCapacity(rows + 1)
            for r in order {
                for (j, v) in x.row(r).enumerated() where v != 0 {
                    column.append(Int32(j))
                    value.append(v)
                }
                if bias > 0 {
                    column.append(Int32(x.cols))
                    value.append(bias)
                }
                start.append(value.count)
            }
        }

        /// The CSR rows of `x` at `order`, as stored, with the bias column appended when `bias > 0`.
        init(sparse x: SparseMatrix, order: [Int], bias: Double) {
            rows = order.count
            cols = x.cols + (bias > 0 ? 1 : 0)
            start = [0]
            start.reserveCapacity(rows + 1)
            let extra = bias > 0 ? rows : 0
            column = []
            value = []
            column.reserveCapacity(x.nnz + extra)
            value.reserveCapacity(x.nnz + extra)
            for r in order {
                let span = x.range(r)
                column += x.indices[span]
                value += x.data[span]
                if bias > 0 {
                    column.append(Int32(x.cols))
                    value.append(bias)
                }
                start.append(value.count)
            }
        }

        /// w · row i.
        @inline(__always) func dot(_ w: UnsafeMutableBufferPointer<Double>, _ i: Int) -> Double {
            var s = 0.0
            for k in start[i]..<start[i + 1] { s += w[Int(column[k])] * value[k] }
            return s
        }

        /// w += a * row i.
        @inline(__always) func add(_ a: Double, row i: Int, to w: UnsafeMutableBufferPointer<Double>) {
            for k in start[i]..<start[i + 1] { w[Int(column[k])] += a * value[k] }
        }
    }

    /// scikit-learn's generator for LIBLINEAR's shuffles: `std::mt19937` seeded with the seed,
    /// and a bounded integer by Lemire's multiply-and-reject method (`bounded_rand_int`).
    struct Random {
        var mt: RandomState

        init(seed: UInt32) { mt = RandomState(seed: seed) }

        /// The seed scikit-learn passes down for `random_state`: `randint(2**31 - 1)` of numpy's
        /// `RandomState(random_state)`, or any seed when there is none.
        static func seed(randomState: Int?) -> UInt32 {
            guard let randomState else { return UInt32.random(in: 0..<UInt32(Int32.max)) }
            var numpy = RandomState(seed: UInt32(truncatingIfNeeded: randomState))
            return UInt32(numpy.randint(0, Int(Int32.max)))
        }

        /// A uniform integer in [0, range).
        mutating func bounded(_ range: UInt32) -> UInt32 {
            var m = UInt64(mt.nextUInt32()) * UInt64(range)
            var low = UInt32(truncatingIfNeeded: m)
            if low < range {
                var t = 0 &- range
                if t >= range {
                    t -= range
                    if t >= range { t %= range }
                }
                while low < t {
                    m = UInt64(mt.nextUInt32()) * UInt64(range)
                    low = UInt32(truncatingIfNeeded: m)
                }
            }
            return UInt32(m >> 32)
        }

        /// Shuffles the first `count` entries as LIBLINEAR does: entry i swaps with one of i..<count.
        mutating func shuffle(_ index: inout [Int], count: Int) {
            for i in 0..<count {
                let j = i + Int(bounded(UInt32(count - i)))
                index.swapAt(i, j)
            }
        }
    }

    /// One binary problem: labels +1 / -1 per row, and the penalty of each row's errors.
    struct Binary {
        let y: [Double]
        let cost: [Double]
        var positives: Int { y.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }
    }

    /// Trains one binary problem; returns the weights (one per column) and the iterations run.
    static func train(_ p: Problem, _ b: Binary, solver: Solver, tol: Double, maxIter: Int, random: inout Random) throws -> (w: [Double], iterations: Int) {
        let pos = b.positives, neg = p.rows - pos
        // LIBLINEAR scales the primal solvers' tolerance by the smaller class's share.
        let primalTol = tol * Double(max(min(pos, neg), 1)) / Double(p.rows)
        switch solver {
        case .l2LossDual, .l1LossDual:
            return try dualCoordinateDescent(p, b, l1Loss: solver == .l1LossDual, eps: tol, maxIter: maxIter, random: &random)
        case .l2LossPrimal:
            var objective = L2LossObjective(p, b)
            return try trustRegionNewton(&objective, eps: primalTol, maxIter: maxIter)
        case .l1PenaltyL2Loss:
            return try l1CoordinateDescent(p, b, eps: primalTol, maxIter: maxIter, random: &random)
        }
    }

    // MARK: Dual coordinate descent (L2-loss and L1-loss SVM)

    static func dualCoordinateDescent(_ p: Problem, _ b: Binary, l1Loss: Bool, eps: Double, maxIter: Int, random: inout Random) throws -> (w: [Double], iterations: Int) {
        let l = p.rows
        var w = [Double](repeating: 0, count: p.cols)
        var alpha = [Double](repeating: 0, count: l)
        // L2 loss: no upper bound and a diagonal 1/(2C); L1 loss: the bound C and no diagonal.
        let diag = b.cost.map { l1Loss ? 0 : 0.5 / $0 }
        let upper = b.cost.map { l1Loss ? $0 : Double.infinity }
        var qd = diag
        for i in 0..<l { for k in p.start[i]..<p.start[i + 1] { qd[i] += p.value[k] * p.value[k] } }
        var index = Array(0..<l)
        var activeSize = l
        var pgMaxOld = Double.infinity, pgMinOld = -Double.infinity
        var iter = 0
        try w.withUnsafeMutableBufferPointer { w in
            while iter < maxIter {
                try Cancellation.check()
                var pgMaxNew = -Double.infinity, pgMinNew = Double.infinity
                random.shuffle(&index, count: activeSize)
                var s = 0
                while s < activeSize {
                    let i = index[s]
                    let yi = b.y[i]
                    var g = p.dot(w, i) * yi - 1
                    let c = upper[i]
                    g += alpha[i] * diag[i]
                    var pg = 0.0
                    if alpha[i] == 0 {
                        if g > pgMaxOld {
                            activeSize -= 1
                            index.swapAt(s, activeSize)
                            continue
                        } else if g < 0 {
                            pg = g
                        }
                    } else if alpha[i] == c {
                        if g < pgMinOld {
                            activeSize -= 1
                            index.swapAt(s, activeSize)
                            continue
                        } else if g > 0 {
                            pg = g
                        }
                    } else {
                        pg = g
                    }
                    pgMaxNew = max(pgMaxNew, pg)
                    pgMinNew = min(pgMinNew, pg)
                    if abs(pg) > 1e-12 {
                        let old = alpha[i]
                        alpha[i] = min(max(alpha[i] - g / qd[i], 0), c)
                        p.add((alpha[i] - old) * yi, row: i, to: w)
                    }
                    s += 1
                }
                iter += 1
                if pgMaxNew - pgMinNew <= eps {
                    if activeSize == l { break }
                    activeSize = l
                    pgMaxOld = .infinity
                    pgMinOld = -.infinity
                    continue
                }
                pgMaxOld = pgMaxNew <= 0 ? .infinity : pgMaxNew
                pgMinOld = pgMinNew >= 0 ? -.infinity : pgMinNew
            }
        }
        return (w, iter)
    }

    // MARK: Trust-region Newton on the primal L2-loss problem

    /// f(w) = w·w/2 + Σ C_i max(0, 1 - y_i w·x_i)², its gradient and Hessian-vector products
    /// (over the rows with margin below 1).
    struct L2LossObjective {
        let p: Problem
        let b: Binary
        /// y_i w·x_i of the last `value(w)`, then (in `gradient`) the active rows' factors.
        var z: [Double]
        var active: [Int] = []

        init(_ p: Problem, _ b: Binary) {
            self.p = p
            self.b = b
            z = [Double](repeating: 0, count: p.rows)
        }

        var count: Int { p.cols }

        mutating func value(_ w: [Double]) -> Double {
            var f = 0.0
            for v in w { f += v * v }
            f /= 2
            var w = w
            w.withUnsafeMutableBufferPointer { w in
                for i in 0..<p.rows {
                    z[i] = b.y[i] * p.dot(w, i)
                    let d = 1 - z[i]
                    if d > 0 { f += b.cost[i] * d * d }
                }
            }
            return f
        }

        mutating func gradient(_ w: [Double]) -> [Double] {
            active.removeAll(keepingCapacity: true)
            var factors: [Double] = []
            for i in 0..<p.rows where z[i] < 1 {
                factors.append(b.cost[i] * b.y[i] * (z[i] - 1))
                active.append(i)
            }
            var g = transposeProduct(factors)
            for j in 0..<g.count { g[j] = w[j] + 2 * g[j] }
            return g
        }

        func hessianTimes(_ s: [Double]) -> [Double] {
            var s2 = s
            var wa = [Double](repeating: 0, count: active.count)
            s2.withUnsafeMutableBufferPointer { sp in
                for (k, i) in active.enumerated() { wa[k] = b.cost[i] * p.dot(sp, i) }
            }
            var h = transposeProduct(wa)
            for j in 0..<h.count { h[j] = s[j] + 2 * h[j] }
            return h
        }

        /// Σ over the active rows of v_k x_row.
        private func transposeProduct(_ v: [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: p.cols)
            out.withUnsafeMutableBufferPointer { out in
                for (k, i) in active.enumerated() { p.add(v[k], row: i, to: out) }
            }
            return out
        }
    }

    /// The vector operations TRON takes from BLAS, in the order of operations of the OpenBLAS
    /// that scikit-learn's wheels load on x86-64 (its Haswell kernels): on badly scaled data the
    /// trust region's path, and so where it stops, depends on the last bits of these.
    enum Vector {
        /// `ddot`: blocks of 16 fused into four 4-lane accumulators, then the rest added in turn.
        static func dot(_ a: [Double], _ b: [Double]) -> Double {
            let n = a.count, blocked = n & ~15
            var result = 0.0
            if blocked > 0 {
                var acc = [Double](repeating: 0, count: 16)
                var i = 0
                while i < blocked {
                    for k in 0..<16 { acc[k] = acc[k].addingProduct(a[i + k], b[i + k]) }
                    i += 16
                }
                // Each accumulator's halves, then the accumulators pairwise, then the two lanes.
                var lane = [0.0, 0.0]
                for l in 0..<2 {
                    let h = (0..<4).map { k in acc[4 * k + l] + acc[4 * k + l + 2] }
                    lane[l] = (h[0] + h[1]) + (h[2] + h[3])
                }
                result = lane[0] + lane[1]
            }
            for i in blocked..<n { result += b[i] * a[i] }
            return result
        }

        /// `dnrm2`: the squares summed in extended precision, then the root.
        static func norm(_ a: [Double]) -> Double {
            #if arch(x86_64)
            var sum: Float80 = 0
            for v in a { sum += Float80(v) * Float80(v) }
            return Double(sum.squareRoot())
            #else
            return dot(a, a).squareRoot()
            #endif
        }

        /// `daxpy`: y += alpha x, fused in blocks of 16, then multiplied and added.
        static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
            let n = x.count, blocked = n & ~15
            for i in 0..<blocked { y[i] = y[i].addingProduct(alpha, x[i]) }
            for i in blocked..<n { y[i] += alpha * x[i] }
        }
    }

    /// LIBLINEAR's TRON: Newton steps from conjugate gradients inside a trust region, until the
    /// gradient's norm falls to `eps` times its norm at w = 0.
    static func trustRegionNewton(_ f: inout L2LossObjective, eps: Double, maxIter: Int) throws -> (w: [Double], iterations: Int) {
        let eta0 = 1e-4, eta1 = 0.25, eta2 = 0.75
        let sigma1 = 0.25, sigma2 = 0.5, sigma3 = 4.0
        let n = f.count
        var w = [Double](repeating: 0, count: n)
        var fw = f.value(w)
        var g = f.gradient(w)
        var delta = Vector.norm(g)
        let gnorm0 = delta
        let search = delta > eps * gnorm0
        var iter = 1
        while iter <= maxIter && search {
            try Cancellation.check()
            let (s, r) = conjugateGradient(f, delta: delta, g: g)
            var wNew = w
            for j in 0..<n { wNew[j] += s[j] }
            let gs = Vector.dot(g, s)
            let predicted = -0.5 * (gs - Vector.dot(s, r))
            let fNew = f.value(wNew)
            let actual = fw - fNew
            let snorm = Vector.norm(s)
            if iter == 1 { delta = min(delta, snorm) }
            let alpha = fNew - fw - gs <= 0 ? sigma3 : max(sigma1, -0.5 * (gs / (fNew - fw - gs)))
            if actual < eta0 * predicted {
                delta = min(max(alpha, sigma1) * snorm, sigma2 * delta)
            } else if actual < eta1 * predicted {
                delta = max(sigma1 * delta, min(alpha * snorm, sigma2 * delta))
            } else if actual < eta2 * predicted {
                delta = max(sigma1 * delta, min(alpha * snorm, sigma3 * delta))
            } else {
                delta = max(delta, min(alpha * snorm, sigma3 * delta))
            }
            if actual > eta0 * predicted {
                iter += 1
                w = wNew
                fw = fNew
                g = f.gradient(w)
                if Vector.norm(g) <= eps * gnorm0 { break }
            }
            // A rejected step keeps w, its gradient and its active rows (the margins that
            // value(wNew) wrote are not read again before the next value()).
            if fw < -1e32 { break }
            if abs(actual) <= 0 && predicted <= 0 { break }
            if abs(actual) <= 1e-12 * abs(fw) && abs(predicted) <= 1e-12 * abs(fw) { break }
        }
        return (w, iter - 1)
    }

    /// Conjugate gradients for H s = -g inside the trust region of radius `delta`; returns the
    /// step and the residual.
    private static func conjugateGradient(_ f: L2LossObjective, delta: Double, g: [Double]) -> (s: [Double], r: [Double]) {
        let n = g.count
        var s = [Double](repeating: 0, count: n)
        var r = g.map { -$0 }
        var d = r
        let cgtol = 0.1 * Vector.norm(g)
        var rTr = Vector.dot(r, r)
        while Vector.norm(r) > cgtol {
            let hd = f.hessianTimes(d)
            var alpha = rTr / Vector.dot(d, hd)
            Vector.axpy(alpha, d, &s)
            if Vector.norm(s) > delta {
                // Back to the boundary along d.
                Vector.axpy(-alpha, d, &s)
                let std = Vector.dot(s, d), sts = Vector.dot(s, s), dtd = Vector.dot(d, d)
                let dsq = delta * delta
                let rad = (std * std + dtd * (dsq - sts)).squareRoot()
                alpha = std >= 0 ? (dsq - sts) / (std + rad) : (rad - std) / dtd
                Vector.axpy(alpha, d, &s)
                Vector.axpy(-alpha, hd, &r)
                break
            }
            Vector.axpy(-alpha, hd, &r)
            let rNew = Vector.dot(r, r)
            let beta = rNew / rTr
            for j in 0..<n { d[j] = beta * d[j] + r[j] }
            rTr = rNew
        }
        return (s, r)
    }

    // MARK: Coordinate descent for the L1-regularised L2-loss SVM

    static func l1CoordinateDescent(_ p: Problem, _ b: Binary, eps: Double, maxIter: Int, random: inout Random) throws -> (w: [Double], iterations: Int) {
        let l = p.rows, n = p.cols
        // The columns (rows in increasing order), each value times its row's label.
        var colStart = [Int](repeating: 0, count: n + 1)
        for k in 0..<p.value.count { colStart[Int(p.column[k]) + 1] += 1 }
        for j in 0..<n { colStart[j + 1] += colStart[j] }
        var fill = colStart
        var colRow = [Int](repeating: 0, count: p.value.count)
        var colValue = [Double](repeating: 0, count: p.value.count)
        for i in 0..<l {
            for k in p.start[i]..<p.start[i + 1] {
                let j = Int(p.column[k])
                colRow[fill[j]] = i
                colValue[fill[j]] = p.value[k] * b.y[i]
                fill[j] += 1
            }
        }
        let c = b.cost
        var w = [Double](repeating: 0, count: n)
        var margin = [Double](repeating: 1, count: l)  // 1 - y_i w·x_i
        var xjSq = [Double](repeating: 0, count: n)
        for j in 0..<n {
            for k in colStart[j]..<colStart[j + 1] { xjSq[j] += c[colRow[k]] * colValue[k] * colValue[k] }
        }
        var index = Array(0..<n)
        var activeSize = n
        var gMaxOld = Double.infinity
        var gNorm1Init = -1.0
        let sigma = 0.01, maxLineSearch = 20
        var iter = 0
        while iter < maxIter {
            try Cancellation.check()
            var gMaxNew = 0.0, gNorm1New = 0.0
            random.shuffle(&index, count: activeSize)
            var s = 0
            while s < activeSize {
                let j = index[s]
                var gLoss = 0.0, h = 0.0
                for k in colStart[j]..<colStart[j + 1] where margin[colRow[k]] > 0 {
                    let v = colValue[k], t = c[colRow[k]] * v
                    gLoss -= t * margin[colRow[k]]
                    h += t * v
                }
                gLoss *= 2
                let g = gLoss
                h = max(h * 2, 1e-12)
                let gp = g + 1, gn = g - 1
                var violation = 0.0
                if w[j] == 0 {
                    if gp < 0 {
                        violation = -gp
                    } else if gn > 0 {
                        violation = gn
                    } else if gp > gMaxOld / Double(l) && gn < -gMaxOld / Double(l) {
                        activeSize -= 1
                        index.swapAt(s, activeSize)
                        continue
                    }
                } else if w[j] > 0 {
                    violation = abs(gp)
                } else {
                    violation = abs(gn)
                }
                gMaxNew = max(gMaxNew, violation)
                gNorm1New += violation
                var d: Double
                if gp < h * w[j] {
                    d = -gp / h
                } else if gn > h * w[j] {
                    d = -gn / h
                } else {
                    d = -w[j]
                }
                if abs(d) < 1e-12 {
                    s += 1
                    continue
                }
                var delta = abs(w[j] + d) - abs(w[j]) + g * d
                var dOld = 0.0
                var lossOld = 0.0
                var searches = 0
                while searches < maxLineSearch {
                    let dDiff = dOld - d
                    var cond = abs(w[j] + d) - abs(w[j]) - sigma * delta
                    let approx = xjSq[j] * d * d + gLoss * d + cond
                    if approx <= 0 {
                        for k in colStart[j]..<colStart[j + 1] { margin[colRow[k]] += dDiff * colValue[k] }
                        break
                    }
                    var lossNew = 0.0
                    for k in colStart[j]..<colStart[j + 1] {
                        let i = colRow[k]
                        if searches == 0 && margin[i] > 0 { lossOld += c[i] * margin[i] * margin[i] }
                        let bNew = margin[i] + dDiff * colValue[k]
                        margin[i] = bNew
                        if bNew > 0 { lossNew += c[i] * bNew * bNew }
                    }
                    cond = cond + lossNew - lossOld
                    if cond <= 0 { break }
                    dOld = d
                    d *= 0.5
                    delta *= 0.5
                    searches += 1
                }
                w[j] += d
                if searches >= maxLineSearch {
                    // Too many halvings: recompute the margins from w.
                    for i in 0..<l { margin[i] = 1 }
                    for jj in 0..<n where w[jj] != 0 {
                        for k in colStart[jj]..<colStart[jj + 1] { margin[colRow[k]] -= w[jj] * colValue[k] }
                    }
                }
                s += 1
            }
            if iter == 0 { gNorm1Init = gNorm1New }
            iter += 1
            if gNorm1New <= eps * gNorm1Init {
                if activeSize == n { break }
                activeSize = n
                gMaxOld = .infinity
                continue
            }
            gMaxOld = gMaxNew
        }
        return (w, iter)
    }
}

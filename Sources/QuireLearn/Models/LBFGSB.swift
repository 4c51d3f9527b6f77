import Foundation
import QuireSupport

/// scipy's L-BFGS-B (`scipy.optimize.minimize(method="L-BFGS-B")`) for problems without bounds,
/// step for step: the first direction is -g with the step 1/|g|, later ones the L-BFGS direction
/// (10 pairs, initial scaling s'y/y'y), the Moré-Thuente line search of MINPACK-2 (`dcsrch`,
/// `dcstep`: ftol 1e-3, gtol 0.9, xtol 0.1), and scipy's stopping tests (largest gradient
/// component at most `gtol`, or a relative decrease of f at most `ftol`). scikit-learn's
/// LogisticRegression(solver="lbfgs") calls it with gtol = tol = 1e-4 and ftol = 64 eps, so
/// the same calls stop at the same point, not only near the same optimum.
enum LBFGSB {
    static let memory = 10

    static func minimise(
        _ start: [Double], maxIterations: Int, gtol: Double, ftol: Double = 64 * Double.ulpOfOne, maxLineSearch: Int = 50,
        objective: ([Double]) -> (Double, [Double])
    ) -> (x: [Double], iterations: Int) {
        var x = start
        var (f, g) = objective(x)
        var steps: [[Double]] = [], changes: [[Double]] = []
        var iteration = 0
        if maxAbs(g) <= gtol { return (x, 0) }
        while iteration < maxIterations {
            if Cancellation.isCancelled { break }
            var q = g
            var alphas = [Double](repeating: 0, count: steps.count)
            for i in stride(from: steps.count - 1, through: 0, by: -1) {
                alphas[i] = dot(steps[i], q) / dot(steps[i], changes[i])
                axpy(-alphas[i], changes[i], &q)
            }
            if let s = steps.last, let y = changes.last {
                let scale = dot(s, y) / dot(y, y)
                for i in q.indices { q[i] *= scale }
            }
            for i in 0..<steps.count {
                let beta = dot(changes[i], q) / dot(steps[i], changes[i])
                axpy(alphas[i] - beta, steps[i], &q)
            }
            let d = q.map { -$0 }
            let initial = iteration == 0 ? min(1 / dot(d, d).squareRoot(), 1e10) : 1.0
            guard dot(g, d) < 0,
                let found = lineSearch(x, f, g, d, initial, maxEvaluations: maxLineSearch, objective: objective)
            else { break }
            iteration += 1
            let s = zip(found.x, x).map { $0 - $1 }
            let y = zip(found.g, g).map { $0 - $1 }
            let oldF = f, oldG = g
            (x, f, g) = (found.x, found.f, found.g)
            if maxAbs(g) <= gtol { break }
            if oldF - f <= ftol * max(abs(oldF), abs(f), 1) { break }
            // scipy skips the update when s'y is not positive enough.
            if dot(s, y) > Double.ulpOfOne * -dot(oldG, s) {
                steps.append(s)
                changes.append(y)
                if steps.count > memory { steps.removeFirst(); changes.removeFirst() }
            }
        }
        return (x, iteration)
    }

    private static func maxAbs(_ v: [Double]) -> Double { v.reduce(0) { max($0, abs($1)) } }

    /// MINPACK-2's dcsrch along `d` from `x0`, starting at step `stp`; nil when it fails.
    static func lineSearch(
        _ x0: [Double], _ f0: Double, _ g0: [Double], _ d: [Double], _ start: Double, maxEvaluations: Int,
        objective: ([Double]) -> (Double, [Double])
    ) -> (x: [Double], f: Double, g: [Double])? {
        let ftol = 1e-3, gtol = 0.9, xtol = 0.1, stpmin = 0.0, stpmax = 1e10
        let xtrapl = 1.1, xtrapu = 4.0
        var stp = start
        let finit = f0, ginit = dot(g0, d), gtest = ftol * ginit
        var width = stpmax - stpmin, width1 = 2 * width
        var state = StepState(stx: 0, fx: finit, dx: ginit, sty: 0, fy: finit, dy: ginit, brackt: false)
        var stage = 1
        var stmin = 0.0, stmax = stp + xtrapu * stp
        for _ in 0..<maxEvaluations {
            let x = zip(x0, d).map { $0 + stp * $1 }
            let (f, g) = objective(x)
            let gd = dot(g, d)
            let ftest = finit + stp * gtest
            if stage == 1 && f <= ftest && gd >= 0 { stage = 2 }
            // Warnings (rounding, xtol, the step bounds) and convergence all end the search here.
            if state.brackt && (stp <= stmin || stp >= stmax) { return (x, f, g) }
            if state.brackt && stmax - stmin <= xtol * stmax { return (x, f, g) }
            if stp == stpmax && f <= ftest && gd <= gtest { return (x, f, g) }
            if stp == stpmin && (f > ftest || gd >= gtest) { return (x, f, g) }
            if f <= ftest && abs(gd) <= gtol * -ginit { return (x, f, g) }
            if stage == 1 && f <= state.fx && f > ftest {
                // The modified function f - stp * gtest, as dcsrch does in its first stage.
                var m = state
                m.fx -= m.stx * gtest; m.fy -= m.sty * gtest; m.dx -= gtest; m.dy -= gtest
                stp = m.step(stp, f - stp * gtest, gd - gtest, stmin, stmax)
                m.fx += m.stx * gtest; m.fy += m.sty * gtest; m.dx += gtest; m.dy += gtest
                state = m
            } else {
                stp = state.step(stp, f, gd, stmin, stmax)
            }
            if state.brackt {
                if abs(state.sty - state.stx) >= 0.66 * width1 { stp = state.stx + 0.5 * (state.sty - state.stx) }
                width1 = width
                width = abs(state.sty - state.stx)
                stmin = min(state.stx, state.sty)
                stmax = max(state.stx, state.sty)
            } else {
                stmin = stp + xtrapl * (stp - state.stx)
                stmax = stp + xtrapu * (stp - state.stx)
            }
            stp = min(max(stp, stpmin), stpmax)
            if state.brackt && (stp <= stmin || stp >= stmax || stmax - stmin <= xtol * stmax) { stp = state.stx }
        }
        return nil
    }

    /// The interval of uncertainty of dcsrch and MINPACK-2's dcstep, which moves it.
    struct StepState {
        var stx: Double, fx: Double, dx: Double
        var sty: Double, fy: Double, dy: Double
        var brackt: Bool

        /// dcstep: the next trial step from the trial `stp` with value `fp` and slope `dp`.
        mutating func step(_ stp: Double, _ fp: Double, _ dp: Double, _ stpmin: Double, _ stpmax: Double) -> Double {
            let sgnd = dp * (dx / abs(dx))
            var stpf: Double
            if fp > fx {
                let theta = 3 * (fx - fp) / (stp - stx) + dx + dp
                let s = max(abs(theta), abs(dx), abs(dp))
                var gamma = s * ((theta / s) * (theta / s) - (dx / s) * (dp / s)).squareRoot()
                if stp < stx { gamma = -gamma }
                let p = (gamma - dx) + theta, q = ((gamma - dx) + gamma) + dp, r = p / q
                let stpc = stx + r * (stp - stx)
                let stpq = stx + ((dx / ((fx - fp) / (stp - stx) + dx)) / 2) * (stp - stx)
                stpf = abs(stpc - stx) < abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2
                brackt = true
            } else if sgnd < 0 {
                let theta = 3 * (fx - fp) / (stp - stx) + dx + dp
                let s = max(abs(theta), abs(dx), abs(dp))
                var gamma = s * ((theta / s) * (theta / s) - (dx / s) * (dp / s)).squareRoot()
                if stp > stx { gamma = -gamma }
                let p = (gamma - dp) + theta, q = ((gamma - dp) + gamma) + dx, r = p / q
                let stpc = stp + r * (stx - stp)
                let stpq = stp + (dp / (dp - dx)) * (stx - stp)
                stpf = abs(stpc - stp) > abs(stpq - stp) ? stpc : stpq
                brackt = true
            } else if abs(dp) < abs(dx) {
                let theta = 3 * (fx - fp) / (stp - stx) + dx + dp
                let s = max(abs(theta), abs(dx), abs(dp))
                var gamma = s * max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)).squareRoot()
                if stp > stx { gamma = -gamma }
                let p = (gamma - dp) + theta, q = (gamma + (dx - dp)) + gamma, r = p / q
                let stpc: Double
                if r < 0 && gamma != 0 { stpc = stp + r * (stx - stp) } else if stp > stx { stpc = stpmax } else { stpc = stpmin }
                let stpq = stp + (dp / (dp - dx)) * (stx - stp)
                if brackt {
                    stpf = abs(stpc - stp) < abs(stpq - stp) ? stpc : stpq
                    stpf = stp > stx ? min(stp + 0.66 * (sty - stp), stpf) : max(stp + 0.66 * (sty - stp), stpf)
                } else {
                    stpf = abs(stpc - stp) > abs(stpq - stp) ? stpc : stpq
                    stpf = max(stpmin, min(stpmax, stpf))
                }
            } else {
                if brackt {
                    let theta = 3 * (fp - fy) / (sty - stp) + dy + dp
                    let s = max(abs(theta), abs(dy), abs(dp))
                    var gamma = s * ((theta / s) * (theta / s) - (dy / s) * (dp / s)).squareRoot()
                    if stp > sty { gamma = -gamma }
                    let p = (gamma - dp) + theta, q = ((gamma - dp) + gamma) + dy, r = p / q
                    stpf = stp + r * (sty - stp)
                } else {
                    stpf = stp > stx ? stpmax : stpmin
                }
            }
            if fp > fx {
                sty = stp; fy = fp; dy = dp
            } else {
                if sgnd < 0 { sty = stx; fy = fx; dy = dx }
                stx = stp; fx = fp; dx = dp
            }
            return stpf
        }
    }
}

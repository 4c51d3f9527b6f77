import QuireSupport

/// Limited-memory BFGS with a backtracking (Armijo) line search, for smooth convex objectives.
struct LBFGS {
    /// Pairs of steps remembered (scikit-learn's lbfgs keeps 10 as well).
    static let memory = 10
    /// Armijo's sufficient-decrease constant.
    static let armijo = 1e-4
    /// Halvings tried before a line search gives up.
    static let maxHalvings = 60

    /// Minimises `objective` (value and gradient) from `start`; stops when the largest gradient
    /// component is at most `gradientTolerance` or after `maxIterations`.
    static func minimise(
        _ start: [Double], maxIterations: Int, gradientTolerance: Double,
        objective: ([Double]) -> (Double, [Double])
    ) -> (x: [Double], iterations: Int) {
        var x = start
        var (f, g) = objective(x)
        var steps: [[Double]] = [], changes: [[Double]] = [], rhos: [Double] = []
        var iteration = 0
        while iteration < maxIterations, g.map(abs).max()! > gradientTolerance {
            if Cancellation.isCancelled { break }
            iteration += 1
            // Two-loop recursion: direction = -H g.
            var q = g
            var alphas = [Double](repeating: 0, count: steps.count)
            for i in stride(from: steps.count - 1, through: 0, by: -1) {
                alphas[i] = rhos[i] * dot(steps[i], q)
                axpy(-alphas[i], changes[i], &q)
            }
            if let s = steps.last, let y = changes.last {
                let scale = dot(s, y) / dot(y, y)
                q = q.map { $0 * scale }
            } else {
                let norm = dot(g, g).squareRoot()
                q = q.map { $0 / max(1, norm) }
            }
            for i in 0..<steps.count {
                let beta = rhos[i] * dot(changes[i], q)
                axpy(alphas[i] - beta, steps[i], &q)
            }
            var direction = q.map { -$0 }
            var slope = dot(g, direction)
            if slope >= 0 {
                // Not a descent direction: restart from steepest descent.
                steps = []; changes = []; rhos = []
                direction = g.map { -$0 }
                slope = -dot(g, g)
            }
            var step = 1.0
            var accepted = false
            var newX = x, newF = f, newG = g
            for _ in 0..<maxHalvings {
                newX = zip(x, direction).map { $0 + step * $1 }
                (newF, newG) = objective(newX)
                if newF <= f + armijo * step * slope { accepted = true; break }
                step /= 2
            }
            if !accepted { break }
            let s = zip(newX, x).map { $0 - $1 }
            let y = zip(newG, g).map { $0 - $1 }
            let sy = dot(s, y)
            if sy > 1e-12 * dot(y, y).squareRoot() * dot(s, s).squareRoot() {
                steps.append(s); changes.append(y); rhos.append(1 / sy)
                if steps.count > memory { steps.removeFirst(); changes.removeFirst(); rhos.removeFirst() }
            }
            x = newX; f = newF; g = newG
        }
        return (x, iteration)
    }
}

func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in a.indices { s += a[i] * b[i] }
    return s
}

func axpy(_ a: Double, _ x: [Double], _ y: inout [Double]) {
    for i in y.indices { y[i] += a * x[i] }
}

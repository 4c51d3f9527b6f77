@testable import QuireLearn
import QuireSupport
import Testing

/// The SVC solver here (`SVMDecision.train`) against the system's LIBSVM, which it follows step
/// by step: the same support vectors, coefficients and offsets, to the bit.
@Suite struct SVMSolverTests {
    /// The model trained here and the one LIBSVM trains, for the same settings.
    func bothModels(_ svc: SVC, _ x: Matrix, _ y: [Double]) throws -> (here: SVMDecision, libsvm: SVMDecision) {
        var here = svc, reference = svc
        reference.trainsWithLIBSVM = true
        try here.fit(x, y)
        try reference.fit(x, y)
        return (try #require(here.decision), try #require(reference.decision))
    }

    /// Where two models differ, briefly (a whole model is too long to print).
    func difference(_ a: SVMDecision, _ b: SVMDecision) -> String? {
        if a.labels != b.labels { return "labels \(a.labels) vs \(b.labels)" }
        if a.counts != b.counts { return "support vectors per class \(a.counts) vs \(b.counts)" }
        if a.rho != b.rho { return "rho \(a.rho) vs \(b.rho)" }
        for (r, (x, y)) in zip(a.coefficients, b.coefficients).enumerated() {
            if let t = x.indices.first(where: { x[$0].bitPattern != y[$0].bitPattern }) {
                return "coefficient row \(r), vector \(t): \(x[t]) vs \(y[t])"
            }
        }
        if a.supportVectors != b.supportVectors { return "support vectors" }
        return a == b ? nil : "kernel"
    }

    @Test(arguments: ["rbf", "linear", "poly", "sigmoid"])
    func irisWithEveryKernel(kernel: String) throws {
        let s = try Iris.split()
        var svc = SVC()
        try svc.set("kernel", .string(kernel))
        if kernel == "sigmoid" { try svc.set("gamma", .double(0.01)) }
        let (here, libsvm) = try bothModels(svc, s.xTrain, s.yTrain)
        #expect(difference(here, libsvm) == nil)
    }

    /// The tutorial's split, with C small (many bounded support vectors) and large (few, free),
    /// and a cache too small for two columns more, so that columns are dropped and rebuilt,
    /// including by shrinking's swaps.
    @Test(arguments: [(1.0, 200 << 20), (0.05, 200 << 20), (30.0, 200 << 20), (1.0, 1)])
    func mobilePriceSplit(c: Double, cacheBytes: Int) throws {
        let s = try TestData.tutorialSplit()
        var svc = SVC()
        try svc.set("C", .double(c))
        svc.cacheBytes = cacheBytes
        let (here, libsvm) = try bothModels(svc, s.xTrain, s.yTrain)
        #expect(difference(here, libsvm) == nil)
    }

    /// Overlapping classes, more rows than the solver's shrinking interval (1000 iterations),
    /// labels first seen out of order, repeated rows, a loose tolerance and a degree-2 polynomial kernel.
    @Test func noisyClassesOutOfOrder() throws {
        var state: UInt64 = 12345
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let n = 1500, d = 4
        var values: [Double] = [], y: [Double] = []
        for _ in 0..<n {
            let label = Double(Int(uniform() * 3))
            y.append(label == 0 ? 2 : label == 2 ? 0 : 1)
            for j in 0..<d { values.append(uniform() * 2 + (j == 0 ? label * 0.7 : 0) + (uniform() < 0.1 ? 0 : 1)) }
        }
        // Repeated rows tie in the working-set choice: the first (or last) of them must win.
        values += values.prefix(300 * d)
        y += y.prefix(300)
        let x = Matrix(rows: n + 300, cols: d, values: values)
        for (kernel, tol) in [("rbf", 1e-3), ("poly", 0.1)] {
            var svc = SVC()
            try svc.set("kernel", .string(kernel))
            try svc.set("degree", .int(2))
            try svc.set("tol", .double(tol))
            try svc.set("C", .double(5))
            let (here, libsvm) = try bothModels(svc, x, y)
            #expect(difference(here, libsvm) == nil, "kernel \(kernel)")
        }
    }

    /// Classes in the order of their first appearance, as LIBSVM numbers them.
    @Test func classesAreNumberedByFirstAppearance() throws {
        let x = Matrix(rows: 6, cols: 1, values: [0, 5, 1, 6, 10, 11])
        let kernel = SVMKernel(type: .linear, gamma: 1, coef0: 0, degree: 3)
        let model = try SVMDecision.train(x: x, y: [2, 0, 2, 0, 1, 1], kernel: kernel, c: 1, eps: 1e-3, cacheBytes: 1 << 20)
        #expect(model.labels == [2, 0, 1])
        #expect(model.counts.reduce(0, +) == model.supportVectors.rows)
        #expect(model.predict(x) == [2, 0, 2, 0, 1, 1])
    }

    @Test func aStoppedFitThrowsCancelled() throws {
        let s = try TestData.tutorialSplit()
        let token = CancellationToken()
        token.cancel(.timeout)
        var svc = SVC()
        #expect(throws: Cancelled.self) {
            try Cancellation.with(token) { try svc.fit(s.xTrain, s.yTrain) }
        }
        #expect(svc.decision == nil)
    }

    @Test func probabilitiesComeFromLIBSVM() throws {
        let s = try Iris.split()
        var svc = SVC()
        try svc.set("probability", .bool(true))
        try svc.fit(s.xTrain, s.yTrain)
        let proba = try svc.predictProba(s.xTest)
        for i in 0..<proba.rows { #expect(abs(proba.row(i).reduce(0, +) - 1) < 1e-9) }
        #expect(try svc.predict(s.xTest).count == s.yTest.count)
    }
}

/// The tutorial's SVC against scikit-learn 1.9.1 (`Tests/Fixtures/reference/svc_mobile_support.json`,
/// made by `make_svc_support_reference.py` beside it): the same support vectors, in the same
/// order, and the same predictions.
@Suite struct SVCSupportVectorTests {
    @Test func mobilePriceSplit() throws {
        let reference = try TestData.json("reference/svc_mobile_support.json")
        let s = try TestData.tutorialSplit()
        var svc = SVC()
        try svc.set("decision_function_shape", .string("ovo"))
        try svc.fit(s.xTrain, s.yTrain)
        let decision = try #require(svc.decision)
        #expect(decision.counts == reference["n_support"] as? [Int])
        let support = try #require(reference["support"] as? [Int])
        #expect(decision.supportVectors == s.xTrain.selecting(rows: support))
        #expect(try svc.predict(s.xTest).map { Int($0) } == reference["predict"] as? [Int])
    }
}

@testable import QuireLearn
import Testing

/// The kernel matrix computed here and LIBSVM's own kernel give the same model.
@Suite struct SVMPathTests {
    @Test(arguments: ["rbf", "linear", "poly", "sigmoid"])
    func precomputedAndSparseAgree(kernel: String) throws {
        let s = try Iris.split()
        var precomputed = SVC()
        try precomputed.set("kernel", .string(kernel))
        if kernel == "sigmoid" { try precomputed.set("gamma", .double(0.01)) }
        var sparse = precomputed
        precomputed.precomputedRowLimit = 2500
        sparse.precomputedRowLimit = 0
        try precomputed.fit(s.xTrain, s.yTrain)
        try sparse.fit(s.xTrain, s.yTrain)
        #expect(precomputed.decision == sparse.decision)
        #expect(try precomputed.predict(s.xTest) == (try sparse.predict(s.xTest)))
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

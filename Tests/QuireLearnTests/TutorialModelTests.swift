import QuireLearn
import Testing

/// The tutorial's four models on its split reach scikit-learn's numbers
/// (Tests/Fixtures/reference/mobile_price_sklearn.json).
@Suite struct TutorialModelTests {
    func check(_ model: some Classifier, _ name: String) throws {
        var model = model
        let s = try TestData.tutorialSplit()
        try model.fit(s.xTrain, s.yTrain)
        let predicted = try model.predict(s.xTest)
        let expected = try TestData.reference(name)
        // Foundation's JSON reader on Linux may be one ulp off the file's digits; the exact hits
        // are checked by the confusion matrix below.
        #expect(abs(accuracyScore(s.yTest, predicted) - expected.accuracy) < 1e-12)
        #expect(try ConfusionMatrix(s.yTest, predicted).counts == expected.matrix)
        #expect(try classificationReport(s.yTest, predicted) == expected.report)
    }

    @Test func gaussianNaiveBayes() throws { try check(GaussianNB(), "gaussian_nb") }

    @Test func kNearestNeighbours() throws {
        try check(KNeighborsClassifier(nNeighbors: 3, leafSize: 25), "knn")
    }

    @Test func supportVectorMachine() throws {
        var svc = SVC()
        try svc.set("decision_function_shape", .string("ovo"))
        try check(svc, "svm")
    }
}

/// The forest with the tutorial's parameters gives scikit-learn's numbers on the tutorial's split.
@Suite struct TutorialForestTests {
    @Test func forestMatchesScikitLearn() throws {
        var forest = RandomForestClassifier()
        for (name, value) in [
            ("n_estimators", 200), ("max_depth", 7), ("max_features", 15), ("min_samples_leaf", 3),
            ("min_samples_split", 10), ("random_state", 7),
        ] { try forest.set(name, .int(value)) }
        let s = try TestData.tutorialSplit()
        try forest.fit(s.xTrain, s.yTrain)
        let predicted = try forest.predict(s.xTest)
        let expected = try TestData.reference("random_forest")
        #expect(abs(accuracyScore(s.yTest, predicted) - expected.accuracy) < 1e-12)
        #expect(try ConfusionMatrix(s.yTest, predicted).counts == expected.matrix)
        #expect(try classificationReport(s.yTest, predicted) == expected.report)
        let importances = try #require(forest.featureImportances)
        #expect(abs(importances.reduce(0, +) - 1) < 1e-9)
        // ram (column 13) decides the price range.
        #expect(importances.indices.max { importances[$0] < importances[$1] } == 13)
        #expect(forest.repr == "RandomForestClassifier(max_depth=7, max_features=15, min_samples_leaf=3, min_samples_split=10, n_estimators=200, random_state=7)")
        #expect(accuracyScore(s.yTest, predicted) == 0.9093406593406593)
    }
}

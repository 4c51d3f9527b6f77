import Foundation
import QuireLearn
import Testing

// Expected values below were computed once with scikit-learn 1.9.1 by
// bench/learn/sklearn_literals.py (run from the repository root with /work/venv/bin/python)
// and copied here as literals.

enum Iris {
    static func load() throws -> (x: Matrix, y: [Double]) {
        TestData.labelled(TestData.csv(try TestData.text("data/iris.csv")).rows)
    }

    /// train_test_split(X, y, test_size=0.3, random_state=0)
    static func split() throws -> (xTrain: Matrix, xTest: Matrix, yTrain: [Double], yTest: [Double]) {
        let (x, y) = try load()
        let s = try trainTestSplit(nSamples: x.rows, testSize: .fraction(0.3), randomState: 0)
        return (x.selecting(rows: s.train), x.selecting(rows: s.test), s.train.map { y[$0] }, s.test.map { y[$0] })
    }

    static let yTest: [Double] = [
        2, 1, 0, 2, 0, 2, 0, 1, 1, 1, 2, 1, 1, 1, 1, 0, 1, 1, 0, 0, 2, 1, 0, 0, 2, 0, 0, 1, 1, 0, 2, 1, 0, 2, 2,
        1, 0, 1, 1, 1, 2, 0, 2, 0, 0,
    ]
    /// The predictions of KNN(5), KNN(7, distance, p=1), SVC(), SVC(linear, C=0.5), LogisticRegression.
    static let commonPrediction: [Double] = [
        2, 1, 0, 2, 0, 2, 0, 1, 1, 1, 2, 1, 1, 1, 1, 0, 1, 1, 0, 0, 2, 1, 0, 0, 2, 0, 0, 1, 1, 0, 2, 1, 0, 2, 2,
        1, 0, 2, 1, 1, 2, 0, 2, 0, 0,
    ]
    /// SVC(kernel="poly", degree=2, coef0=1.0, gamma=0.5)
    static let polyPrediction: [Double] = [
        2, 1, 0, 2, 0, 2, 0, 1, 1, 1, 2, 1, 1, 1, 1, 0, 1, 1, 0, 0, 2, 1, 0, 0, 2, 0, 0, 1, 1, 0, 2, 2, 0, 2, 2,
        1, 0, 2, 1, 1, 2, 0, 2, 0, 0,
    ]
}

enum Digits {
    /// digits.csv.gz (64 pixel columns, then the digit), split test_size=0.25, random_state=42.
    static func split() throws -> (xTrain: Matrix, xTest: Matrix, yTrain: [Double], yTest: [Double]) {
        let url = TestData.notebookData.appendingPathComponent("digits.csv.gz")
        #expect(FileManager.default.fileExists(atPath: url.path))
        let gunzip = Process()
        gunzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gunzip.arguments = ["-dc", url.path]
        let pipe = Pipe()
        gunzip.standardOutput = pipe
        try gunzip.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        gunzip.waitUntilExit()
        let (x, y) = TestData.labelled(TestData.csv(String(decoding: data, as: UTF8.self), header: false).rows)
        let s = try trainTestSplit(nSamples: x.rows, testSize: .fraction(0.25), randomState: 42)
        return (x.selecting(rows: s.train), x.selecting(rows: s.test), s.train.map { y[$0] }, s.test.map { y[$0] })
    }

    /// Σ (i + 1) * prediction_i, the fingerprint the script printed for each model's predictions.
    static func checksum(_ p: [Double]) -> Int { p.enumerated().reduce(0) { $0 + ($1.offset + 1) * Int($1.element) } }
}

@Suite struct IrisAgreementTests {
    func predictions(_ model: some Classifier) throws -> [Double] {
        var model = model
        let s = try Iris.split()
        try model.fit(s.xTrain, s.yTrain)
        return try model.predict(s.xTest)
    }

    @Test func splitMatchesScikitLearn() throws {
        let s = try trainTestSplit(nSamples: 150, testSize: .fraction(0.3), randomState: 0)
        #expect(Array(s.test.prefix(10)) == [114, 62, 33, 107, 7, 100, 40, 86, 76, 71])
        #expect(try Iris.split().yTest == Iris.yTest)
    }

    @Test func stratifiedSplitMatchesScikitLearn() throws {
        let (_, y) = try Iris.load()
        let s = try trainTestSplit(nSamples: 150, testSize: .fraction(0.3), randomState: 0, stratify: y)
        #expect(s.test == [
            136, 142, 39, 44, 50, 23, 90, 149, 46, 55, 21, 147, 47, 123, 67, 134, 68, 65, 51, 0, 54, 103, 24, 81,
            129, 102, 113, 100, 89, 110, 99, 19, 6, 88, 86, 121, 85, 37, 9, 61, 36, 109, 3, 12, 139,
        ])
        #expect(Array(s.train.prefix(10)) == [144, 117, 115, 22, 28, 38, 57, 111, 91, 112])
    }

    @Test func naiveBayes() throws {
        #expect(try predictions(GaussianNB()) == Iris.yTest)
        var nb = GaussianNB()
        let s = try Iris.split()
        try nb.fit(s.xTrain, s.yTrain)
        let proba = try nb.predictProba(s.xTest.selecting(rows: [0]))
        #expect(abs(proba[0, 1] - 1.7569091322445773e-06) < 1e-15)
        #expect(abs(proba[0, 2] - 0.9999982430908677) < 1e-12)
    }

    @Test func neighbours() throws {
        #expect(try predictions(KNeighborsClassifier()) == Iris.commonPrediction)
        #expect(try predictions(KNeighborsClassifier(nNeighbors: 7, weights: "distance", p: 1)) == Iris.commonPrediction)
    }

    @Test func supportVectors() throws {
        #expect(try predictions(SVC()) == Iris.commonPrediction)
        var linear = SVC()
        try linear.set("kernel", .string("linear"))
        try linear.set("C", .double(0.5))
        #expect(try predictions(linear) == Iris.commonPrediction)
        var poly = SVC()
        try poly.set("kernel", .string("poly"))
        try poly.set("degree", .int(2))
        try poly.set("coef0", .double(1))
        try poly.set("gamma", .double(0.5))
        #expect(try predictions(poly) == Iris.polyPrediction)
    }

    @Test func logisticRegressionReachesScikitLearnsOptimum() throws {
        var model = LogisticRegression()
        try model.set("max_iter", .int(1000))
        let s = try Iris.split()
        try model.fit(s.xTrain, s.yTrain)
        #expect(try model.predict(s.xTest) == Iris.commonPrediction)
        let expected: [Double] = [
            -0.3979733651717298, 0.8335926073728535, -2.2895250383236636, -0.9784505962436753,
            0.5445254961271183, -0.2902284732670154, -0.2326072861797928, -0.6581747657825953,
            -0.146552130955389, -0.5433641341058373, 2.5221323245034557, 1.6366253620262727,
        ]
        for (a, b) in zip(model.coefficients, expected) { #expect(abs(a - b) < 1e-4) }
        for (a, b) in zip(model.intercepts, [9.001429049655602, 1.5423233459969796, -10.54375239565287]) {
            #expect(abs(a - b) < 1e-4)
        }
        let proba = try model.predictProba(s.xTest.selecting(rows: [0]))
        for (a, b) in zip(proba.values, [0.00013168447575670272, 0.05987653200578998, 0.9399917835184534]) {
            #expect(abs(a - b) < 1e-4)
        }
    }

    @Test func binaryLogisticRegression() throws {
        var model = LogisticRegression()
        try model.set("C", .double(0.3))
        try model.set("max_iter", .int(1000))
        let s = try Iris.split()
        try model.fit(s.xTrain, s.yTrain.map { $0 == 2 ? 1 : 0 })
        // Two classes: scipy's L-BFGS-B with scikit-learn's tol=1e-4, so where scikit-learn stops.
        let expected = [0.09709820832961542, -0.09130967606989143, 1.6654499235930333, 1.0940572462609572]
        for (a, b) in zip(model.coefficients, expected) { #expect(abs(a - b) < 1e-6) }
        #expect(abs(model.intercepts[0] - -10.163017380706107) < 1e-6)
    }

    @Test func crossValidation() throws {
        let (x, y) = try Iris.load()
        let folds = try defaultFolds(y, folds: 5)
        #expect(folds.map { Array($0.test.prefix(6)) } == [
            [0, 1, 2, 3, 4, 5], [10, 11, 12, 13, 14, 15], [20, 21, 22, 23, 24, 25], [30, 31, 32, 33, 34, 35],
            [40, 41, 42, 43, 44, 45],
        ])
        let nb = try crossValScore(GaussianNB(), x, y, splits: folds)
        let expectedNB = [0.9333333333333333, 0.9666666666666667, 0.9333333333333333, 0.9333333333333333, 1.0]
        #expect(nb == expectedNB)
        let knn = try crossValScore(KNeighborsClassifier(nNeighbors: 3), x, y, splits: folds)
        #expect(knn == [0.9666666666666667, 0.9666666666666667, 0.9333333333333333, 0.9666666666666667, 1.0])
    }

    @Test func shuffledFolds() throws {
        let (_, y) = try Iris.load()
        let stratified = try stratifiedKFold(y, nSplits: 4, shuffle: true, randomState: 3)
        #expect(stratified.map { Array($0.test.prefix(6)) } == [
            [0, 2, 9, 14, 19, 20], [6, 11, 13, 15, 16, 17], [4, 5, 10, 12, 18, 22], [1, 3, 7, 8, 21, 24],
        ])
        let plain = try kFold(nSamples: 150, nSplits: 3, shuffle: true, randomState: 1)
        #expect(plain.map { Array($0.test.sorted().prefix(5)) } == [[4, 5, 14, 16, 17], [2, 6, 9, 10, 11], [0, 1, 3, 7, 8]])
    }

    @Test func gridSearch() throws {
        let (x, y) = try Iris.load()
        let result = try QuireLearn.gridSearch(
            SVC(), grid: [("kernel", [.string("linear"), .string("rbf")]), ("C", [.double(0.1), .int(1), .int(10)])],
            x, y, splits: try defaultFolds(y, folds: 5))
        #expect(result.bestParameters.map(\.name) == ["C", "kernel"])
        #expect(result.bestParameters.map(\.value) == [.int(1), .string("linear")])
        #expect(abs(result.bestScore - 0.98) < 1e-12)
        let means = [0.9733333333333334, 0.92, 0.98, 0.9666666666666666, 0.9733333333333334, 0.98]
        for (row, m) in zip(result.rows, means) { #expect(abs(row.meanScore - m) < 1e-12) }
        #expect(result.rows.map(\.rank) == [3, 6, 1, 5, 3, 1])
    }

    @Test func metricsAndReport() throws {
        let p = Iris.polyPrediction, t = Iris.yTest
        let scores = try ClassScores(t, p)
        func close(_ a: (Double, Double, Double), _ b: (Double, Double, Double)) -> Bool {
            abs(a.0 - b.0) < 1e-15 && abs(a.1 - b.1) < 1e-15 && abs(a.2 - b.2) < 1e-15
        }
        #expect(close(try scores.averaged(.micro), (0.9555555555555556, 0.9555555555555556, 0.9555555555555556)))
        #expect(close(try scores.averaged(.macro), (0.9487179487179488, 0.9629629629629629, 0.9526143790849674)))
        #expect(close(try scores.averaged(.weighted), (0.9623931623931624, 0.9555555555555556, 0.9561002178649236)))
        let binary = try ClassScores(t.map { $0 == 1 ? 1 : 0 }, p.map { $0 == 1 ? 1 : 0 })
        #expect(close(try binary.averaged(.binary), (1.0, 0.8888888888888888, 0.9411764705882353)))
        #expect(throws: LearnError.self) { try scores.averaged(.binary) }
        let report = try classificationReport(t, p, targetNames: ["setosa", "versicolor", "virginica"], digits: 3)
        #expect(report == """
                          precision    recall  f1-score   support

                  setosa      1.000     1.000     1.000        16
              versicolor      1.000     0.889     0.941        18
               virginica      0.846     1.000     0.917        11

                accuracy                          0.956        45
               macro avg      0.949     0.963     0.953        45
            weighted avg      0.962     0.956     0.956        45

            """)
    }

    @Test func scalers() throws {
        let s = try Iris.split()
        var standard = StandardScaler()
        try standard.fit(s.xTrain)
        let row = try standard.transform(s.xTest.selecting(rows: [0])).values
        for (a, b) in zip(row, [-0.10694994121379345, -0.557215048038829, 0.7079384561270096, 1.5100668798133163]) {
            #expect(abs(a - b) < 1e-12)
        }
        var minMax = MinMaxScaler()
        let scaled = try minMax.fitTransform(s.xTrain)
        #expect(scaled.values.min() == 0 && scaled.values.max() == 1)
        let mm = try minMax.transform(s.xTest.selecting(rows: [0])).values
        for (a, b) in zip(mm, [0.4166666666666665, 0.33333333333333326, 0.6896551724137929, 0.9583333333333334]) {
            #expect(abs(a - b) < 1e-12)
        }
    }
}

@Suite struct DigitsAgreementTests {
    func run(_ model: some Classifier) throws -> (checksum: Int, accuracy: Double) {
        var model = model
        let s = try Digits.split()
        try model.fit(s.xTrain, s.yTrain)
        let p = try model.predict(s.xTest)
        return (Digits.checksum(p), accuracyScore(s.yTest, p))
    }

    @Test func naiveBayes() throws {
        let r = try run(GaussianNB())
        #expect(r.checksum == 496190 && abs(r.accuracy - 0.8555555555555555) < 1e-12)
    }

    @Test func neighboursByBruteForce() throws {
        #expect(try run(KNeighborsClassifier()).checksum == 459217)
        #expect(try run(KNeighborsClassifier(nNeighbors: 3)).checksum == 457299)
    }

    @Test func supportVectors() throws {
        #expect(try run(SVC()).checksum == 462296)
        var ovo = SVC()
        try ovo.set("decision_function_shape", .string("ovo"))
        try ovo.set("C", .double(3))
        #expect(try run(ovo).checksum == 460545)
    }

    @Test func forestWithinTwoPoints() throws {
        var forest = RandomForestClassifier()
        try forest.set("random_state", .int(0))
        #expect(abs(try run(forest).accuracy - 0.98) <= 0.02)
        var entropy = RandomForestClassifier()
        for (k, v) in [("n_estimators", ParameterValue.int(50)), ("criterion", .string("entropy")), ("max_depth", .int(10)), ("random_state", .int(1))] {
            try entropy.set(k, v)
        }
        #expect(abs(try run(entropy).accuracy - 0.9733333333333334) <= 0.02)
    }

    @Test func treeWithinFourPoints() throws {
        var tree = DecisionTreeClassifier()
        try tree.set("random_state", .int(0))
        // A single tree is more sensitive to tie-breaking among equal splits than a forest.
        #expect(abs(try run(tree).accuracy - 0.8688888888888889) <= 0.04)
    }
}

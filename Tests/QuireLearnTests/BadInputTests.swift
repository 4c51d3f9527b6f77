import Foundation
import QuireArray
import QuireLearn
import Testing

/// Every bad input ends in a data-only error, never a crash.
@Suite struct BadInputTests {
    let x = Matrix(rows: 4, cols: 2, values: [0, 0, 1, 1, 2, 2, 3, 3])

    @Test func lengthMismatch() {
        var nb = GaussianNB()
        #expect(throws: LearnError.lengthMismatch(rows: 4, labels: 3)) { try nb.fit(x, [0, 1, 0]) }
    }

    @Test func missingAndInfiniteValues() {
        #expect(throws: LearnError.missingValue(row: 1, column: 0)) {
            try Matrix(NDArray(shape: [2, 2], float64: [1, 2, .nan, 4]))
        }
        #expect(throws: LearnError.infiniteValue(row: 0, column: 1)) {
            try Matrix(NDArray(shape: [2, 2], float64: [1, .infinity, 3, 4]))
        }
        #expect(throws: LearnError.notTwoDimensional(shape: [4])) { try Matrix(NDArray(shape: [4], float64: [1, 2, 3, 4])) }
        #expect(throws: LearnError.missingValue(row: 2, column: 0)) { try labelValues(NDArray(shape: [3], float64: [1, 0, .nan])) }
    }

    @Test func predictBeforeFit() {
        #expect(throws: LearnError.notFitted(model: "GaussianNB")) { try GaussianNB().predict(x) }
        #expect(throws: LearnError.notFitted(model: "SVC")) { try SVC().predict(x) }
        #expect(throws: LearnError.notFitted(model: "RandomForestClassifier")) { try RandomForestClassifier().predictProba(x) }
        #expect(throws: LearnError.notFitted(model: "KNeighborsClassifier")) { try KNeighborsClassifier().predict(x) }
        #expect(throws: LearnError.notFitted(model: "StandardScaler")) { try StandardScaler().transform(x) }
    }

    @Test func tooManyNeighbours() {
        var knn = KNeighborsClassifier()
        #expect(throws: LearnError.tooManyNeighbors(requested: 5, samples: 4)) { try knn.fit(x, [0, 1, 0, 1]) }
    }

    @Test func oneClass() {
        var svc = SVC()
        #expect(throws: LearnError.oneClass(label: 1)) { try svc.fit(x, [1, 1, 1, 1]) }
        var forest = RandomForestClassifier()
        #expect(throws: LearnError.oneClass(label: 1)) { try forest.fit(x, [1, 1, 1, 1]) }
    }

    @Test func wrongFeatureCount() throws {
        var nb = GaussianNB()
        try nb.fit(x, [0, 1, 0, 1])
        #expect(throws: LearnError.featureCountMismatch(expected: 2, got: 1)) {
            try nb.predict(Matrix(rows: 1, cols: 1, values: [3]))
        }
    }

    @Test func badParameters() {
        var forest = RandomForestClassifier()
        #expect(throws: LearnError.self) { try forest.set("n_estimator", .int(3)) }
        #expect(throws: LearnError.self) { try forest.set("max_features", .string("cube")) }
        #expect(throws: LearnError.self) { try forest.set("min_samples_split", .int(1)) }
        var svc = SVC()
        #expect(throws: LearnError.self) { try svc.set("kernel", .string("rbg")) }
        #expect(throws: LearnError.self) { try svc.set("C", .double(-1)) }
    }

    @Test func badSplits() {
        #expect(throws: LearnError.self) { try trainTestSplit(nSamples: 10, testSize: .fraction(1.5)) }
        #expect(throws: LearnError.self) { try trainTestSplit(nSamples: 10, testSize: .count(10)) }
        #expect(throws: LearnError.emptySplit(nSamples: 2, testSize: 1, trainSize: 0)) {
            try trainTestSplit(nSamples: 2, testSize: .fraction(0.1), trainSize: .fraction(0.4))
        }
        #expect(throws: LearnError.classTooSmall(label: 2, count: 1)) {
            try trainTestSplit(nSamples: 5, testSize: .count(2), randomState: 0, stratify: [0, 0, 1, 1, 2])
        }
        #expect(throws: LearnError.tooManyFolds(folds: 5, available: 4)) { try kFold(nSamples: 4, nSplits: 5) }
    }

    @Test func svcProbabilityMustBeAsked() throws {
        var svc = SVC()
        try svc.fit(x, [0, 0, 1, 1])
        #expect(throws: LearnError.probabilityNotEnabled) { try svc.predictProba(x) }
    }

    @Test func damagedModelFiles() {
        #expect(throws: LearnError.badModelFile("not a Quire model file")) { try ModelArchive.decode(Data("{}".utf8), kinds: TestData.savable) }
        #expect(throws: LearnError.self) {
            try ModelArchive.decode(Data(#"{"format":"quire-model","version":1,"type":"SVC","model":{}}"#.utf8), kinds: TestData.savable)
        }
        #expect(throws: LearnError.self) {
            try ModelArchive.decode(Data(#"{"format":"quire-model","version":9,"type":"SVC","model":{}}"#.utf8), kinds: TestData.savable)
        }
    }
}

/// Saved models predict as the originals did.
@Suite struct ModelArchiveTests {
    func roundTrip(_ model: some Classifier) throws {
        var model = model
        let s = try Iris.split()
        try model.fit(s.xTrain, s.yTrain)
        let loaded = try #require(try ModelArchive.decode(try ModelArchive.encode(model), kinds: TestData.savable) as? any Classifier)
        #expect(loaded.repr == model.repr)
        #expect(try loaded.predict(s.xTest) == (try model.predict(s.xTest)))
        #expect(try loaded.predictProba(s.xTest) == (try model.predictProba(s.xTest)))
    }

    @Test func everyModel() throws {
        try roundTrip(GaussianNB())
        try roundTrip(KNeighborsClassifier(nNeighbors: 4))
        var svc = SVC()
        try svc.set("probability", .bool(true))
        try roundTrip(svc)
        var forest = RandomForestClassifier()
        try forest.set("n_estimators", .int(10))
        try forest.set("random_state", .int(3))
        try roundTrip(forest)
        try roundTrip(DecisionTreeClassifier())
        try roundTrip(LogisticRegression())
    }

    @Test func scalersToo() throws {
        var scaler = StandardScaler()
        let s = try Iris.split()
        try scaler.fit(s.xTrain)
        let loaded = try #require(try ModelArchive.decode(try ModelArchive.encode(scaler), kinds: TestData.savable) as? StandardScaler)
        #expect(try loaded.transform(s.xTest) == (try scaler.transform(s.xTest)))
    }

    @Test func reprShowsChangedParameters() throws {
        #expect(SVC().repr == "SVC()")
        var svc = SVC()
        try svc.set("kernel", .string("linear"))
        try svc.set("C", .double(0.5))
        #expect(svc.repr == "SVC(C=0.5, kernel='linear')")
        #expect(KNeighborsClassifier(nNeighbors: 3, leafSize: 25).repr == "KNeighborsClassifier(leaf_size=25, n_neighbors=3)")
        #expect(GaussianNB(varSmoothing: 1e-5).repr == "GaussianNB(var_smoothing=1e-05)")
    }
}

import Foundation
import QuireSupport
import Testing

@testable import QuireLearn

/// MLPClassifier against scikit-learn 1.9.1 on small tables no other test uses
/// (`Tests/Fixtures/reference/nn/mlp_tables.json`, made by `make_mlp_tables.py` beside it):
/// every epoch's loss to 1e-6 relative, the epochs run, the optimiser's last learning rate,
/// probabilities and predictions.
@Suite struct MLPTests {
    static func reference() throws -> [String: Any] { try TestData.json("reference/nn/mlp_tables.json") }

    static func table(_ ref: [String: Any], _ name: String) throws -> (x: Matrix, y: [Double]) {
        let tables = try #require(ref["tables"] as? [String: Any])
        let table = try #require(tables[name] as? [String: Any])
        let rows = try #require(table["X"] as? [[Double]])
        let y = try #require(table["y"] as? [Int])
        return (Matrix(rows: rows.count, cols: rows[0].count, values: rows.flatMap { $0 }), y.map(Double.init))
    }

    /// A model with scikit-learn's parameters as the reference gives them.
    static func model(_ params: [String: Any]) throws -> MLPClassifier {
        var model = MLPClassifier()
        let bools: Set = ["shuffle", "nesterovs_momentum", "early_stopping"]
        let ints: Set = ["max_iter", "random_state", "batch_size", "n_iter_no_change"]
        for (name, value) in params {
            let p: ParameterValue
            if let sizes = value as? [Int] {
                p = .ints(sizes)
            } else if bools.contains(name) {
                p = .bool(try #require(value as? Bool))
            } else if ints.contains(name) {
                p = .int(try #require(value as? Int))
            } else if let s = value as? String {
                p = .string(s)
            } else {
                p = .double(try #require(value as? Double))
            }
            try model.set(name, p)
        }
        return model
    }

    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-6) -> Bool {
        abs(a - b) <= tolerance * max(abs(b), 1e-12)
    }

    @Test(arguments: 0..<8) func lossCurveEqualsScikitLearns(_ index: Int) throws {
        let ref = try Self.reference()
        let run = try #require((ref["runs"] as? [[String: Any]])?[index])
        let (x, y) = try Self.table(ref, try #require(run["table"] as? String))
        let params = try #require(run["params"] as? [String: Any])
        var model = try Self.model(params)
        try model.fit(x, y)
        let expected = try #require(run["loss_curve"] as? [Double])
        let curve = try #require(model.lossCurve)
        #expect(model.iterations == run["n_iter"] as? Int, "\(params)")
        #expect(curve.count == expected.count)
        for (epoch, (got, want)) in zip(curve, expected).enumerated() {
            #expect(Self.close(got, want), "epoch \(epoch + 1) of \(params): \(got) vs \(want)")
        }
        if let best = run["best_loss"] as? Double {
            #expect(Self.close(try #require(model.bestLoss), best))
        } else {
            #expect(model.bestLoss == nil)
        }
        if let scores = run["validation_scores"] as? [Double] {
            // scikit-learn's accuracy_score may differ in the last bit (a weighted average).
            let ours = try #require(model.validationScores)
            #expect(ours.count == scores.count)
            for (a, b) in zip(ours, scores) { #expect(abs(a - b) < 1e-12) }
        } else {
            #expect(model.validationScores == nil)
        }
        let predictions = try #require(run["predictions"] as? [Int])
        #expect(try model.predict(x) == predictions.map(Double.init))
        let proba = try #require(run["proba_first_rows"] as? [[Double]])
        let ours = try model.predictProba(x.selecting(rows: [0, 1, 2, 3]))
        for r in 0..<4 {
            for c in 0..<ours.cols { #expect(abs(ours[r, c] - proba[r][c]) < 1e-6) }
        }
    }

    @Test func adaptiveSgdDividesItsRateByFive() throws {
        // The fourth run lowers its rate from 0.3 until it is at most 1e-6 (7.68e-07).
        var model = try Self.model(["hidden_layer_sizes": [12], "solver": "sgd", "learning_rate": "adaptive", "learning_rate_init": 0.3])
        try model.set("n_iter_no_change", .int(2))
        try model.set("tol", .double(0.01))
        try model.set("max_iter", .int(80))
        try model.set("random_state", .int(3))
        let ref = try Self.reference()
        let (x, y) = try Self.table(ref, "wine_half")
        try model.fit(x, y)
        #expect(model.iterations == 36)
    }

    @Test func sameSeedSameWeightsAndSavedModelPredictsTheSame() throws {
        let ref = try Self.reference()
        let (x, y) = try Self.table(ref, "three_classes")
        var a = try Self.model(["hidden_layer_sizes": [5], "max_iter": 5, "random_state": 9])
        var b = a
        try a.fit(x, y)
        try b.fit(x, y)
        #expect(a.parameters == b.parameters)
        let data = try ModelArchive.encode(a)
        let loaded = try #require(try ModelArchive.decode(data, kinds: [MLPClassifier.self]) as? MLPClassifier)
        #expect(try loaded.predictProba(x) == a.predictProba(x))
        #expect(loaded.lossCurve == a.lossCurve)
        #expect(loaded.repr == "MLPClassifier(hidden_layer_sizes=(5,), max_iter=5, random_state=9)")
    }

    @Test func damagedWeightsAreRefusedOnLoading() throws {
        let ref = try Self.reference()
        let (x, y) = try Self.table(ref, "moons")
        var model = try Self.model(["hidden_layer_sizes": [3], "max_iter": 2, "random_state": 0])
        try model.fit(x, y)
        let text = String(decoding: try ModelArchive.encode(model), as: UTF8.self)
        let damaged = text.replacingOccurrences(of: "\"layer_units\":[2,3,1]", with: "\"layer_units\":[2,4,1]")
        #expect(damaged != text)
        #expect(throws: LearnError.badModelFile("the saved MLPClassifier's weights do not match its layers")) {
            _ = try ModelArchive.decode(Data(damaged.utf8), kinds: [MLPClassifier.self])
        }
    }

    @Test func aLossThatBecomesNaNNamesTheEpoch() throws {
        // A huge step on unscaled values overflows the weights.
        let x = Matrix(rows: 4, cols: 1, values: [1e150, -1e150, 2e150, -2e150])
        var model = try Self.model(["hidden_layer_sizes": [4], "solver": "sgd", "learning_rate_init": 1e10, "random_state": 0])
        #expect(throws: LearnError.self) { try model.fit(x, [0, 1, 0, 1]) }
        do {
            try model.fit(x, [0, 1, 0, 1])
        } catch LearnError.lossNotFinite(let epoch) {
            #expect(epoch >= 1)
        }
    }

    @Test func aStopRequestEndsTrainingAndLeavesTheModelUnfitted() throws {
        let ref = try Self.reference()
        let (x, y) = try Self.table(ref, "three_classes")
        var model = try Self.model(["hidden_layer_sizes": [5], "max_iter": 50, "random_state": 0])
        let token = CancellationToken()
        token.cancel(.timeout)
        #expect(throws: Cancelled.self) { try Cancellation.with(token) { try model.fit(x, y) } }
        #expect(model.classes == nil)
        #expect(model.lossCurve == nil)
    }

    @Test func settingsRefuseBadValues() throws {
        var model = MLPClassifier()
        #expect(throws: LearnError.self) { try model.set("hidden_layer_sizes", .ints([4, 0])) }
        #expect(throws: LearnError.self) { try model.set("hidden_layer_sizes", .int(-1)) }
        #expect(throws: LearnError.self) { try model.set("learning_rate_init", .double(0)) }
        #expect(throws: LearnError.self) { try model.set("batch_size", .int(0)) }
        #expect(throws: LearnError.self) { try model.set("max_iter", .int(0)) }
        #expect(throws: LearnError.self) { try model.set("momentum", .double(1.5)) }
        #expect(throws: LearnError.self) { try model.set("validation_fraction", .double(1)) }
        try model.set("hidden_layer_sizes", .int(7))
        #expect(model.settings["hidden_layer_sizes"] == .ints([7]))
    }
}

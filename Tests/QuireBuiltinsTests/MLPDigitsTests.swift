import Foundation
import Testing

/// `mlp_classifier` from the command line against scikit-learn 1.9's MLPClassifier on the
/// digits of notebook 03 (`X / 16`, `train_test_split(test_size=0.25, random_state=0,
/// stratify=y)`): the three runs of `Tests/Fixtures/reference/nn/digits_mlp.json` (copied from
/// the project's reference folder, made by its `make_nn_reference.py`). Every epoch's loss
/// agrees to 1e-6 relative, and so do the epochs run and the test accuracy.
@Suite("mlp_classifier on the digits", .serialized)
struct MLPDigitsTests {
    static func reference() throws -> [[String: Any]] {
        let url = repositoryRoot.appendingPathComponent("Tests/Fixtures/reference/nn/digits_mlp.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        return try #require(json["runs"] as? [[String: Any]])
    }

    /// The run's parameters as Quire arguments.
    static func arguments(_ params: [String: Any]) -> String {
        params.keys.sorted().map { key -> String in
            let value = params[key]!
            if let sizes = value as? [Int] { return "\(key)=\(sizes)" }
            if let s = value as? String { return "\(key)=\"\(s)\"" }
            return "\(key)=\(value)"
        }.joined(separator: ", ")
    }

    @Test(arguments: 0..<3) func lossCurveNIterAndAccuracyEqualScikitLearns(_ index: Int) throws {
        let run = try Self.reference()[index]
        let params = try #require(run["params"] as? [String: Any])
        let program = """
            names = list(range(64)).map(fn(i) { f"px{i}" }) + ["label"]
            digits = read_csv("notebooks/data/digits.csv.gz", header=none, names=names)
            X = digits.drop("label").to_array() / 16
            y = digits.label.to_array()
            X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
            m = mlp_classifier(\(Self.arguments(params))).fit(X_train, y_train)
            for v in m.loss_curve { print(repr(v)) }
            print(m.n_iter)
            print(repr(accuracy_score(y_test, m.predict(X_test))))
            """
        let r = try quire(["-e", program])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let expected = try #require(run["loss_curve"] as? [Double])
        try #require(lines.count == expected.count + 2, "\(r.stdout)\(r.stderr)")
        for (epoch, want) in expected.enumerated() {
            let got = try #require(Double(lines[epoch]))
            #expect(abs(got - want) <= 1e-6 * abs(want), "epoch \(epoch + 1): \(got) vs \(want)")
        }
        #expect(Int(lines[expected.count]) == run["n_iter"] as? Int)
        // The same count of right answers (one answer is 1/450; JSONSerialization may read the
        // reference's last digit differently).
        let accuracy = try #require(Double(lines[expected.count + 1])), reference = try #require(run["test_accuracy"] as? Double)
        #expect(abs(accuracy - reference) < 1e-12, "\(accuracy) vs \(reference)")
    }
}

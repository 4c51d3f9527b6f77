import Foundation
import QuireLearn
import Testing

/// Where the data and references live, inside the repository (the root holds Package.swift):
/// the tutorial data in `notebooks/data`, test-only data and the scikit-learn and numpy
/// references in `Tests/Fixtures` (its README says where each came from).
enum TestData {
    static let root: URL = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir
    }()
    static let notebookData = root.appendingPathComponent("notebooks/data")
    /// Every type the library can save (the language lists the same, from its model rows).
    static let savable: [any Savable.Type] = [
        GaussianNB.self, KNeighborsClassifier.self, SVC.self, DecisionTreeClassifier.self,
        RandomForestClassifier.self, LogisticRegression.self, MLPClassifier.self, StandardScaler.self, MinMaxScaler.self,
        LinearSVC.self,
    ]
    static let fixtures = root.appendingPathComponent("Tests/Fixtures")

    /// A file below `Tests/Fixtures` (`data/iris.csv`, `reference/...`) as text.
    static func text(_ relative: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(relative), encoding: .utf8)
    }

    static func json(_ relative: String) throws -> [String: Any] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent(relative))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// A numeric CSV with a header: the header and the rows. Test-only: no quoting, no gaps.
    static func csv(_ text: String, header: Bool = true) -> (header: [String], rows: [[Double]]) {
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let names = header ? lines.removeFirst().split(separator: ",").map(String.init) : []
        return (names, lines.map { $0.split(separator: ",").map { Double($0)! } })
    }

    /// The tutorial's table: mobile_price_train.csv without the rows where `sc_w` is 0.
    static func mobilePrice() throws -> (x: Matrix, y: [Double]) {
        let (header, rows) = csv(try String(contentsOf: notebookData.appendingPathComponent("mobile_price_train.csv"), encoding: .utf8))
        let scw = try #require(header.firstIndex(of: "sc_w"))
        let target = try #require(header.firstIndex(of: "price_range"))
        let kept = rows.filter { $0[scw] != 0 }
        let features = kept.flatMap { row in row.indices.filter { $0 != target }.map { row[$0] } }
        return (Matrix(rows: kept.count, cols: header.count - 1, values: features), kept.map { $0[target] })
    }

    /// A table whose last column is the label.
    static func labelled(_ rows: [[Double]]) -> (x: Matrix, y: [Double]) {
        let cols = rows[0].count - 1
        return (Matrix(rows: rows.count, cols: cols, values: rows.flatMap { $0.prefix(cols) }), rows.map { $0[cols] })
    }

    /// The tutorial's split: test_size=0.2, random_state=7.
    static func tutorialSplit() throws -> (xTrain: Matrix, xTest: Matrix, yTrain: [Double], yTest: [Double]) {
        let (x, y) = try mobilePrice()
        let split = try trainTestSplit(nSamples: x.rows, testSize: .fraction(0.2), randomState: 7)
        return (x.selecting(rows: split.train), x.selecting(rows: split.test), split.train.map { y[$0] }, split.test.map { y[$0] })
    }

    static func reference(_ model: String) throws -> (accuracy: Double, matrix: [[Int]], report: String) {
        let json = try json("reference/mobile_price_sklearn.json")
        let models = try #require(json["models"] as? [String: Any])
        let entry = try #require(models[model] as? [String: Any])
        return (
            try #require(entry["accuracy"] as? Double), try #require(entry["confusion_matrix"] as? [[Int]]),
            try #require(entry["classification_report"] as? String)
        )
    }
}

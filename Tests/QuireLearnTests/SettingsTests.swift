import Foundation
import Testing

@testable import QuireLearn

/// Settings are declared once per model; everything else is derived from the declaration.
@Suite struct SettingsTests {
    static let models: [any Savable.Type] = TestData.savable

    @Test func hyperParametersFollowTheDeclarationWithItsDefaults() {
        for kind in Self.models {
            let model = kind.init()
            #expect(model.hyperParameters.map(\.name) == kind.declaredSettings.map(\.name))
            #expect(model.hyperParameters.allSatisfy { $0.value == $0.defaultValue }, "\(model.estimatorName)")
            #expect(model.repr == model.estimatorName + "()")
        }
    }

    @Test func everyDeclaredDefaultPassesItsOwnCheck() throws {
        for kind in Self.models {
            for setting in kind.declaredSettings {
                #expect(try setting.kind.check(setting.name, setting.defaultValue) == setting.defaultValue, "\(setting.name)")
                #expect(!setting.doc.isEmpty, "\(setting.name) has no doc line")
            }
        }
    }

    @Test func setChecksAgainstTheDeclaredKind() throws {
        var knn = KNeighborsClassifier()
        try knn.set("leaf_size", .int(12))
        #expect(knn.settings.int("leaf_size") == 12)
        #expect(throws: LearnError.badParameter(name: "leaf_size", expected: "an int of at least 1")) { try knn.set("leaf_size", .int(0)) }
        #expect(throws: LearnError.badParameter(name: "weights", expected: "one of \"uniform\", \"distance\"")) {
            try knn.set("weights", .string("near"))
        }
        #expect(throws: LearnError.badParameter(name: "leaf_sise", expected: "a parameter of this model")) {
            try knn.set("leaf_sise", .int(3))
        }
        try knn.set("p", .double(1.5))
        #expect(knn.repr == "KNeighborsClassifier(leaf_size=12, p=1.5)")
        var svc = SVC()
        #expect(throws: LearnError.badParameter(name: "gamma", expected: "a number of at least 0")) { try svc.set("gamma", .double(-1)) }
        #expect(throws: LearnError.badParameter(name: "gamma", expected: "one of \"scale\", \"auto\"")) { try svc.set("gamma", .string("scal")) }
        try svc.set("gamma", .int(2))
        #expect(svc.settings["gamma"] == .double(2))
        var tree = DecisionTreeClassifier()
        let phrase = "\"sqrt\", \"log2\", a count, a fraction or none"
        #expect(throws: LearnError.badParameter(name: "max_features", expected: phrase)) { try tree.set("max_features", .int(0)) }
        #expect(throws: LearnError.badParameter(name: "max_features", expected: phrase)) { try tree.set("max_features", .double(1.5)) }
        try tree.set("max_features", .double(0.5))
        try tree.set("max_features", .none)
        #expect(tree.settings["max_features"] == .none)
    }

    @Test func savedFormHoldsSettingsByTheirDeclaredNames() throws {
        var forest = RandomForestClassifier()
        try forest.set("max_depth", .int(4))
        let json = try #require(try JSONSerialization.jsonObject(with: ModelArchive.encode(forest)) as? [String: Any])
        #expect(json["version"] as? Int == 2)
        let settings = try #require((json["model"] as? [String: Any])?["settings"] as? [String: Any])
        #expect(Set(settings.keys) == Set(RandomForestClassifier.declaredSettings.map(\.name)))
        #expect(settings["max_depth"] as? Int == 4)
        let loaded = try ModelArchive.decode(try ModelArchive.encode(forest), kinds: TestData.savable)
        #expect(loaded.repr == "RandomForestClassifier(max_depth=4)")
        // A whole float stays a float: max_features=1.0 means every feature, 1 means one.
        var tree = DecisionTreeClassifier()
        try tree.set("max_features", .double(1.0))
        let reloaded = try #require(try ModelArchive.decode(try ModelArchive.encode(tree), kinds: TestData.savable) as? DecisionTreeClassifier)
        #expect(reloaded.settings["max_features"] == .double(1.0))
        #expect(reloaded.repr == "DecisionTreeClassifier(max_features=1.0)")
    }

    @Test func loadingRefusesUnknownKindsAndMissingOrUnknownSettings() {
        func decode(_ text: String) throws { _ = try ModelArchive.decode(Data(text.utf8), kinds: TestData.savable) }
        #expect(throws: LearnError.self) { try decode(#"{"format":"quire-model","version":2,"type":"Perceptron","model":{}}"#) }
        #expect(throws: LearnError.badModelFile("the saved LogisticRegression has no setting \"max_iter\"")) {
            try decode(#"{"format":"quire-model","version":2,"type":"LogisticRegression","model":{"settings":{"C":1}}}"#)
        }
        #expect(throws: LearnError.badModelFile("the saved LogisticRegression has an unknown setting \"penalty\"")) {
            try decode(#"{"format":"quire-model","version":2,"type":"LogisticRegression","model":{"settings":{"C":1,"max_iter":5,"penalty":"l1"}}}"#)
        }
        #expect(throws: LearnError.badModelFile("the saved LogisticRegression has a bad max_iter: expected an int of at least 1")) {
            try decode(#"{"format":"quire-model","version":2,"type":"LogisticRegression","model":{"settings":{"C":1,"max_iter":0}}}"#)
        }
    }

    @Test func formatOneFilesAreTranslated() throws {
        let v1 = #"{"format":"quire-model","version":1,"type":"LogisticRegression","model":{"c":0.5,"maxIter":7,"coefficients":[],"intercepts":[],"nFeatures":0}}"#
        let loaded = try ModelArchive.decode(Data(v1.utf8), kinds: TestData.savable)
        #expect(loaded.repr == "LogisticRegression(C=0.5, max_iter=7)")
        #expect(Version1.propertyName("min_samples_leaf") == "minSamplesLeaf")
        #expect(Version1.propertyName("C") == "c")
    }

    @Test func capabilitiesAreDeclaredNotAssumed() {
        let models: [any Classifier] = [RandomForestClassifier(), DecisionTreeClassifier(), GaussianNB()]
        #expect(models.map { $0 is any ReportsProgress } == [true, false, false])
        #expect(models.map { $0 is any HasFeatureImportances } == [true, true, false])
        #expect(!(SVC() is any ReportsProgress))
    }

    /// A model of the test's own: its one declaration is all that `set`, the repr and the saved
    /// form need.
    struct Toy: Savable {
        static let declaredSettings = [
            Setting("depth", .int(min: 1), .int(3), doc: "How deep."),
            Setting("mode", .choice(["fast", "exact"]), .string("fast"), doc: "Which way."),
        ]
        var settings = Settings(Self.declaredSettings)
        var estimatorName: String { "Toy" }
    }

    @Test func aDeclarationIsAllAModelNeeds() throws {
        var toy = Toy()
        try toy.set("mode", .string("exact"))
        try toy.set("depth", .double(5))
        #expect(toy.repr == "Toy(depth=5, mode='exact')")
        #expect(throws: LearnError.badParameter(name: "mode", expected: "one of \"fast\", \"exact\"")) { try toy.set("mode", .string("slow")) }
        let decoder = JSONDecoder()
        decoder.userInfo[.savedModel] = SavedModelContext(name: "Toy", declarations: Toy.declaredSettings)
        let again = try decoder.decode(Toy.self, from: try JSONEncoder().encode(toy))
        #expect(again.settings == toy.settings)
    }
}

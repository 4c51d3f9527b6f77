import Foundation
import QuireLearn
import Testing

/// Classes sorted as np.unique sorts them, encoded and decoded, saved and read back.
@Suite struct LabelsTests {
    @Test func classesSortAsNumpyUnique() {
        // np.unique(["b", "B", "a", "é", "Z"]) -> ['B' 'Z' 'a' 'b' 'é'] (code points).
        #expect(Labels(fitting: .strings(["b", "B", "a", "é", "Z", "b"])).classes == .strings(["B", "Z", "a", "b", "é"]))
        #expect(Labels(fitting: .ints([3, -1, 3, 2])).classes == .ints([-1, 2, 3]))
        #expect(Labels(fitting: .floats([2.5, 0.5, 2.5])).classes == .floats([0.5, 2.5]))
        #expect(Labels(fitting: .bools([true, false, true])).classes == .bools([false, true]))
        #expect(Labels(fitting: .bools([true, true])).classes == .bools([true]))
    }

    @Test func precomposedAndDecomposedAccentsAreTwoLabels() {
        // numpy compares code points: "é" (U+00E9) and "e" + U+0301 differ.
        let labels = Labels(fitting: .strings(["\u{E9}", "e\u{301}"]))
        #expect(labels.count == 2)
        #expect(labels.classes == .strings(["e\u{301}", "\u{E9}"]))
    }

    @Test func encodeAndDecode() throws {
        let labels = Labels(fitting: .strings(["paris", "paris", "tokyo", "amsterdam"]))
        let codes = try labels.codes(.strings(["tokyo", "tokyo", "paris"])).get()
        #expect(codes == [2, 2, 1])
        #expect(labels.decode(codes) == .strings(["tokyo", "tokyo", "paris"]))
        #expect(labels.codes(.strings(["tokyo", "rome"])) == .failure(Labels.Unseen(row: 1)))
    }

    @Test func trainingValuesKeepNumbersAndNumberStrings() throws {
        let numbers = Labels(fitting: .ints([7, 3]))
        #expect(try numbers.trainingValues(.ints([7, 3, 7])).get() == [7, 3, 7])
        #expect(numbers.trainingClasses == [3, 7])
        let strings = Labels(fitting: .strings(["no", "yes"]))
        #expect(try strings.trainingValues(.strings(["yes", "no"])).get() == [1, 0])
        #expect(strings.trainingClasses == [0, 1])
        #expect(strings.decode(predictions: [1, 1, 0], modelClasses: [0, 1]) == .strings(["yes", "yes", "no"]))
        let bools = Labels(fitting: .bools([true, false]))
        #expect(bools.decode(predictions: [1, 0], modelClasses: [0, 1]) == .bools([true, false]))
    }

    @Test func kindsCombineAsNumpyDoes() {
        #expect(Labels(union: .ints([1, 2]), .floats([2.5]))?.classes == .floats([1, 2, 2.5]))
        #expect(Labels(union: .bools([true]), .ints([0]))?.classes == .ints([0, 1]))
        #expect(Labels(union: .strings(["a"]), .ints([0])) == nil)
        #expect(Labels(union: .bools([true]), .strings(["True"])) == nil)
    }

    @Test func namesAsScikitLearnPrintsThem() {
        #expect(LabelList.ints([0, 12]).names == ["0", "12"])
        #expect(LabelList.floats([1, 2.5, 1e-5]).names == ["1.0", "2.5", "1e-05"])
        #expect(LabelList.bools([false, true]).names == ["False", "True"])
        #expect(LabelList.strings(["a b"]).listText == "['a b']")
    }

    @Test func factorizeInOrderOfFirstAppearance() {
        let (codes, uniques) = Labels.factorize(.strings(["b", "a", "b", "c"]))
        #expect(codes == [0, 1, 0, 2])
        #expect(uniques == .strings(["b", "a", "c"]))
        #expect(Labels.factorize(.ints([3, 1, 3, 2])).uniques == .ints([3, 1, 2]))
    }

    @Test func savedWithTheModelAndReadBack() throws {
        var tree = DecisionTreeClassifier()
        try tree.fit(Matrix(rows: 2, cols: 1, values: [0, 1]), [0, 1])
        let data = try ModelArchive.encode(tree, labels: .strings(["no", "yes"]))
        let (model, labels) = try ModelArchive.decodeWithLabels(data, kinds: [DecisionTreeClassifier.self])
        #expect(labels == .strings(["no", "yes"]))
        #expect((model as? DecisionTreeClassifier)?.classes == [0, 1])
        // A file without labels (written before they were saved) gives none.
        let old = try ModelArchive.decodeWithLabels(try ModelArchive.encode(tree), kinds: [DecisionTreeClassifier.self])
        #expect(old.labels == nil)
        // A damaged kind is refused with the reason.
        var json = try #require(String(data: data, encoding: .utf8))
        json = json.replacingOccurrences(of: "\"strings\"", with: "\"colours\"")
        #expect(throws: LearnError.self) { try ModelArchive.decodeWithLabels(Data(json.utf8), kinds: [DecisionTreeClassifier.self]) }
    }
}

import QuireLearn
import QuireSupport
import Testing

/// numpy's legacy RandomState(7), against Tests/Fixtures/reference/numpy_random_state.json.
@Suite struct RandomStateTests {
    let reference: [String: Any]
    init() throws { reference = try TestData.json("reference/numpy_random_state.json") }

    @Test func seedingMatchesInitGenrand() throws {
        let expected = try #require(reference["state_after_seed_first5_key"] as? [Int])
        #expect(RandomState(seed: 7).stateKey.prefix(5).map(Int.init) == expected)
    }

    @Test func firstOutputs() throws {
        var rng = RandomState(seed: 7)
        let expected = try #require(reference["first_uint32"] as? [Int])
        #expect((0..<10).map { _ in Int(rng.nextUInt32()) } == expected)
    }

    @Test func permutationOfTwenty() throws {
        var rng = RandomState(seed: 7)
        #expect(rng.permutation(20) == (try #require(reference["permutation_20"] as? [Int])))
    }

    @Test func randomSample() throws {
        var rng = RandomState(seed: 7)
        let expected = try #require(reference["random_sample_5"] as? [Double])
        for e in expected { #expect(abs(rng.randomSample() - e) < 1e-15) }
    }

    @Test func tutorialSplitPositions() throws {
        let entry = try #require(reference["train_test_split_1820_rows_test_0.2_random_state_7"] as? [String: Any])
        let expected = try #require(entry["test_positions"] as? [Int])
        let split = try trainTestSplit(nSamples: 1820, testSize: .fraction(0.2), randomState: 7)
        #expect(split.test == expected)
        #expect(split.train.count == 1456)
        #expect(Set(split.train + split.test).count == 1820)
    }

    @Test func randintStaysInRange() {
        var rng = RandomState(seed: 1)
        for _ in 0..<1000 {
            let v = rng.randint(3, 10)
            #expect((3..<10).contains(v))
        }
    }
}

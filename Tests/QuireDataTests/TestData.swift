import Foundation
@testable import QuireData

/// Paths of the data the tests read, found from this file: the repository root holds
/// Package.swift and the tutorial data sits in `<root>/notebooks/data`.
enum TestData {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url = url.deletingLastPathComponent()
        }
        return url
    }()

    static func notebookData(_ name: String) -> String { root.appendingPathComponent("notebooks/data/\(name)").path }

    static func parse(_ text: String, _ options: CSVOptions = CSVOptions()) throws -> DataFrame {
        try CSVReader.parse(text, path: "test.csv", options: options)
    }

    /// A file in a fresh temporary folder, removed by the caller.
    static func temporaryFile(_ name: String, bytes: [UInt8]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quire-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}

extension Column {
    var ints: [Int64]? { if case .int64(let v) = storage { v } else { nil } }
    var floats: [Double]? { if case .float64(let v) = storage { v } else { nil } }
    var strings: [String]? { if case .string(let v) = storage { v } else { nil } }
    var bools: [Bool]? { if case .bool(let v) = storage { v } else { nil } }
}

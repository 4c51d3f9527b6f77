import Foundation
import QuireArray
import Testing

@testable import QuireVision

/// Paths of the images and OpenCV references, found from this file: the repository root holds
/// Package.swift; the tutorial's camera.png is in `notebooks/data/images`, the other images and
/// the references in `Tests/Fixtures` (its README says where each came from).
enum TestData {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url = url.deletingLastPathComponent()
        }
        return url
    }()
    static let fixtures = root.appendingPathComponent("Tests/Fixtures")
    static func image(_ name: String) -> String {
        let tutorial = root.appendingPathComponent("notebooks/data/images/\(name)")
        if FileManager.default.fileExists(atPath: tutorial.path) { return tutorial.path }
        return fixtures.appendingPathComponent("data/images/\(name)").path
    }
    static func reference(_ name: String) -> String { fixtures.appendingPathComponent("reference/opencv/\(name)").path }

    /// The stats.json of the OpenCV references, as nested dictionaries.
    static func stats() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: reference("stats.json")))
        return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// camera.png as a gray uint8 image.
    static func camera() throws -> NDArray { try ColorConversion.gray(ImageFile.read(image("camera.png"))) }

    /// A fresh temporary folder for files a test writes.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("quire-vision-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Counts the elements of two uint8 arrays of the same shape that differ, and the largest difference.
func differences(_ a: NDArray, _ b: NDArray) -> (count: Int, largest: Int) {
    guard a.shape == b.shape, let x = a.uint8Values, let y = b.uint8Values else { return (Int.max, Int.max) }
    var count = 0, largest = 0
    for i in 0..<x.count where x[i] != y[i] {
        count += 1
        largest = max(largest, abs(Int(x[i]) - Int(y[i])))
    }
    return (count, largest)
}

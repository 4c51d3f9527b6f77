import Foundation
import QuirePlot
import Testing

/// Paths and small helpers shared by the plot tests.
enum TestSupport {
    /// The repository root: the folder holding Package.swift, above this file.
    static var root: URL {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }

    /// The tutorial data folder (`<root>/notebooks/data`).
    static var data: URL { root.appendingPathComponent("notebooks/data") }

    /// A fresh temporary folder for one test.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("quire-plot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// When QUIRE_PLOT_GALLERY names a folder, written pictures are copied there to be looked at.
    static func keep(_ path: URL) {
        guard let folder = ProcessInfo.processInfo.environment["QUIRE_PLOT_GALLERY"] else { return }
        let target = URL(fileURLWithPath: folder).appendingPathComponent(path.lastPathComponent)
        try? FileManager.default.removeItem(at: target)
        try? FileManager.default.copyItem(at: path, to: target)
    }

    /// One numeric column of a CSV file with a header row (the tutorial's data has no quoting).
    static func csvColumn(_ file: String, _ name: String) throws -> [Double] {
        let text = try String(contentsOf: data.appendingPathComponent(file), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        let index = try #require(header.firstIndex(of: name), "no column \(name) in \(file)")
        return try lines.map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return try #require(Double(String(fields[index])))
        }
    }

    /// The confusion matrix of the tutorial's random forest, as the brief gives it.
    static let confusion: [[Double]] = [[92, 3, 0, 0], [2, 85, 5, 0], [0, 6, 74, 6], [0, 0, 11, 80]]

    static func confusionHeatmap() throws -> Figure {
        try Figure.heatmap(
            rows: 4, columns: 4, values: confusion.flatMap { $0 }, colormap: .buPu, format: NumberFormat("d"),
            text: ChartText(title: "Random Forest Confusion Matrix", xLabel: "Predicted Values", yLabel: "Actual Values"))
    }

    /// Mean and standard deviation of gray levels.
    static func grayStatistics(_ image: DecodedPNG) -> (mean: Double, deviation: Double) {
        let levels = image.grayLevels.map(Double.init)
        let mean = levels.reduce(0, +) / Double(levels.count)
        let variance = levels.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(levels.count)
        return (mean, variance.squareRoot())
    }
}

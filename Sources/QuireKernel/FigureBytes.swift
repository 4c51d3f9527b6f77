import Foundation
import QuireLang

/// A figure's bytes in one format. `FigureDisplay` draws to a path only, so this goes through a
/// private temporary folder that is removed at once.
enum FigureBytes {
    static func render(_ figure: any FigureDisplay, format: String) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quire-kernel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("figure.\(format)").path
        try figure.write(toPath: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KernelError("the figure was drawn but could not be read back")
        }
        return data
    }
}

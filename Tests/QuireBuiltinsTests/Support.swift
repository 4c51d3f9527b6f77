import Foundation

/// The repository's root folder (the one holding Package.swift).
let repositoryRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        url.deleteLastPathComponent()
    }
    return url
}()

struct ProcessResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs the debug `quire` binary (or QUIRE_TEST_BINARY's, e.g. the ASan build run by
/// scripts/sanitize.sh) with arguments, optional standard input and variables added to the
/// environment.
func quire(
    _ arguments: [String], input: String? = nil, in directory: URL? = nil, environment: [String: String] = [:]
) throws -> ProcessResult {
    let binary = ProcessInfo.processInfo.environment["QUIRE_TEST_BINARY"].map { URL(fileURLWithPath: $0) }
        ?? repositoryRoot.appendingPathComponent(".build/debug/quire")
    guard FileManager.default.fileExists(atPath: binary.path) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "build quire first: swift build --product quire"])
    }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    if !environment.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    process.currentDirectoryURL = directory ?? repositoryRoot
    let out = Pipe(), err = Pipe(), inp = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inp
    try process.run()
    if let input { inp.fileHandleForWriting.write(Data(input.utf8)) }
    try inp.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

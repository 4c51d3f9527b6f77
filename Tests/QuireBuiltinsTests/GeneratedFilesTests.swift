import Foundation
import QuireBuiltins
import QuireLang
import Testing

@Suite("generated files")
struct GeneratedFilesTests {
    /// docs/builtins.md is generated from the registry; set QUIRE_RECORD=1 to write it anew.
    @Test func builtinsReferenceIsCurrent() throws {
        let path = repositoryRoot.appendingPathComponent("docs/builtins.md")
        let fresh = Help.referencePage(Builtins.registry)
        if ProcessInfo.processInfo.environment["QUIRE_RECORD"] == "1" {
            try fresh.write(to: path, atomically: true, encoding: .utf8)
        }
        let stored = try String(contentsOf: path, encoding: .utf8)
        #expect(stored == fresh, "docs/builtins.md is stale: run `QUIRE_RECORD=1 swift test --filter builtinsReferenceIsCurrent` or `quire --builtins-reference > docs/builtins.md`")
    }

    /// The embedded standard library matches stdlib/*.qr (scripts/generate-stdlib.sh embeds it).
    @Test func embeddedStandardLibraryIsCurrent() throws {
        let dir = repositoryRoot.appendingPathComponent("stdlib")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".qr") }.sorted()
        #expect(files == StandardLibrary.files.map(\.name), "run scripts/generate-stdlib.sh")
        for (name, text) in StandardLibrary.files {
            let onDisk = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            #expect(onDisk.trimmingCharacters(in: .newlines) == text.trimmingCharacters(in: .newlines), "stdlib/\(name) changed: run scripts/generate-stdlib.sh")
        }
    }

    @Test func everyBuiltinIsDocumented() {
        for b in Builtins.registry.all {
            #expect(!b.doc.isEmpty, "\(b.qualifiedName) has no doc")
            #expect(!b.example.isEmpty, "\(b.qualifiedName) has no example")
        }
    }
}

import Foundation
import Testing

/// `quire run NB.md -y params.yaml` from the command line: the values reach the injected cell,
/// `-p` wins over the file, and a file that cannot be used is an error with its line (status 1).
@Suite("quire run -y", .serialized)
struct ParameterFileCommandLineTests {
    func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-yaml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let notebook = "```quire\n#| parameters\nseed = 42\nkernel = \"linear\"\n```\n\n```quire\nprint(seed, kernel)\n```\n"
        try notebook.write(to: dir.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
        return dir
    }

    func write(_ text: String, _ name: String, in dir: URL) throws {
        try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    @Test func valuesFromYAMLAreInjected() throws {
        let dir = try folder()
        try write("# one point of the sweep\nseed: 3\nkernel: rbf\n", "p.yaml", in: dir)
        let r = try quire(["run", "nb.md", "-y", "p.yaml", "--output", "out"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("3 rbf\n"))
        let copy = try String(contentsOf: dir.appendingPathComponent("out/nb.md"), encoding: .utf8)
        #expect(copy.contains("#| injected-parameters\nseed = 3\nkernel = \"rbf\"\n"))
        let both = try quire(["run", "nb.md", "-y", "p.yaml", "-p", "seed", "7"], in: dir)
        #expect(both.stdout.contains("7 rbf\n"), "\(both.stderr)")
    }

    @Test func nestedYAMLIsAnErrorWithItsLine() throws {
        let dir = try folder()
        try write("seed: 3\nmodel:\n  depth: 2\n", "nested.yaml", in: dir)
        let r = try quire(["run", "nb.md", "-y", "nested.yaml"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: nested values are not supported"))
        #expect(r.stderr.contains("--> nested.yaml:2"))
        #expect(r.stderr.contains("hint: a YAML parameters file is flat"))
        #expect(r.stdout.isEmpty)  // nothing ran
        let missing = try quire(["run", "nb.md", "-y", "nope.yaml"], in: dir)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("error: cannot read the parameters file nope.yaml"))
        try write("sede: 3\n", "typo.yaml", in: dir)
        let typo = try quire(["run", "nb.md", "-y", "typo.yaml"], in: dir)
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("did you mean \"seed\""))
    }

    @Test func aJSONFileThatCannotBeUsedIsAnErrorWithStatusOne() throws {
        let dir = try folder()
        try write("{bad", "bad.json", in: dir)
        let bad = try quire(["run", "nb.md", "-f", "bad.json"], in: dir)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("error: the parameters file bad.json is not a JSON object"))
        #expect(bad.stderr.contains("hint: a JSON parameters file holds one object"))
        #expect(!bad.stderr.contains("Usage:"))
        #expect(bad.stdout.isEmpty)
        let missing = try quire(["run", "nb.md", "-f", "nope.json"], in: dir)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("error: cannot read the parameters file nope.json"))
        try write("{\"seed\": 5}", "good.json", in: dir)
        let good = try quire(["run", "nb.md", "-f", "good.json"], in: dir)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("5 linear\n"))
    }
}

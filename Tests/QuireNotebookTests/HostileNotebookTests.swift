import Foundation
import Testing

@testable import QuireNotebook

/// A notebook written to leak files and run script through its HTML page.
@Suite struct HostileNotebookTests {
    /// A notebook folder inside a parent that holds a secret file, reached by every trick the
    /// prose can play: `..`, an absolute path, a symbolic link, percent-encoding, `file:`.
    func makeHostileNotebook() throws -> (path: String, folder: String, secret: String) {
        let parent = try makeTemporaryFolder()
        let secret = "TOP-SECRET-\(UUID().uuidString)"
        try secret.write(toFile: parent + "/secret.png", atomically: true, encoding: .utf8)
        let folder = parent + "/nb"
        try FileManager.default.createDirectory(atPath: folder + "/images", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/images/link.png", withDestinationPath: "../../secret.png")
        try FileManager.default.createSymbolicLink(atPath: folder + "/up", withDestinationPath: parent)
        try "inside".write(toFile: folder + "/images/ok.png", atomically: true, encoding: .utf8)
        let depth = String(repeating: "../", count: parent.split(separator: "/").count + 2)
        let text = """
            # A "hostile" <page>

            ![a](../secret.png) ![b](\(parent)/secret.png) ![c](images/link.png) ![d](up/secret.png)
            ![e](..%2Fsecret.png) ![f](file://\(parent)/secret.png) ![g](\(depth)etc/passwd)
            ![h](images/../../secret.png) ![i](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
            ![fine](images/ok.png)

            [j](javascript:alert(1)) [k](JavaScript:alert(2)) [l](java\tscript:alert(3)) [m]( javascript:alert(4))
            [n](data:text/html,<script>alert(5)</script>) [o](vbscript:msgbox(6)) [p](https://example.org/"onmouseover="x)
            [q](mailto:someone@example.org) [r](other.md#part)

            """
        let path = folder + "/hostile.md"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (path, folder, secret)
    }

    @Test func thePageCarriesNoOutsideFileAndNoLiveScriptLink() throws {
        let (path, folder, secret) = try makeHostileNotebook()
        let outcome = runCommand(path, RunSettings(html: true))
        #expect(outcome.status == 0)
        let html = read(folder + "/hostile.out/index.html")
        #expect(html.contains("<main>"))

        // No byte of the secret, plain or base64 (at any of its three alignments), nor /etc/passwd.
        #expect(!html.contains(secret))
        for shift in 0..<3 {
            let encoded = Data(secret.utf8.dropFirst(shift)).base64EncodedString()
            #expect(!html.contains(String(encoded.prefix(16))))
        }
        #expect(!html.contains(Data("root:".utf8).base64EncodedString().prefix(6)))
        // The file inside the folder is still embedded.
        #expect(html.contains("<img src=\"data:image/png;base64,\(Data("inside".utf8).base64EncodedString())\" alt=\"fine\">"))

        // No live link or source with a script or data scheme, however it is spelled.
        let lowered = html.lowercased().replacingOccurrences(of: "\t", with: "")
        for scheme in ["javascript:", "data:text", "vbscript:", "file:"] {
            #expect(!lowered.contains("href=\"\(scheme)"))
            #expect(!lowered.contains("href=\" \(scheme)"))
            #expect(!lowered.contains("src=\"\(scheme)"))
        }
        #expect(html.contains("<span class=\"refused\">j</span>"))
        // Quotes in a target cannot end the attribute.
        #expect(html.contains("<a href=\"https://example.org/&quot;onmouseover=&quot;x\">p</a>"))
        #expect(!html.contains("\"onmouseover=\""))
        #expect(html.contains("<title>A &quot;hostile&quot; &lt;page&gt;</title>"))
        #expect(html.contains("<a href=\"mailto:someone@example.org\">q</a>"))
        #expect(html.contains("<a href=\"other.md#part\">r</a>"))
    }

    @Test func eachRefusalIsAWarningOnStandardError() throws {
        let (path, _, _) = try makeHostileNotebook()
        let outcome = runCommand(path, RunSettings(html: true))
        let warnings = outcome.errors.split(separator: "\n").filter { $0.hasPrefix("warning: \(path): ") }
        #expect(warnings.count == 15, "\(outcome.errors)")
        #expect(outcome.errors.contains("the image ../secret.png was not embedded: it is outside the notebook's folder"))
        #expect(outcome.errors.contains("the image images/link.png was not embedded: it is outside the notebook's folder"))
        #expect(outcome.errors.contains("the link javascript:alert(1) was not made live"))
        #expect(!outcome.errors.contains("images/ok.png"))
    }

    @Test func schemesAreReadAsABrowserReadsThem() {
        #expect(LinkPolicy.isLive("https://example.org"))
        #expect(LinkPolicy.isLive("HTTP://example.org"))
        #expect(LinkPolicy.isLive("mailto:a@b.c"))
        #expect(LinkPolicy.isLive("docs/page.md#x:y"))
        #expect(LinkPolicy.isLive("?q=a:b"))
        #expect(!LinkPolicy.isLive("javascript:alert(1)"))
        #expect(!LinkPolicy.isLive("java\tscript:alert(1)"))
        #expect(!LinkPolicy.isLive("\u{1}javascript:alert(1)"))
        #expect(!LinkPolicy.isLive("jav\nascript:x"))
        #expect(!LinkPolicy.isLive("DATA:text/html,x"))
        #expect(!LinkPolicy.isLive("vbscript:x"))
        #expect(!LinkPolicy.isLive("file:///etc/passwd"))
    }
}

@Suite struct OutputFolderTests {
    @Test func aFileNamedLikeTheOutputFolderFailsTheRunAndIsKept() throws {
        let path = try writeNotebook("```quire\nfigure\n```\n", name: "figs.md")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try "mine".write(toFile: folder + "/figs.out", atomically: true, encoding: .utf8)
        let outcome = runCommand(path, RunSettings(html: true, update: true))
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("cannot write \(folder)/figs.out/: a file named \(folder)/figs.out is in the way, and a folder is needed there"))
        #expect(outcome.errors.contains("rename or remove the file"))
        #expect(!outcome.errors.contains("NSCocoaErrorDomain"))
        #expect(!outcome.errors.contains("Error Domain"))
        #expect(read(folder + "/figs.out") == "mine")
        #expect(read(path) == "```quire\nfigure\n```\n", "a failed run does not update the notebook")
    }

    @Test func aReportToAFolderIsAClearError() throws {
        let path = try writeNotebook("```quire\n1\n```\n")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let outcome = runCommand(path, RunSettings(reportPath: folder))
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("error: cannot write the report \(folder): it is a folder; give a file name inside it"))
    }

    @Test func updateRemovesItsOwnStaleTemporaryFiles() throws {
        let path = try writeNotebook("```quire\n1 + 1\n```\n", name: "nb.md")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        for name in [".nb.md.quire-tmp-dead.md", ".other.md.quire-tmp-dead.md"] {
            try "stale".write(toFile: folder + "/" + name, atomically: false, encoding: .utf8)
        }
        #expect(runCommand(path, RunSettings(update: true)).status == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(left == [".other.md.quire-tmp-dead.md", "nb.md"])
        #expect(read(path).contains("```output\n2\n```"))
    }
}

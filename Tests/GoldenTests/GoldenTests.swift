import Foundation
import QuireBuiltins
import QuireLang
import QuireSupport
import Testing

/// One behaviour per `.qr` file under Tests/Golden, with its expectations inline:
/// `# expect: LINE` for each line the program prints (in order), or `# expect error: TEXT` for a
/// program that must fail with TEXT in its error's first line. The error must also point at the
/// right line: the line the comment ends, or, for a comment on a line of its own, the nearest
/// code line above it; `# expect error at line N: TEXT` names the line explicitly (an error at
/// the end of the input, say); `# expect hint: TEXT` checks TEXT is in its hint.
struct GoldenCase: CustomTestStringConvertible, Sendable {
    let path: String
    var testDescription: String { String(path.dropFirst(GoldenCase.root.count + 1)) }

    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("Tests/Golden").path
    }()

    static let all: [GoldenCase] = {
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".qr") && !$0.contains("/_") && !$0.hasPrefix("_") }.sorted().map { GoldenCase(path: root + "/" + $0) }
    }()
}

/// Collects what a program prints.
final class CapturedOutput: OutputSink {
    var text = ""
    func write(_ s: String) { text += s }
    func display(_ value: Value) { text += Printer.repr(value) + "\n" }
}

@Test("golden programs", arguments: GoldenCase.all)
func golden(_ test: GoldenCase) throws {
    let text = try String(contentsOfFile: test.path, encoding: .utf8)
    var expectedLines: [String] = []
    var expectedError: String?
    var expectedErrorLine: Int?
    var expectedHint: String?
    var lastCodeLine = 0
    for (index, line) in text.components(separatedBy: "\n").enumerated() {
        let number = index + 1
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        let isCode = !trimmed.isEmpty && !trimmed.hasPrefix("#")
        if isCode { lastCodeLine = number }
        if let r = line.range(of: "# expect: ") {
            expectedLines.append(String(line[r.upperBound...]))
        } else if line.hasSuffix("# expect:") {
            expectedLines.append("")
        } else if let r = line.range(of: "# expect error at line ") {
            let rest = line[r.upperBound...]
            let digits = rest.prefix { $0.isNumber }
            expectedErrorLine = Int(digits)
            expectedError = String(rest.dropFirst(digits.count).drop { $0 == ":" || $0 == " " })
        } else if let r = line.range(of: "# expect error: ") {
            expectedError = String(line[r.upperBound...])
            expectedErrorLine = isCode ? number : lastCodeLine
        } else if let r = line.range(of: "# expect hint: ") {
            expectedHint = String(line[r.upperBound...])
        }
    }
    #expect(!expectedLines.isEmpty || expectedError != nil, "\(test.testDescription) has no expectation")
    let output = CapturedOutput()
    let directory = (test.path as NSString).deletingLastPathComponent
    // A line "# sandbox" runs the program as `quire run --sandbox` would: files only inside the
    // test's folder, memory capped at 2 GB.
    let sandbox = text.components(separatedBy: "\n").contains("# sandbox") ? FileAccess.Policy(roots: [directory]) : nil
    let outcome: Result<Void, QuireError> = runOnLargeStack {
        FileAccess.$policy.withValue(sandbox) {
            Memory.$limit.withValue(sandbox == nil ? nil : 2_000_000_000) {
                do throws(QuireError) {
                    let interpreter = try Builtins.makeInterpreter(sink: output)
                    try interpreter.run(Source(name: test.testDescription, text: text, directory: directory))
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
        }
    }
    var printed = output.text.components(separatedBy: "\n")
    if printed.last == "" { printed.removeLast() }
    switch outcome {
    case .success:
        #expect(expectedError == nil, "expected an error containing \"\(expectedError ?? "")\", but the program succeeded")
        #expect(printed == expectedLines)
    case .failure(let error):
        guard let expectedError else {
            Issue.record("unexpected error:\n\(error.render())")
            return
        }
        let first = error.render().components(separatedBy: "\n")[0]
        #expect(first.contains(expectedError), "error was:\n\(error.render())")
        if let expectedHint { #expect(error.hint?.contains(expectedHint) == true, "error was:\n\(error.render())") }
        #expect(error.span != nil || error.kind == .importError, "the error has no location:\n\(error.render())")
        if let span = error.span, span.source.name == test.testDescription, let expectedErrorLine {
            let line = span.line
            #expect(line == expectedErrorLine, "the error points at line \(line), expected line \(expectedErrorLine):\n\(error.render())")
        }
        #expect(printed == expectedLines)
    }
}

import Foundation
import QuireLang

/// Reads the `#|` option lines at the top of a cell.
enum CellOptionParser {
    static let known = ["timeout", "expect-error", "check", "exercise", "points", "solution", "test", "hidden-test", "hint", "skip", "parameters", "injected-parameters"]

    /// options -> ("#|" name [":" value] newline)*   (only the leading lines of a cell)
    static func parse(_ lines: ArraySlice<Substring>, firstLine: Int, path: String) throws(NotebookError) -> CellOptions {
        var options = CellOptions()
        for (offset, line) in lines.enumerated() {
            let body = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard body.hasPrefix("#|") else { break }
            let lineNumber = firstLine + offset
            let setting = body.dropFirst(2)
            let parts = setting.split(separator: ":", maxSplits: 1)
            let name = parts.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            let value = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
            func bad(_ message: String, _ hint: String) -> NotebookError {
                NotebookError(message, path: path, line: lineNumber, hint: hint)
            }
            switch name {
            case "timeout":
                guard let value, let seconds = parseDuration(value) else {
                    throw bad("bad cell option \"timeout\": expected a duration, got \"\(value ?? "")\"", "write it as 10s, 500ms or 2m")
                }
                options.timeout = seconds
            case "expect-error":
                guard let flag = parseBool(value) else {
                    throw bad("bad cell option \"expect-error\": expected true or false, got \"\(value ?? "")\"", "write #| expect-error")
                }
                options.expectError = flag
            case "check":
                guard let flag = parseBool(value) else {
                    throw bad("bad cell option \"check\": expected true or false, got \"\(value ?? "")\"", "write #| check: false")
                }
                options.check = flag
            case "exercise":
                let parts = (value ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let id = parts.first, isExerciseName(id) else {
                    throw bad("bad cell option \"exercise\": expected a name such as q1, got \"\(value ?? "")\"", "write #| exercise: q1, points: 2")
                }
                options.exercise = id
                for extra in parts.dropFirst() {
                    let pair = extra.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard pair.count == 2, pair[0] == "points" else {
                        throw bad("bad cell option \"exercise\": unknown setting \"\(extra)\"", "write #| exercise: q1, points: 2")
                    }
                    options.points = try points(pair[1], bad)
                }
            case "points":
                options.points = try points(value ?? "", bad)
            case "solution":
                guard let flag = parseBool(value) else {
                    throw bad("bad cell option \"solution\": expected true or false, got \"\(value ?? "")\"", "write #| solution")
                }
                options.solution = flag
            case "test", "hidden-test":
                guard let id = value, isExerciseName(id) else {
                    throw bad("bad cell option \"\(name)\": expected the exercise it tests, got \"\(value ?? "")\"", "write #| \(name): q1")
                }
                if name == "test" { options.test = id } else { options.hiddenTest = id }
            case "skip":
                options.skip = value ?? ""
            case "hint":
                guard let value, !value.isEmpty else {
                    throw bad("bad cell option \"hint\": the hint is empty", "write #| hint: what to look at when the test fails")
                }
                options.hint = value
            case "parameters", "injected-parameters":
                guard value == nil else {
                    throw bad("cell option \"\(name)\" takes no value", "write #| \(name)")
                }
                if name == "parameters" { options.parameters = true } else { options.injectedParameters = true }
            default:
                var hint = "the cell options are timeout, expect-error, check, skip, exercise, points, solution, test, hidden-test, hint and parameters"
                if let close = Suggest.closest(to: name, in: known) { hint = "did you mean \"\(close)\"? (\(hint))" }
                throw bad("unknown cell option \"\(name)\"", hint)
            }
        }
        if options.points != nil && options.exercise == nil {
            throw NotebookError(
                "cell option \"points\" belongs to an exercise cell", path: path, line: firstLine,
                hint: "write #| exercise: q1, points: 2")
        }
        if options.test != nil && options.hiddenTest != nil {
            throw NotebookError(
                "a cell is either a public test or a hidden test, not both", path: path, line: firstLine,
                hint: "keep \"#| test:\" or \"#| hidden-test:\"")
        }
        if options.exercise != nil && options.testedExercise != nil {
            throw NotebookError(
                "an exercise cell cannot also be a test cell", path: path, line: firstLine,
                hint: "put the tests in a cell of their own after the exercise")
        }
        return options
    }

    /// An exercise's name: letters, digits, `_`, `-` and `.` (`q1`, `blur-2`).
    static func isExerciseName(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
    }

    static func points(_ text: String, _ bad: (String, String) -> NotebookError) throws(NotebookError) -> Double {
        guard let n = Double(text), n >= 0, n.isFinite else {
            throw bad("bad cell option \"points\": expected a number of at least 0, got \"\(text)\"", "write #| exercise: q1, points: 2")
        }
        return n
    }

    static func parseBool(_ value: String?) -> Bool? {
        switch value?.lowercased() {
        case nil, "", "true", "yes": true
        case "false", "no": false
        default: nil
        }
    }
}

/// Seconds in a duration written `10s`, `500ms`, `2m`, `1.5` (seconds); nil when malformed.
public func parseDuration(_ text: String) -> Double? {
    let t = text.trimmingCharacters(in: .whitespaces).lowercased()
    let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
    for (suffix, scale) in units where t.hasSuffix(suffix) {
        guard let n = Double(t.dropLast(suffix.count)), n > 0, n.isFinite else { return nil }
        return n * scale
    }
    guard let n = Double(t), n > 0, n.isFinite else { return nil }
    return n
}

/// A duration as people write it: `10s`, `500ms`, `1.5s`.
func formatDuration(_ seconds: Double) -> String {
    if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
    if seconds == seconds.rounded() { return "\(Int(seconds))s" }
    return String(format: "%.1fs", seconds)
}

import Foundation
import QuireSupport

/// What `quire grade` writes: the class's CSV and one feedback page per student.
public enum GradeReport {
    /// `student,q1,q2,...,total,problems`: one row per submission, in the order given.
    public static func csv(_ grades: [SubmissionGrade], key: GradingKey) -> String {
        var out = (["student"] + key.exercises.map(\.id) + ["total", "problems"]).map(field).joined(separator: ",") + "\n"
        for grade in grades {
            var row = [grade.student]
            for exercise in key.exercises {
                row.append(points(grade.exercises.first { $0.id == exercise.id }?.earned ?? 0))
            }
            row.append(points(grade.total))
            row.append(grade.problems.joined(separator: "; "))
            out += row.map(field).joined(separator: ",") + "\n"
        }
        return out
    }

    /// Students named by their file (`alice.md`), or, where files share a name (one folder per
    /// student: `alice/lesson.md`, `bob/lesson.md`), by folder and file (`alice-lesson`).
    public static func uniqueNames(_ grades: [SubmissionGrade]) -> [SubmissionGrade] {
        var counts: [String: Int] = [:]
        for g in grades { counts[g.student, default: 0] += 1 }
        var taken: Set<String> = []
        return grades.map { grade in
            var g = grade
            if counts[g.student, default: 0] > 1 {
                let folder = URL(fileURLWithPath: g.path).deletingLastPathComponent().lastPathComponent
                g.student = folder.isEmpty ? g.student : folder + "-" + g.student
            }
            var name = g.student
            var n = 2
            while taken.contains(name) {
                name = "\(g.student)-\(n)"
                n += 1
            }
            taken.insert(name)
            g.student = name
            return g
        }
    }

    /// A number of points as people write it: `2`, `1.5`.
    public static func points(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The feedback page of one student: public tests with their results, how many hidden tests
    /// passed (never their code), and the reason for each lost point.
    public static func feedback(_ grade: SubmissionGrade, lessonTitle: String) -> String {
        func e(_ s: String) -> String { HTMLEscape.escape(s) }
        var body = "<h1>\(e(lessonTitle)): feedback for \(e(grade.student))</h1>\n"
        body += "<p class=\"total\">Total: <strong>\(points(grade.total)) of \(points(grade.maximum))</strong> points</p>\n"
        if !grade.problems.isEmpty {
            body += "<div class=\"problems\"><h2>Problems with the submission</h2><ul>\n"
            for p in grade.problems { body += "<li>\(e(p))</li>\n" }
            body += "</ul></div>\n"
        }
        for exercise in grade.exercises {
            let state = exercise.earned == exercise.points ? "full" : "lost"
            body += "<section class=\"exercise \(state)\" id=\"\(e(exercise.id))\">\n"
            body += "<h2>Exercise \(e(exercise.id)): \(points(exercise.earned)) of \(points(exercise.points))</h2>\n"
            if !exercise.reasons.isEmpty {
                body += "<p>Points lost because:</p><ul class=\"reasons\">\n"
                for r in exercise.reasons { body += "<li>\(e(r))</li>\n" }
                body += "</ul>\n"
            }
            let publicTests = exercise.tests.filter { !$0.hidden }
            for test in publicTests {
                body += "<div class=\"test \(test.passed ? "passed" : "failed")\">"
                body += "<p>Public test: \(test.passed ? "passed" : "failed")</p>"
                if let code = test.code { body += "<pre><code>\(e(code))</code></pre>" }
                if let message = test.message { body += "<p class=\"message\">\(e(message))</p>" }
                if !test.passed, let hint = test.hint { body += "<p class=\"hint\">Hint: \(e(hint))</p>" }
                body += "</div>\n"
            }
            if exercise.hiddenTotal > 0 {
                body += "<p class=\"hidden\">Hidden tests: \(exercise.hiddenPassed) of \(exercise.hiddenTotal) passed.</p>\n"
            }
            body += "</section>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(e(grade.student)): \(e(lessonTitle))</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
            .exercise { border-left: 4px solid #2a7; padding: 0.2rem 1rem; margin: 1rem 0; }
            .exercise.lost { border-left-color: #c33; }
            .test.failed { color: #a22; }
            .hint { color: #555; font-style: italic; }
            pre { background: #f4f4f4; padding: 0.5rem; overflow-x: auto; }
            .problems { background: #fee; padding: 0.5rem 1rem; }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    /// The lesson's title: its first `# ` heading, or its file name.
    public static func title(of notebook: Notebook) -> String {
        for piece in notebook.pieces {
            guard case .prose(let text) = piece else { continue }
            for line in text.split(separator: "\n") where line.hasPrefix("# ") {
                return line.dropFirst(2).trimmingCharacters(in: .whitespaces)
            }
        }
        return SubmissionGrade.student(of: notebook.path)
    }
}

extension NotebookCommand {
    /// `quire grade SUBMISSION... --key KEY --report CSV [--feedback DIR]`. `gradeAll` grades
    /// the submissions (in parallel, in processes, for the command line) in the order given.
    public static func grade(
        submissions: [String], keyPath: String, reportPath: String, feedbackFolder: String?, console: Console,
        gradeAll: (GradingKey) -> [SubmissionGrade]
    ) -> Int32 {
        let keyNotebook: Notebook
        let key: GradingKey
        do {
            keyNotebook = try NotebookFile.read(keyPath)
            key = try GradingKey(keyNotebook)
        } catch {
            console.err(error.render())
            return 1
        }
        let grades = GradeReport.uniqueNames(gradeAll(key))
        var status: Int32 = 0
        do {
            try AtomicWrite.write(GradeReport.csv(grades, key: key), to: reportPath)
        } catch {
            console.err("error: cannot write the report \(reportPath): \(error.reason)\n")
            status = 1
        }
        if let folder = feedbackFolder {
            let title = GradeReport.title(of: keyNotebook)
            do {
                try AtomicWrite.createFolder(folder)
                for grade in grades {
                    try AtomicWrite.write(GradeReport.feedback(grade, lessonTitle: title), to: (folder as NSString).appendingPathComponent(grade.student + ".html"))
                }
            } catch {
                console.err("error: cannot write the feedback in \(folder): \(error.reason)\n")
                status = 1
            }
        }
        for grade in grades {
            var line = "\(grade.student): \(GradeReport.points(grade.total)) of \(GradeReport.points(grade.maximum))"
            let lost = grade.exercises.filter { $0.earned < $0.points }.map { "\($0.id) \($0.status)" }
            if !lost.isEmpty { line += " (" + lost.joined(separator: ", ") + ")" }
            console.out(line + "\n")
            for problem in grade.problems { console.err("warning: \(grade.path): \(problem)\n") }
        }
        console.out("graded \(grades.count) submission\(grades.count == 1 ? "" : "s"); wrote \(reportPath)\(feedbackFolder.map { " and feedback in \($0)/" } ?? "")\n")
        return status
    }
}

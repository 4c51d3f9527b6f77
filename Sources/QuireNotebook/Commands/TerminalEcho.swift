/// How a cell's result looks in the terminal during `quire run`.
struct TerminalEcho {
    let console: Console
    /// The notebook's folder as the user wrote it ("" or "notebooks/"), so figure paths printed
    /// are relative to the current folder.
    let folderPrefix: String

    func show(_ result: CellResult) {
        let time = formatDuration(max(result.duration, 0.001))
        var header = "── cell \(result.cell.number) · line \(result.cell.firstCodeLine) · \(time)"
        switch result.status {
        case .expectedError: header += " · failed as expected"
        case .timeout: header += " · timed out"
        case .error: header += " · error"
        case .notDone:
            // One line per exercise: the tests of an exercise not done yet say nothing.
            if result.cell.options.testedExercise == nil, let message = result.errorMessage {
                console.out(paint("── cell \(result.cell.number) · line \(result.cell.firstCodeLine) · \(message)", console.isTerminal ? "\u{1B}[33m" : nil) + "\n")
            }
            return
        case .ok, .skipped: break
        }
        console.out(paint(header, console.isTerminal ? "\u{1B}[2;36m" : nil) + "\n")
        var body = ""
        var figure = 0
        for item in result.items {
            switch item {
            case .text(let t): body += t
            case .html(let t, _): body += t
            case .figure:
                figure += 1
                let link = figure <= result.figureLinks.count ? folderPrefix + result.figureLinks[figure - 1] : "not written"
                body += "[figure: \(link)]\n"
            }
        }
        if result.status == .expectedError, let error = result.errorText {
            body += error
        }
        console.out(body)
        if !result.isExpected, let error = result.errorText {
            console.err(error)
        }
    }

    func paint(_ text: String, _ style: String?) -> String {
        guard let style else { return text }
        return style + text + "\u{1B}[0m"
    }
}

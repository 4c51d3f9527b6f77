import QuireLang

/// One thing a cell showed, in order: printed text, a value with an HTML form, or a figure.
public enum OutputItem {
    case text(String)
    /// A value shown as `text` in the terminal and the output block, and as `html` in pages.
    case html(text: String, html: String)
    case figure(any FigureDisplay)
}

/// The sink a cell runs with: it keeps everything the cell prints and displays.
///
/// Used only on the interpreter's thread, like the interpreter itself.
final class CellCapture: OutputSink {
    private(set) var items: [OutputItem] = []

    func write(_ text: String) {
        if case .text(let last)? = items.last {
            items[items.count - 1] = .text(last + text)
        } else {
            items.append(.text(text))
        }
    }

    func display(_ value: Value) {
        if case .none = value { return }
        if case .object(let o) = value, let rich = o.richDisplay() {
            switch rich {
            case .figure(let figure): items.append(.figure(figure))
            case .html(let html): items.append(.html(text: terminated(o.displayText()), html: html))
            }
            return
        }
        write(terminated(Printer.repr(value)))
    }

    /// Starts a new cell.
    func reset() { items = [] }
}

/// `text` ending in exactly one newline (output blocks hold whole lines).
func terminated(_ text: String) -> String {
    text.hasSuffix("\n") ? text : text + "\n"
}

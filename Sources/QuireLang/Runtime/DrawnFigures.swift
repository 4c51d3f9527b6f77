/// The figures a program has drawn and not yet shown, saved or drawn into another figure:
/// matplotlib's "open figures". `show()` shows them, `savefig(path)` writes the current one, and
/// a script's are shown when it ends, so that a figure is never silently lost.
public final class DrawnFigures {
    /// A loop that draws without showing keeps only the newest this many (matplotlib warns past
    /// 20 open figures); older ones would only hold memory.
    public static let maxPending = 100

    private var pending: [any NativeObject] = []
    /// The figure drawn last (matplotlib's `plt.gcf()`), also after it was shown.
    public private(set) var current: (any NativeObject)?

    /// The look set by `set_theme` for figures drawn from now on (matplotlib's rcParams); owned
    /// by the plot bindings, nil for the default.
    public var theme: (any Sendable)?

    public init() {}

    /// A plot builtin made `figure`: it becomes the current one and waits to be shown.
    public func drawn(_ figure: any NativeObject) {
        if pending.count >= Self.maxPending { pending.removeFirst() }
        pending.append(figure)
        current = figure
    }

    /// `value` was shown, saved or drawn into another figure: it no longer waits.
    public func settle(_ value: Value) {
        guard case .object(let object) = value else { return }
        pending.removeAll { $0 === object }
    }

    /// The figures waiting to be shown, oldest first; they no longer wait.
    public func takePending() -> [Value] {
        defer { pending = [] }
        return pending.map { .object($0) }
    }

    /// Starts a new input (a REPL line, a notebook cell): what earlier ones drew was theirs.
    public func forgetPending() { pending = [] }
}

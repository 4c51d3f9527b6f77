/// A function written in Quire: its compiled code and the frame it closes over.
public final class Function {
    public let name: String
    let code: FunctionCode
    let parent: Frame?
    let defaults: [Value]
    /// How bytecode calls it without a frame object (`FunctionCode.stackEntry`), read in place
    /// by the VM's `call`.
    let stackEntry: StackEntry?

    init(name: String, code: FunctionCode, parent: Frame?, defaults: [Value]) {
        self.name = name
        self.code = code
        self.parent = parent
        self.defaults = defaults
        self.stackEntry = code.stackEntry
    }
}

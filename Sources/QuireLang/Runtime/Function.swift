/// A function written in Quire: its compiled code and the frame it closes over.
public final class Function {
    public let name: String
    let code: FunctionCode
    let parent: Frame?
    let defaults: [Value]

    init(name: String, code: FunctionCode, parent: Frame?, defaults: [Value]) {
        self.name = name
        self.code = code
        self.parent = parent
        self.defaults = defaults
    }
}

/// The compiled form of a `fn`: its parameters, the size of its frame, and its body.
final class FunctionCode {
    let name: String
    let parameterNames: [String]
    /// Parameters without a default come first; this many must be given.
    var requiredCount = 0
    var slotCount = 0
    var slotNames: [String] = []
    var body: Code = { _ in .none }
    var span: SourceSpan?

    init(name: String, parameterNames: [String]) {
        self.name = name
        self.parameterNames = parameterNames
    }
}

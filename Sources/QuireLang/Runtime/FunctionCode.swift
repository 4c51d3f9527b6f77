/// The compiled form of a `fn`: its parameters, the size of its frame, and its body.
final class FunctionCode {
    let name: String
    let parameterNames: [String]
    var slotCount: Int = 0
    var slotNames: [String] = []

    init(name: String, parameterNames: [String]) {
        self.name = name
        self.parameterNames = parameterNames
    }
}

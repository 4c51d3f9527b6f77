/// The local variables of one function call. Closures keep their defining frame alive, so a
/// counter made by a function keeps its count (Julia's scoping, see docs/language.md).
final class Frame {
    var slots: [Value]
    let parent: Frame?

    init(slotCount: Int, parent: Frame?) {
        slots = [Value](repeating: .undefined, count: slotCount)
        self.parent = parent
    }
}

/// The compiled form of a `fn`: its parameters, the size of its frame, and its body.
final class FunctionCode {
    let name: String
    let parameterNames: [String]
    /// `parameterNames.count`, read by every call from bytecode.
    let parameterCount: Int
    /// Parameters without a default come first; this many must be given.
    let requiredCount: Int
    let slotCount: Int
    let slotNames: [String]
    /// Immutable, so calling it needs no retain of the closure's context.
    let body: Code
    let span: SourceSpan
    /// Frames of finished calls that nothing kept, reused by the next call (see `Frame`).
    var spareFrames: [Frame] = []
    /// The body's bytecode; when it needs no frame object (`Chunk.needsFrame`), calls from
    /// bytecode run it on the register stack.
    var chunk: Chunk? {
        didSet {
            stackEntry = chunk.flatMap { chunk in
                chunk.needsFrame
                    ? nil
                    : StackEntry(
                        parameterCount: parameterCount, localCount: chunk.localCount, size: chunk.registerCount,
                        code: chunk.instructions!,
                        chunk: Unmanaged.passUnretained(chunk))
            }
        }
    }
    /// Set with `chunk` when it runs on the register stack.
    private(set) var stackEntry: StackEntry?

    init(name: String, parameterNames: [String], requiredCount: Int, slotCount: Int, slotNames: [String], body: @escaping Code, span: SourceSpan) {
        self.name = name
        self.parameterNames = parameterNames
        self.parameterCount = parameterNames.count
        self.requiredCount = requiredCount
        self.slotCount = slotCount
        self.slotNames = slotNames
        self.body = body
        self.span = span
    }

    /// A frame for a new call: a spare one if a finished call left one, else a new one.
    @inline(__always)
    func makeFrame(parent: Frame?) -> Frame {
        if let frame = spareFrames.popLast() {
            if parent != nil { frame.reuse(parent: parent) }
            return frame
        }
        return Frame.make(slotCount: slotCount, parent: parent)
    }

    /// Keeps a finished call's frame for the next call, unless a closure still holds it.
    @inline(__always)
    func recycle(_ frame: inout Frame) {
        guard spareFrames.count < maxSpareFrames, isKnownUniquelyReferenced(&frame) else { return }
        frame.reuse(parent: nil)
        spareFrames.append(frame)
    }
}

/// Enough spare frames for the recursion of typical code; more would only hold memory.
let maxSpareFrames = 64

/// What a call on the register stack needs of a function, all plain values: the VM reads it
/// without touching reference counts.
struct StackEntry {
    let parameterCount: Int
    /// Parameters and the other variables, which start unassigned (`Chunk.localCount`).
    let localCount: Int
    /// The registers the call takes (`Chunk.registerCount`).
    let size: Int
    let code: UnsafeMutablePointer<Instruction>
    /// Not counted: the function's `FunctionCode.chunk` keeps it alive.
    let chunk: Unmanaged<Chunk>
}

/// The local variables of one function call, in one allocation (header and slots together).
/// Closures keep their defining frame alive, so a counter made by a function keeps its count
/// (Julia's scoping, see docs/language.md).
final class Frame: ManagedBuffer<FrameHeader, Value> {
    /// Makes a frame whose slots all start unassigned.
    static func make(slotCount: Int, parent: Frame?) -> Frame {
        let buffer = Frame.create(minimumCapacity: slotCount) { _ in FrameHeader(parent: parent, count: slotCount) }
        let frame = unsafeDowncast(buffer, to: Frame.self)
        frame.withUnsafeMutablePointerToElements { $0.initialize(repeating: .undefined, count: slotCount) }
        return frame
    }

    deinit {
        withUnsafeMutablePointers { header, slots in _ = slots.deinitialize(count: header.pointee.count) }
    }

    @inline(__always)
    subscript(slot: Int) -> Value {
        get { withUnsafeMutablePointerToElements { $0[slot] } }
        set { withUnsafeMutablePointerToElements { $0[slot] = newValue } }
    }

    var parent: Frame? { header.parent }
    var count: Int { header.count }
}

struct FrameHeader {
    let parent: Frame?
    let count: Int
}

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

    /// Empties the slots and sets the parent, so that the frame can serve another call.
    func reuse(parent: Frame?) {
        withUnsafeMutablePointers { header, slots in
            for i in 0..<header.pointee.count { slots[i] = .undefined }
            header.pointee.parent = parent
        }
    }
    var count: Int { header.count }
}

struct FrameHeader {
    var parent: Frame?
    let count: Int
}

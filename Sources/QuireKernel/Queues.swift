import Foundation

/// A first-in first-out queue one thread fills and another waits on.
final class BlockingQueue<Element>: @unchecked Sendable {  // all state behind the condition
    private var items: [Element] = []
    private let condition = NSCondition()

    func put(_ item: Element) {
        condition.lock()
        items.append(item)
        condition.signal()
        condition.unlock()
    }

    /// The next item; waits for at most `seconds` (nil: without limit). Nil when none came.
    func take(timeout seconds: Double? = nil) -> Element? {
        condition.lock()
        defer { condition.unlock() }
        let deadline = seconds.map { Date(timeIntervalSinceNow: $0) }
        while items.isEmpty {
            if let deadline {
                if !condition.wait(until: deadline) && items.isEmpty { return nil }
            } else {
                condition.wait()
            }
        }
        return items.removeFirst()
    }

    /// Everything waiting now, without blocking.
    func drain() -> [Element] {
        condition.lock()
        defer { condition.unlock() }
        let all = items
        items = []
        return all
    }

    /// Puts items back at the front, in their order.
    func putBack(_ front: [Element]) {
        condition.lock()
        items = front + items
        if !items.isEmpty { condition.signal() }
        condition.unlock()
    }
}

/// Messages for the I/O thread, which owns the sockets: a queue plus a pipe whose read end the
/// I/O thread polls beside its sockets, so a message wakes it at once.
final class Outbox: @unchecked Sendable {  // the queue is locked; the pipe is thread-safe
    enum Channel { case shell, control, iopub, stdin }

    private let queue = BlockingQueue<(Channel, Message)>()
    let wakeFD: Int32
    private let writeFD: Int32

    init() {
        var fds: [Int32] = [0, 0]
        pipe(&fds)
        wakeFD = fds[0]
        writeFD = fds[1]
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    func send(_ message: Message, on channel: Channel) {
        queue.put((channel, message))
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)  // a full pipe already wakes the reader
    }

    /// Everything queued, after emptying the pipe.
    func takeAll() -> [(Channel, Message)] {
        var sink = [UInt8](repeating: 0, count: 256)
        while read(wakeFD, &sink, sink.count) > 0 {}
        return queue.drain()
    }
}

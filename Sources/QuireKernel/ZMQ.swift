import CZMQ
import Foundation

/// A ZeroMQ failure, with the library's own reason in words.
public struct ZMQError: Error, CustomStringConvertible {
    public let description: String

    init(_ what: String) {
        description = "\(what): \(String(cString: zmq_strerror(zmq_errno())))"
    }
}

/// A ZeroMQ context; owns the library's I/O threads. No C pointer leaves this file.
final class ZMQContext: @unchecked Sendable {  // a zmq context is thread-safe
    fileprivate let handle: UnsafeMutableRawPointer

    init() throws(ZMQError) {
        guard let handle = zmq_ctx_new() else { throw ZMQError("cannot start ZeroMQ") }
        self.handle = handle
    }

    /// Waits until every socket is closed and its pending messages are sent (within their linger).
    func terminate() {
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }
}

/// One ZeroMQ socket. Sockets are not thread-safe: each is made, used and closed on one thread.
final class ZMQSocket {
    enum Kind {
        case router, pub, xpub, rep, req, dealer, sub

        var raw: Int32 {
            switch self {
            case .router: ZMQ_ROUTER
            case .pub: ZMQ_PUB
            case .xpub: ZMQ_XPUB
            case .rep: ZMQ_REP
            case .req: ZMQ_REQ
            case .dealer: ZMQ_DEALER
            case .sub: ZMQ_SUB
            }
        }
    }

    private var handle: UnsafeMutableRawPointer?

    init(_ context: ZMQContext, _ kind: Kind) throws(ZMQError) {
        guard let handle = zmq_socket(context.handle, kind.raw) else { throw ZMQError("cannot make a socket") }
        self.handle = handle
        var linger: Int32 = 1000  // pending replies get a second to leave at shutdown
        zmq_setsockopt(handle, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size)
        if kind == .router {
            // A client that reconnects under the same identity (jupyter_client uses its session
            // id) takes over from its dead connection, as with ipykernel.
            var handover: Int32 = 1
            zmq_setsockopt(handle, ZMQ_ROUTER_HANDOVER, &handover, MemoryLayout<Int32>.size)
        }
        if kind == .xpub {
            // every client's subscription is passed up, not only the first to a topic
            var verbose: Int32 = 1
            zmq_setsockopt(handle, ZMQ_XPUB_VERBOSE, &verbose, MemoryLayout<Int32>.size)
        }
    }

    deinit { close() }

    func close() {
        if let handle { zmq_close(handle) }
        handle = nil
    }

    func bind(_ endpoint: String) throws(ZMQError) {
        guard let handle, zmq_bind(handle, endpoint) == 0 else { throw ZMQError("cannot listen on \(endpoint)") }
    }

    func connect(_ endpoint: String) throws(ZMQError) {
        guard let handle, zmq_connect(handle, endpoint) == 0 else { throw ZMQError("cannot connect to \(endpoint)") }
    }

    func subscribeAll() {
        guard let handle else { return }
        zmq_setsockopt(handle, ZMQ_SUBSCRIBE, "", 0)
    }

    /// Sends the frames as one multipart message.
    func send(_ frames: [Data]) throws(ZMQError) {
        guard let handle else { throw ZMQError("socket closed") }
        for (i, frame) in frames.enumerated() {
            let flags = i == frames.count - 1 ? 0 : ZMQ_SNDMORE
            let sent = frame.withUnsafeBytes { raw in
                zmq_send(handle, raw.baseAddress, raw.count, flags)
            }
            if sent < 0 { throw ZMQError("cannot send") }
        }
    }

    /// Receives one multipart message; nil when none is waiting and `wait` is false.
    func receive(wait: Bool = true) throws(ZMQError) -> [Data]? {
        guard let handle else { throw ZMQError("socket closed") }
        var frames: [Data] = []
        while true {
            var message = zmq_msg_t()
            zmq_msg_init(&message)
            defer { zmq_msg_close(&message) }
            let got = zmq_msg_recv(&message, handle, frames.isEmpty && !wait ? ZMQ_DONTWAIT : 0)
            if got < 0 {
                if zmq_errno() == EAGAIN && frames.isEmpty { return nil }
                if zmq_errno() == EINTR { continue }
                throw ZMQError("cannot receive")
            }
            let size = zmq_msg_size(&message)
            frames.append(size == 0 ? Data() : Data(bytes: zmq_msg_data(&message)!, count: size))
            if zmq_msg_more(&message) == 0 { return frames }
        }
    }

    /// Waits until one of `sockets` (or one of the file descriptors `fds`) can be read, for at
    /// most `milliseconds` (-1: no limit). Returns which sockets and which descriptors are ready.
    static func poll(_ sockets: [ZMQSocket], fds: [Int32] = [], milliseconds: Int) -> (sockets: [Bool], fds: [Bool]) {
        var items = sockets.map { zmq_pollitem_t(socket: $0.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0) }
        items += fds.map { zmq_pollitem_t(socket: nil, fd: $0, events: Int16(ZMQ_POLLIN), revents: 0) }
        let count = zmq_poll(&items, Int32(items.count), milliseconds)
        if count <= 0 { return (Array(repeating: false, count: sockets.count), Array(repeating: false, count: fds.count)) }
        let ready = items.map { $0.revents & Int16(ZMQ_POLLIN) != 0 }
        return (Array(ready[..<sockets.count]), Array(ready[sockets.count...]))
    }
}

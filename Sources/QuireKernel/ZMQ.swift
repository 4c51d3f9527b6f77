import CZMQ
import Foundation
import QuireSupport

/// The libzmq entry points, found with dlopen (`SharedLibrary`) when the kernel starts instead of
/// linked: linked, libzmq and the libraries it pulls in would load at every start of quire.
struct ZMQLibrary: KernelLibrary, @unchecked Sendable {  // immutable C function pointers
    let errno: quire_zmq_errno
    let strerror: quire_zmq_strerror
    let ctxNew: quire_zmq_ctx_new
    let ctxTerm: quire_zmq_ctx_term
    let socket: quire_zmq_socket
    let close: quire_zmq_close
    let setsockopt: quire_zmq_setsockopt
    let bind: quire_zmq_bind
    let connect: quire_zmq_connect
    let send: quire_zmq_send
    let msgInit: quire_zmq_msg_init
    let msgRecv: quire_zmq_msg_recv
    let msgClose: quire_zmq_msg_close
    let msgData: quire_zmq_msg_data
    let msgSize: quire_zmq_msg_size
    let msgMore: quire_zmq_msg_more
    let poll: quire_zmq_poll

    static let loaded: ZMQLibrary? = load()

    static var missing: KernelError {
        KernelError(
            "the Jupyter kernel needs ZeroMQ (libzmq.so.5), which cannot be loaded",
            hint: "install it (on Debian: sudo apt-get install libzmq5), or run scripts/install-deps.sh in Quire's source folder")
    }

    /// The entry points from the first of `names` that loads; nil when none loads or one is missing.
    static func load(names: [String] = ["libzmq.so.5"]) -> ZMQLibrary? {
        guard let lib = SharedLibrary(names: names),
            let errno = lib.symbol("zmq_errno", as: quire_zmq_errno.self),
            let strerror = lib.symbol("zmq_strerror", as: quire_zmq_strerror.self),
            let ctxNew = lib.symbol("zmq_ctx_new", as: quire_zmq_ctx_new.self),
            let ctxTerm = lib.symbol("zmq_ctx_term", as: quire_zmq_ctx_term.self),
            let socket = lib.symbol("zmq_socket", as: quire_zmq_socket.self),
            let close = lib.symbol("zmq_close", as: quire_zmq_close.self),
            let setsockopt = lib.symbol("zmq_setsockopt", as: quire_zmq_setsockopt.self),
            let bind = lib.symbol("zmq_bind", as: quire_zmq_bind.self),
            let connect = lib.symbol("zmq_connect", as: quire_zmq_connect.self),
            let send = lib.symbol("zmq_send", as: quire_zmq_send.self),
            let msgInit = lib.symbol("zmq_msg_init", as: quire_zmq_msg_init.self),
            let msgRecv = lib.symbol("zmq_msg_recv", as: quire_zmq_msg_recv.self),
            let msgClose = lib.symbol("zmq_msg_close", as: quire_zmq_msg_close.self),
            let msgData = lib.symbol("zmq_msg_data", as: quire_zmq_msg_data.self),
            let msgSize = lib.symbol("zmq_msg_size", as: quire_zmq_msg_size.self),
            let msgMore = lib.symbol("zmq_msg_more", as: quire_zmq_msg_more.self),
            let poll = lib.symbol("zmq_poll", as: quire_zmq_poll.self)
        else { return nil }
        return ZMQLibrary(
            errno: errno, strerror: strerror, ctxNew: ctxNew, ctxTerm: ctxTerm, socket: socket, close: close,
            setsockopt: setsockopt, bind: bind, connect: connect, send: send, msgInit: msgInit, msgRecv: msgRecv,
            msgClose: msgClose, msgData: msgData, msgSize: msgSize, msgMore: msgMore, poll: poll)
    }
}

/// A ZeroMQ failure, with the library's own reason in words.
public struct ZMQError: Error, CustomStringConvertible {
    public let description: String

    init(_ what: String) {
        let zmq = ZMQLibrary.api
        let code = zmq.errno()
        description = "\(what): \(zmq.strerror(code).map { String(cString: $0) } ?? "error \(code)")"
    }
}

/// A ZeroMQ context; owns the library's I/O threads. No C pointer leaves this file.
final class ZMQContext: @unchecked Sendable {  // a zmq context is thread-safe
    fileprivate let handle: UnsafeMutableRawPointer

    init() throws(ZMQError) {
        guard let handle = ZMQLibrary.api.ctxNew() else { throw ZMQError("cannot start ZeroMQ") }
        self.handle = handle
    }

    /// Waits until every socket is closed and its pending messages are sent (within their linger).
    func terminate() {
        let zmq = ZMQLibrary.api
        while zmq.ctxTerm(handle) != 0 && zmq.errno() == EINTR {}
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
        let zmq = ZMQLibrary.api
        guard let handle = zmq.socket(context.handle, kind.raw) else { throw ZMQError("cannot make a socket") }
        self.handle = handle
        var linger: Int32 = 1000  // pending replies get a second to leave at shutdown
        _ = zmq.setsockopt(handle, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size)
        if kind == .router {
            // A client that reconnects under the same identity (jupyter_client uses its session
            // id) takes over from its dead connection, as with ipykernel.
            var handover: Int32 = 1
            _ = zmq.setsockopt(handle, ZMQ_ROUTER_HANDOVER, &handover, MemoryLayout<Int32>.size)
        }
        if kind == .xpub {
            // every client's subscription is passed up, not only the first to a topic
            var verbose: Int32 = 1
            _ = zmq.setsockopt(handle, ZMQ_XPUB_VERBOSE, &verbose, MemoryLayout<Int32>.size)
        }
    }

    deinit { close() }

    func close() {
        if let handle { _ = ZMQLibrary.api.close(handle) }
        handle = nil
    }

    func bind(_ endpoint: String) throws(ZMQError) {
        guard let handle, ZMQLibrary.api.bind(handle, endpoint) == 0 else { throw ZMQError("cannot listen on \(endpoint)") }
    }

    func connect(_ endpoint: String) throws(ZMQError) {
        guard let handle, ZMQLibrary.api.connect(handle, endpoint) == 0 else { throw ZMQError("cannot connect to \(endpoint)") }
    }

    func subscribeAll() {
        guard let handle else { return }
        _ = ZMQLibrary.api.setsockopt(handle, ZMQ_SUBSCRIBE, "", 0)
    }

    /// Sends the frames as one multipart message.
    func send(_ frames: [Data]) throws(ZMQError) {
        guard let handle else { throw ZMQError("socket closed") }
        let zmq = ZMQLibrary.api
        for (i, frame) in frames.enumerated() {
            let flags = i == frames.count - 1 ? 0 : ZMQ_SNDMORE
            let sent = frame.withUnsafeBytes { raw in
                zmq.send(handle, raw.baseAddress, raw.count, flags)
            }
            if sent < 0 { throw ZMQError("cannot send") }
        }
    }

    /// Receives one multipart message; nil when none is waiting and `wait` is false.
    func receive(wait: Bool = true) throws(ZMQError) -> [Data]? {
        guard let handle else { throw ZMQError("socket closed") }
        let zmq = ZMQLibrary.api
        var frames: [Data] = []
        while true {
            var message = zmq_msg_t()
            _ = zmq.msgInit(&message)
            defer { _ = zmq.msgClose(&message) }
            let got = zmq.msgRecv(&message, handle, frames.isEmpty && !wait ? ZMQ_DONTWAIT : 0)
            if got < 0 {
                if zmq.errno() == EAGAIN && frames.isEmpty { return nil }
                if zmq.errno() == EINTR { continue }
                throw ZMQError("cannot receive")
            }
            let size = zmq.msgSize(&message)
            frames.append(size == 0 ? Data() : Data(bytes: zmq.msgData(&message)!, count: size))
            if zmq.msgMore(&message) == 0 { return frames }
        }
    }

    /// Waits until one of `sockets` (or one of the file descriptors `fds`) can be read, for at
    /// most `milliseconds` (-1: no limit). Returns which sockets and which descriptors are ready.
    static func poll(_ sockets: [ZMQSocket], fds: [Int32] = [], milliseconds: Int) -> (sockets: [Bool], fds: [Bool]) {
        var items = sockets.map { zmq_pollitem_t(socket: $0.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0) }
        items += fds.map { zmq_pollitem_t(socket: nil, fd: $0, events: Int16(ZMQ_POLLIN), revents: 0) }
        let count = ZMQLibrary.api.poll(&items, Int32(items.count), milliseconds)
        if count <= 0 { return (Array(repeating: false, count: sockets.count), Array(repeating: false, count: fds.count)) }
        let ready = items.map { $0.revents & Int16(ZMQ_POLLIN) != 0 }
        return (Array(ready[..<sockets.count]), Array(ready[sockets.count...]))
    }
}

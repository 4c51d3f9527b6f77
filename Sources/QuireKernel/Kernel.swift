import Foundation
import QuireLang
import Synchronization

/// The Jupyter kernel: `quire kernel --connection-file FILE`.
///
/// Three threads, each owning its sockets (ZeroMQ sockets are not thread-safe):
/// - the I/O thread owns shell, control, stdin and IOPub. It checks the signature of every
///   message received, answers control requests (interrupt, shutdown, kernel info) at once, even
///   while code runs, and queues shell requests for the interpreter thread; it sends what the
///   interpreter thread posts to its outbox.
/// - the interpreter thread (a large stack, like every Quire run) takes shell requests one at a
///   time, in order: an execute request that comes during another waits its turn.
/// - the heartbeat thread echoes pings.
public final class Kernel: @unchecked Sendable {  // shared state is the queues and atomics
    /// What the `quire` command gives the kernel: how to make the session's interpreter, and the
    /// version to report.
    public struct Setup: Sendable {
        public var makeInterpreter: @Sendable () throws -> Interpreter
        public var version: String

        public init(version: String, makeInterpreter: @escaping @Sendable () throws -> Interpreter) {
            self.version = version
            self.makeInterpreter = makeInterpreter
        }
    }

    let connection: ConnectionInfo
    let signer: MessageSigner
    let setup: Setup
    /// This kernel's session id, in the header of every message it sends.
    let session = UUID().uuidString.lowercased()
    let outbox = Outbox()
    /// Shell requests waiting for the interpreter thread.
    let requests = BlockingQueue<Message>()
    /// Lines typed in answer to `input()`.
    let inputReplies = BlockingQueue<String>()
    let stopping = Atomic<Bool>(false)
    /// Set once the interpreter exists, for interrupts from other threads.
    let interpreterBox = Mutex<Interpreter?>(nil)
    /// The execution state last published on IOPub, told to new subscribers (I/O thread).
    let lastState = Mutex<String>("starting")

    init(connection: ConnectionInfo, setup: Setup) {
        self.connection = connection
        self.signer = MessageSigner(key: connection.key)
        self.setup = setup
    }

    /// Runs a kernel until it is shut down; returns the exit status. Errors before the kernel
    /// can serve (ZeroMQ or libcrypto missing, a bad connection file, a port in use) are printed
    /// and give status 1.
    public static func serve(connectionFile: String, setup: Setup) -> Int32 {
        let kernel: Kernel
        let sockets: Sockets
        do {
            // loaded with dlopen here, not linked (ZMQ.swift, Signer.swift)
            try ZMQLibrary.require()
            try CryptoLibrary.require()
            let info = try ConnectionInfo.read(path: connectionFile)
            kernel = Kernel(connection: info, setup: setup)
            sockets = try Sockets(info)
        } catch {
            FileHandle.standardError.write(Data(error.render().utf8))
            return 1
        }
        return kernel.run(sockets)
    }

    /// The bound sockets of a kernel; made on the starting thread, then handed to the threads
    /// that use them (a thread start is the full memory barrier ZeroMQ asks for).
    final class Sockets: @unchecked Sendable {
        let context: ZMQContext
        let shell, control, stdin, iopub, heartbeat: ZMQSocket

        init(_ info: ConnectionInfo) throws(KernelError) {
            do {
                context = try ZMQContext()
                shell = try ZMQSocket(context, .router)
                control = try ZMQSocket(context, .router)
                stdin = try ZMQSocket(context, .router)
                // XPUB: a publisher that also hears subscriptions, so a client that just
                // connected is greeted (see welcome) instead of missing what was published
                // before its subscription arrived.
                iopub = try ZMQSocket(context, .xpub)
                heartbeat = try ZMQSocket(context, .rep)
            } catch {
                throw KernelError("cannot start ZeroMQ: \(error)")
            }
            let channels: [(String, ZMQSocket, Int)] = [
                ("shell", shell, info.shellPort), ("control", control, info.controlPort), ("stdin", stdin, info.stdinPort),
                ("iopub", iopub, info.iopubPort), ("heartbeat", heartbeat, info.hbPort),
            ]
            for (name, socket, port) in channels {
                do {
                    try socket.bind(info.endpoint(port))
                } catch {
                    throw KernelError(
                        "the kernel cannot listen for its \(name) channel on \(info.endpoint(port)) (\(error))",
                        hint: "another program may use that port; let Jupyter start the kernel again, which picks free ports")
                }
            }
        }
    }

    func run(_ sockets: Sockets) -> Int32 {
        signal(SIGINT, SIG_IGN)  // until the interpreter exists; then SIGINT interrupts it
        let heartbeat = Thread { [sockets, self] in self.echoHeartbeats(sockets.heartbeat) }
        heartbeat.name = "quire-kernel-heartbeat"
        heartbeat.start()
        let io = Thread { [sockets, self] in self.serveIO(sockets) }
        io.name = "quire-kernel-io"
        io.start()
        return runOnLargeStack { self.serveRequests() }
    }

    // MARK: heartbeat

    func echoHeartbeats(_ socket: ZMQSocket) {
        while !stopping.load(ordering: .relaxed) {
            guard ZMQSocket.poll([socket], milliseconds: 100).sockets[0] else { continue }
            if let frames = try? socket.receive() { try? socket.send(frames) }
        }
        socket.close()
    }

    // MARK: the I/O thread

    func serveIO(_ sockets: Sockets) {
        let readable = [sockets.shell, sockets.control, sockets.stdin, sockets.iopub]
        publish(Message(header: header("status"), content: ["execution_state": "starting"]), sockets.iopub)
        while true {
            let ready = ZMQSocket.poll(readable, fds: [outbox.wakeFD], milliseconds: 1000)
            if ready.sockets[3] { welcome(sockets.iopub) }
            if ready.sockets[1], let message = receive(sockets.control, "control") {
                handleControl(message, sockets)
            }
            if ready.sockets[0], let message = receive(sockets.shell, "shell") {
                // kernel_info needs no interpreter: answered at once, so that a client's start-up
                // handshake does not wait for the interpreter being made meanwhile.
                if message.type == "shutdown_request" || message.type == "kernel_info_request" {
                    handleControl(message, sockets, replyOn: sockets.shell)
                } else {
                    requests.put(message)
                }
            }
            if ready.sockets[2], let message = receive(sockets.stdin, "stdin") {
                if message.type == "input_reply" {
                    inputReplies.put(message.content["value"] as? String ?? "")
                } else {
                    log("ignored a \(message.type.isEmpty ? "message" : message.type) on the stdin channel")
                }
            }
            for (channel, message) in outbox.takeAll() {
                let socket: ZMQSocket
                switch channel {
                case .shell: socket = sockets.shell
                case .control: socket = sockets.control
                case .stdin: socket = sockets.stdin
                case .iopub: socket = sockets.iopub; noteState(message)
                }
                send(message, socket)
            }
        }
    }

    /// The next message on a socket, or nil (logged) when it is malformed or badly signed:
    /// such a message is dropped, never run.
    func receive(_ socket: ZMQSocket, _ channel: String) -> Message? {
        let frames: [Data]
        do {
            guard let got = try socket.receive(wait: false) else { return nil }
            frames = got
        } catch {
            log("cannot read from the \(channel) channel: \(error)")
            return nil
        }
        do {
            return try Message.parse(frames, signer: signer)
        } catch {
            log("dropped a message on the \(channel) channel: \(error)")
            return nil
        }
    }

    func send(_ message: Message, _ socket: ZMQSocket) {
        do {
            try socket.send(message.frames(signer: signer))
        } catch {
            log("cannot send a \(message.type): \(error)")
        }
    }

    /// A new IOPub subscriber gets a status message with the kernel's current state. Without it
    /// a client's first messages can be lost while its subscription travels (ZeroMQ's "slow
    /// joiner"): jupyter_client's wait_for_ready then waits 0.2 s for IOPub and asks again.
    /// (The IPython kernel greets subscribers too, as JEP 65 describes.)
    func welcome(_ iopub: ZMQSocket) {
        while let frames = try? iopub.receive(wait: false) {
            guard let first = frames.first?.first, first == 1 else { continue }  // 1: subscribe, 0: unsubscribe
            publish(Message(header: header("status"), content: ["execution_state": lastState.withLock { $0 }]), iopub)
        }
    }

    func noteState(_ message: Message) {
        if message.type == "status", let state = message.content["execution_state"] as? String { lastState.withLock { $0 = state } }
    }

    func publish(_ message: Message, _ iopub: ZMQSocket) {
        var message = message
        noteState(message)
        message.identities = [Data("kernel.\(session).\(message.type)".utf8)]
        send(message, iopub)
    }

    /// Control requests, served on the I/O thread so that they work while code runs.
    func handleControl(_ request: Message, _ sockets: Sockets, replyOn socket: ZMQSocket? = nil) {
        let replySocket = socket ?? sockets.control
        publish(status("busy", parent: request), sockets.iopub)
        switch request.type {
        case "kernel_info_request":
            send(reply(to: request, "kernel_info_reply", kernelInfo()), replySocket)
        case "interrupt_request":
            interrupt()
            send(reply(to: request, "interrupt_reply", ["status": "ok"]), replySocket)
        case "shutdown_request":
            let restart = request.content["restart"] as? Bool ?? false
            let content: JSONObject = ["status": "ok", "restart": restart]
            send(reply(to: request, "shutdown_reply", content), replySocket)
            publish(status("idle", parent: request), sockets.iopub)
            shutDown(sockets)
        default:
            log("ignored a \(request.type.isEmpty ? "message without a type" : request.type) on the control channel")
        }
        publish(status("idle", parent: request), sockets.iopub)
    }

    /// Stops the heartbeat, lets the replies leave, and ends the process.
    func shutDown(_ sockets: Sockets) -> Never {
        stopping.store(true, ordering: .relaxed)
        for socket in [sockets.shell, sockets.control, sockets.stdin, sockets.iopub] { socket.close() }
        sockets.context.terminate()  // waits for the heartbeat's socket and the pending replies
        exit(0)
    }

    /// Stops the running code at its next loop iteration or call, as Ctrl-C does.
    func interrupt() {
        interpreterBox.withLock { $0 }?.interrupt()
    }

    func log(_ text: String) {
        FileHandle.standardError.write(Data("quire kernel: \(text)\n".utf8))
    }

    // MARK: building messages (any thread)

    func header(_ type: String) -> JSONObject {
        Message.header(type: type, session: session)
    }

    func reply(to request: Message, _ type: String, _ content: JSONObject) -> Message {
        Message(identities: request.identities, header: header(type), parentHeader: request.header, content: content)
    }

    func status(_ state: String, parent: Message) -> Message {
        Message(header: header("status"), parentHeader: parent.header, content: ["execution_state": state])
    }

    func kernelInfo() -> JSONObject {
        [
            "status": "ok", "protocol_version": protocolVersion, "implementation": "quire",
            "implementation_version": setup.version,
            "language_info": [
                "name": "quire", "version": setup.version, "mimetype": "text/x-quire", "file_extension": ".qr",
                "codemirror_mode": "python", "pygments_lexer": "python",
            ] as JSONObject,
            "banner": "Quire \(setup.version): explore data and replay tutorials. Tab completes, Shift-Tab shows help.",
            "help_links": [["text": "Quire documentation", "url": "https://github.com/quire-lang/quire/tree/main/docs"]],
            "debugger": false,
        ]
    }
}

// MARK: interrupt by signal

/// The interpreter SIGINT stops (Jupyter's default interrupt mode sends SIGINT); it lives as
/// long as the process, so the handler reads it unretained. The handler only does atomic stores.
private let signalledInterpreter = Atomic<UInt>(0)

func interruptOnSignal(_ interpreter: Interpreter) {
    signalledInterpreter.store(UInt(bitPattern: Unmanaged.passRetained(interpreter).toOpaque()), ordering: .sequentiallyConsistent)
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in
        let address = signalledInterpreter.load(ordering: .sequentiallyConsistent)
        guard let pointer = UnsafeRawPointer(bitPattern: address) else { return }
        Unmanaged<Interpreter>.fromOpaque(pointer)._withUnsafeGuaranteedRef { $0.interrupt() }
    }
    sigemptyset(&action.sa_mask)
    action.sa_flags = SA_RESTART
    sigaction(SIGINT, &action, nil)
}

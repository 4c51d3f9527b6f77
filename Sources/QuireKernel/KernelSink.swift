import Foundation
import QuireLang
import QuireSupport

/// Where a cell's output goes in the kernel: printed text as `stream` messages, shown values as
/// `display_data`, the last value as `execute_result`; `input()` asks through the stdin channel.
/// Used on the interpreter thread only; it hands finished messages to the I/O thread.
final class KernelSink: OutputSink, InputReader {
    let kernel: Kernel
    let request: Message
    let allowStdin: Bool
    let interpreter: Interpreter
    private var pending = ""
    private var lastFlush = DispatchTime.now()

    init(kernel: Kernel, request: Message, allowStdin: Bool, interpreter: Interpreter) {
        self.kernel = kernel
        self.request = request
        self.allowStdin = allowStdin
        self.interpreter = interpreter
    }

    func write(_ text: String) {
        pending += text
        // A long-running cell shows its printing as it goes, a few times a second at most.
        if DispatchTime.now().uptimeNanoseconds - lastFlush.uptimeNanoseconds > 100_000_000 { flush() }
    }

    /// Sends the printed text not yet sent.
    func flush() {
        lastFlush = DispatchTime.now()
        guard !pending.isEmpty else { return }
        send("stream", ["name": "stdout", "text": pending])
        pending = ""
    }

    /// `show(value)` in the middle of a cell.
    func display(_ value: Value) {
        if case .none = value { return }
        flush()
        send("display_data", ["data": MimeBundle.of(value), "metadata": JSONObject(), "transient": JSONObject()])
    }

    /// The cell's last value: an `execute_result`, or for a figure a `display_data` (pictures are
    /// displays, as in IPython).
    func showResult(_ value: Value, count: Int) {
        if case .none = value { return }
        flush()
        let data = MimeBundle.of(value)
        if MimeBundle.isFigure(value) {
            send("display_data", ["data": data, "metadata": JSONObject(), "transient": JSONObject()])
        } else {
            send("execute_result", ["data": data, "metadata": JSONObject(), "execution_count": count])
        }
    }

    func readInput(prompt: String, password: Bool) throws -> String? {
        flush()
        guard allowStdin else {
            throw QuireError(.io, "input() cannot ask for a line here", hint: "this Jupyter front end does not accept input from the kernel")
        }
        _ = kernel.inputReplies.drain()  // an answer to an earlier, interrupted question
        let ask = Message(
            identities: request.identities, header: kernel.header("input_request"), parentHeader: request.header,
            content: ["prompt": prompt, "password": password])
        kernel.outbox.send(ask, on: .stdin)
        while true {
            if let line = kernel.inputReplies.take(timeout: 0.05) { return line }
            try interpreter.checkInterrupt()
        }
    }

    private func send(_ type: String, _ content: JSONObject) {
        kernel.outbox.send(kernel.message(type, content, parent: request), on: .iopub)
    }
}

/// The forms a value is shown in, by MIME type: always text, HTML for tables, PNG and SVG for
/// figures (PNG only for pictures made of pixels).
enum MimeBundle {
    static func of(_ value: Value) -> JSONObject {
        guard case .object(let object) = value, let rich = object.richDisplay() else {
            return ["text/plain": Printer.repr(value)]
        }
        var data: JSONObject = ["text/plain": object.displayText()]
        switch rich {
        case .html(let html):
            data["text/html"] = html
        case .figure(let figure):
            let formats = figure.preferredExtension == "png" ? ["png"] : ["png", "svg"]
            for (format, drawn) in zip(formats, draw(figure, formats)) {
                switch drawn {
                case .success(let bytes):
                    data[format == "png" ? "image/png" : "image/svg+xml"] =
                        format == "png" ? bytes.base64EncodedString() : String(decoding: bytes, as: UTF8.self)
                case .failure(let error):
                    data["text/plain"] = "[figure could not be drawn: \(error)]"
                }
            }
        }
        return data
    }

    /// The figure drawn in each format, the formats at the same time (each on its own surface):
    /// a cell's figure costs the slower of PNG and SVG, not both.
    static func draw(_ figure: any FigureDisplay, _ formats: [String]) -> [Result<Data, any Error>] {
        nonisolated(unsafe) let figure = figure  // drawing reads the figure; it never changes it
        var slots = Array(repeating: Result<Data, any Error>.success(Data()), count: formats.count)
        let token = Cancellation.current
        slots.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer  // each iteration writes its own slot only
            DispatchQueue.concurrentPerform(iterations: formats.count) { index in
                buffer[index] = Cancellation.with(token) { Result { try figure.data(format: formats[index]) } }
            }
        }
        return slots
    }

    static func isFigure(_ value: Value) -> Bool {
        if case .object(let object) = value, case .figure? = object.richDisplay() { return true }
        return false
    }
}

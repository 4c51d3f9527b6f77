import Foundation
import QuireLang
import QuireREPL
import QuireSupport

/// The interpreter thread: shell requests one at a time, in the order they came.
extension Kernel {
    func serveRequests() -> Int32 {
        let interpreter: Interpreter
        do {
            interpreter = try setup.makeInterpreter()
        } catch {
            log("cannot start the interpreter: \(error)")
            return 1
        }
        interpreter.isInteractive = false
        interpreterBox.withLock { $0 = interpreter }
        interruptOnSignal(interpreter)
        var state = SessionState(interpreter: interpreter)
        while let request = requests.take() {
            outbox.send(status("busy", parent: request), on: .iopub)
            handle(request, &state)
            outbox.send(status("idle", parent: request), on: .iopub)
        }
        return 0
    }

    /// What lives across requests: the interpreter (the session's variables), the count.
    struct SessionState {
        let interpreter: Interpreter
        var executionCount = 0
    }

    func handle(_ request: Message, _ state: inout SessionState) {
        let content = request.content
        switch request.type {
        case "execute_request":
            execute(request, &state)
        case "kernel_info_request":
            outbox.send(reply(to: request, "kernel_info_reply", kernelInfo()), on: .shell)
        case "complete_request":
            outbox.send(reply(to: request, "complete_reply", complete(content, state.interpreter)), on: .shell)
        case "inspect_request":
            outbox.send(reply(to: request, "inspect_reply", inspect(content, state.interpreter)), on: .shell)
        case "is_complete_request":
            let code = content["code"] as? String ?? ""
            let answer: JSONObject =
                Interpreter.isComplete(code) ? ["status": "complete"] : ["status": "incomplete", "indent": nextIndent(code)]
            outbox.send(reply(to: request, "is_complete_reply", answer), on: .shell)
        case "history_request":
            outbox.send(reply(to: request, "history_reply", ["status": "ok", "history": [Any]()]), on: .shell)
        case "comm_info_request":
            outbox.send(reply(to: request, "comm_info_reply", ["status": "ok", "comms": JSONObject()]), on: .shell)
        case "comm_open", "comm_msg", "comm_close":
            break  // Quire has no comms; the protocol says to ignore them
        default:
            log("ignored a \(request.type.isEmpty ? "message without a type" : request.type) on the shell channel")
        }
    }

    /// Runs an execute request.
    func execute(_ request: Message, _ state: inout SessionState) {
        let content = request.content
        let code = content["code"] as? String ?? ""
        let silent = content["silent"] as? Bool ?? false
        let storeHistory = content["store_history"] as? Bool ?? !silent
        if storeHistory && !silent { state.executionCount += 1 }
        let count = state.executionCount
        if !silent {
            outbox.send(message("execute_input", ["code": code, "execution_count": count], parent: request), on: .iopub)
        }
        let interpreter = state.interpreter
        let sink = KernelSink(kernel: self, request: request, allowStdin: content["allow_stdin"] as? Bool ?? true, interpreter: interpreter)
        interpreter.sink = sink
        interpreter.clearInterrupt()
        defer { interpreter.clearInterrupt() }
        do throws(QuireError) {
            let value = try interpreter.run(Source(name: "<cell>", text: code, cell: count))
            if let value, !silent {
                Cancellation.with(interpreter.cancellation) { sink.showResult(value, count: count) }
            }
            sink.flush()
            let ok: JSONObject = ["status": "ok", "execution_count": count, "payload": [Any](), "user_expressions": JSONObject()]
            outbox.send(reply(to: request, "execute_reply", ok), on: .shell)
        } catch {
            sink.flush()
            // Taken before the reply leaves: a request sent after the client saw the error
            // cannot be among them.
            let aborted = content["stop_on_error"] as? Bool ?? true ? takeQueuedExecutions() : []
            var failure = errorContent(error)
            outbox.send(message("error", failure, parent: request), on: .iopub)
            failure["status"] = "error"
            failure["execution_count"] = count
            outbox.send(reply(to: request, "execute_reply", failure), on: .shell)
            for request in aborted {
                outbox.send(status("busy", parent: request), on: .iopub)
                outbox.send(reply(to: request, "execute_reply", ["status": "aborted"]), on: .shell)
                outbox.send(status("idle", parent: request), on: .iopub)
            }
        }
    }

    /// After a failed cell, the executions already queued behind it are not run (as ipykernel
    /// does, so "run all" stops at the first error); other requests stay queued.
    func takeQueuedExecutions() -> [Message] {
        var kept: [Message] = []
        var executions: [Message] = []
        for request in requests.drain() {
            if request.type == "execute_request" { executions.append(request) } else { kept.append(request) }
        }
        requests.putBack(kept)
        return executions
    }

    func message(_ type: String, _ content: JSONObject, parent: Message) -> Message {
        Message(header: header(type), parentHeader: parent.header, content: content)
    }

    /// `ename`, `evalue` and a traceback that is Quire's own error text (with the caret), a line each.
    func errorContent(_ error: QuireError) -> JSONObject {
        var lines = error.render().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return ["ename": Self.errorName(error.kind), "evalue": error.message, "traceback": lines]
    }

    /// A name for the kind of error, in the style other kernels use (`NameError`).
    static func errorName(_ kind: QuireError.Kind) -> String {
        switch kind {
        case .interrupted: return "KeyboardInterrupt"
        case .incompleteInput: return "SyntaxError"
        case .io: return "IOError"
        case .importError: return "ImportError"
        default:
            let raw = kind.rawValue
            return raw.prefix(1).uppercased() + raw.dropFirst() + "Error"
        }
    }

    // MARK: completion and help

    /// The REPL's completion at `cursor_pos` (counted in Unicode code points, as Jupyter does).
    func complete(_ content: JSONObject, _ interpreter: Interpreter) -> JSONObject {
        let code = content["code"] as? String ?? ""
        let cursor = min(max(0, content["cursor_pos"] as? Int ?? code.unicodeScalars.count), code.unicodeScalars.count)
        let before = Self.prefix(code, scalars: cursor)
        let completion = Completer.complete(line: before, cursor: before.count, interpreter: interpreter)
        var matches = completion.candidates.filter { $0 != Completer.indentation }
        if !completion.closing.isEmpty { matches = matches.map { $0 + completion.closing } }
        return [
            "status": "ok", "matches": matches, "cursor_start": cursor - completion.word.unicodeScalars.count,
            "cursor_end": cursor, "metadata": JSONObject(),
        ]
    }

    /// The `:help` text of the name at the cursor (`len`, `df.head`, a variable).
    func inspect(_ content: JSONObject, _ interpreter: Interpreter) -> JSONObject {
        let code = content["code"] as? String ?? ""
        let cursor = min(max(0, content["cursor_pos"] as? Int ?? code.unicodeScalars.count), code.unicodeScalars.count)
        guard let name = Self.name(in: code, at: cursor), Self.isKnown(name, interpreter) else {
            return ["status": "ok", "found": false, "data": JSONObject(), "metadata": JSONObject()]
        }
        let text = REPL.helpText(for: name, interpreter: interpreter)
        return ["status": "ok", "found": true, "data": ["text/plain": text] as JSONObject, "metadata": JSONObject()]
    }

    /// True when `name` (or the first part of `a.b`) is a variable, a builtin or a method.
    static func isKnown(_ name: String, _ interpreter: Interpreter) -> Bool {
        let parts = name.split(separator: ".").map(String.init)
        guard let first = parts.first else { return false }
        if interpreter.global(first) != nil || interpreter.registry.functions[first] != nil { return true }
        return interpreter.registry.all.contains { $0.name == name || $0.receiver == first }
    }

    /// The dotted name around the cursor: `df.he|ad` gives `df.head`.
    static func name(in code: String, at cursor: Int) -> String? {
        let scalars = Array(code.unicodeScalars)
        let isPart: (Unicode.Scalar) -> Bool = { $0 == "_" || $0 == "." || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        var start = cursor
        while start > 0 && isPart(scalars[start - 1]) { start -= 1 }
        var end = cursor
        while end < scalars.count && isPart(scalars[end]) { end += 1 }
        // `len(` with the cursor after the bracket: the function being called.
        if start == end, cursor > 0, scalars[cursor - 1] == "(" {
            end = cursor - 1
            start = end
            while start > 0 && isPart(scalars[start - 1]) { start -= 1 }
        }
        var text = String(String.UnicodeScalarView(scalars[start..<end]))
        while text.hasPrefix(".") { text.removeFirst() }
        while text.hasSuffix(".") { text.removeLast() }
        return text.isEmpty ? nil : text
    }

    static func prefix(_ text: String, scalars count: Int) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(count)))
    }

    /// The indentation for the next line of incomplete code: the last line's, one level deeper
    /// after an opening bracket.
    func nextIndent(_ code: String) -> String {
        let last = code.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let indent = String(last.prefix { $0 == " " || $0 == "\t" })
        let trimmed = last.trimmingCharacters(in: .whitespaces)
        if let end = trimmed.last, "{([".contains(end) { return indent + Completer.indentation }
        return indent
    }
}

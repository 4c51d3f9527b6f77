import Foundation
import QuireLang
import Synchronization

/// Ctrl-C in the REPL: while code runs, it asks the interpreter to stop; at the prompt, it makes
/// the line editor give up the line.
///
/// A signal handler cannot capture context, so the state it reads lives in atomics. The handler
/// may run on any thread (the kernel picks one, usually the main thread, which only waits for
/// the REPL's thread); at the prompt it forwards the signal to the REPL's thread so that the
/// read there is interrupted. With `EL_SIGNAL`, libedit's own handler runs first, restores the
/// terminal and re-sends SIGINT, which then arrives here.
enum InterruptHandler {
    /// The interpreter to stop, as an unretained pointer (0: none).
    static let interpreterAddress = Atomic<UInt>(0)
    /// The thread that reads input and runs code (0: none).
    static let replThread = Atomic<UInt>(0)
    /// True while code runs; false while the prompt waits for input.
    static let isRunning = Atomic<Bool>(false)
    /// Set when Ctrl-C was pressed at the prompt.
    static let promptInterrupted = Atomic<Bool>(false)

    /// The handler that was installed before `install`, restored by `uninstall`. Unchecked:
    /// only `install` and `uninstall` touch it, both on the REPL's thread.
    nonisolated(unsafe) private static var previous = sigaction()

    /// Installs the SIGINT handler for `interpreter`, running on the calling thread.
    static func install(for interpreter: Interpreter) {
        interpreterAddress.store(UInt(bitPattern: Unmanaged.passUnretained(interpreter).toOpaque()), ordering: .sequentiallyConsistent)
        replThread.store(UInt(pthread_self()), ordering: .sequentiallyConsistent)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handleInterrupt
        sigemptyset(&action.sa_mask)
        // No SA_RESTART: the read at the prompt must fail with EINTR for the line to be dropped.
        action.sa_flags = 0
        sigaction(SIGINT, &action, &previous)
    }

    /// Restores the handler that was there before `install`.
    static func uninstall() {
        sigaction(SIGINT, &previous, nil)
        replThread.store(0, ordering: .sequentiallyConsistent)
        interpreterAddress.store(0, ordering: .sequentiallyConsistent)
    }

    /// True (once) when Ctrl-C was pressed at the prompt since the last call.
    static func takePromptInterrupt() -> Bool {
        promptInterrupted.exchange(false, ordering: .sequentiallyConsistent)
    }
}

/// Runs in signal context: touches only atomics, `pthread_kill` and the interpreter's atomic
/// interrupt flag.
private func handleInterrupt(_ signal: Int32) {
    if InterruptHandler.isRunning.load(ordering: .sequentiallyConsistent) {
        let address = InterruptHandler.interpreterAddress.load(ordering: .sequentiallyConsistent)
        if let pointer = UnsafeRawPointer(bitPattern: address) {
            Unmanaged<Interpreter>.fromOpaque(pointer)._withUnsafeGuaranteedRef { $0.interrupt() }
        }
        return
    }
    InterruptHandler.promptInterrupted.store(true, ordering: .sequentiallyConsistent)
    let target = InterruptHandler.replThread.load(ordering: .sequentiallyConsistent)
    if target != 0 && UInt(pthread_self()) != target {
        pthread_kill(pthread_t(target), SIGINT)
    }
}

import Foundation
import QuireLang
import Synchronization

/// Ctrl-C in the REPL: while code runs, it asks the interpreter to stop; at the prompt, it makes
/// the line editor give up the line.
///
/// A signal handler cannot capture context, so the state it reads lives in atomics. The handler
/// may run on any thread (the kernel picks one, usually the main thread, which only waits for
/// the REPL's thread). At the prompt it sets a flag and writes a byte to a pipe that the line
/// editor's reader waits on together with the terminal (`quire_read_char`), so the read ends
/// wherever the signal lands: inside the read, or just before it starts (forwarding the
/// signal to the REPL's thread, as before, lost a Ctrl-C that arrived between two reads). With
/// `EL_SIGNAL`, libedit's own handler runs first, restores the terminal and re-sends SIGINT,
/// which then arrives here. A Ctrl-C between a line and the start of its code stops that code.
enum InterruptHandler {
    /// The interpreter to stop, as an unretained pointer (0: none).
    static let interpreterAddress = Atomic<UInt>(0)
    /// The thread that reads input and runs code (0: none).
    static let replThread = Atomic<UInt>(0)
    /// True while code runs; false while the prompt waits for input.
    static let isRunning = Atomic<Bool>(false)
    /// Set when Ctrl-C was pressed at the prompt.
    static let promptInterrupted = Atomic<Bool>(false)
    /// The write end of the wake-up pipe (-1: none); its read end is the line editor's.
    static let wakeWriter = Atomic<Int32>(-1)
    /// The read end of the wake-up pipe (-1: none).
    static let wakeReader = Atomic<Int32>(-1)

    /// The handler that was installed before `install`, restored by `uninstall`. Unchecked:
    /// only `install` and `uninstall` touch it, both on the REPL's thread.
    nonisolated(unsafe) private static var previous = sigaction()

    /// Installs the SIGINT handler for `interpreter`, running on the calling thread.
    static func install(for interpreter: Interpreter) {
        interpreterAddress.store(UInt(bitPattern: Unmanaged.passUnretained(interpreter).toOpaque()), ordering: .sequentiallyConsistent)
        replThread.store(UInt(pthread_self()), ordering: .sequentiallyConsistent)
        if wakeReader.load(ordering: .sequentiallyConsistent) < 0 {
            var ends: [Int32] = [-1, -1]
            if pipe(&ends) == 0 {
                for fd in ends { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
                for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
                wakeReader.store(ends[0], ordering: .sequentiallyConsistent)
                wakeWriter.store(ends[1], ordering: .sequentiallyConsistent)
            }
        }
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

    /// True (once) when Ctrl-C was pressed at the prompt since the last call; empties the
    /// wake-up pipe.
    static func takePromptInterrupt() -> Bool {
        let pressed = promptInterrupted.exchange(false, ordering: .sequentiallyConsistent)
        let fd = wakeReader.load(ordering: .sequentiallyConsistent)
        if fd >= 0 {
            var byte: UInt8 = 0
            while read(fd, &byte, 1) == 1 {}
        }
        return pressed
    }
}

/// Runs in signal context: touches only atomics, `write` and the interpreter's atomic
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
    let fd = InterruptHandler.wakeWriter.load(ordering: .sequentiallyConsistent)
    if fd >= 0 {
        var byte: UInt8 = 3
        _ = write(fd, &byte, 1)
    }
}

import CSVM
import QuireSupport
import Foundation

/// A trained LIBSVM model and the memory it points into.
///
/// LIBSVM keeps pointers to the training rows inside the model (its support vectors), so the
/// rows live exactly as long as the model. `@unchecked Sendable`: after training the model is only
/// read (`svm_predict` allocates its own scratch space), so several threads may predict at once.
final class LibSVMModel: @unchecked Sendable {
    private var model: UnsafeMutablePointer<svm_model>?
    private var nodes: UnsafeMutablePointer<svm_node>?
    private var rows: UnsafeMutablePointer<UnsafeMutablePointer<svm_node>?>?
    private var labels: UnsafeMutablePointer<Double>?
    let nFeatures: Int

    /// LIBSVM prints its progress on stdout unless given a function that drops it.
    ///
    /// The print function is also where a stopped fit ends: LIBSVM's solver calls it every
    /// thousand iterations, and on a training thread (see `stoppableTrain`) whose work was
    /// cancelled it ends that thread.
    private static let silence: Void = {
        svm_set_print_string_function { _ in
            if let job = LibSVMModel.trainingJob, job.stopRequested { job.endThread() }
        }
    }()

    /// The fit running on this thread; bound only on the threads that `stoppableTrain` starts,
    /// so that no other thread is ever ended.
    @TaskLocal private static var trainingJob: TrainingJob?

    /// Trains on rows `x` with class indices `y` (0, 1, ...), in this order.
    init(x: Matrix, y: [Int], parameter: svm_parameter) throws {
        _ = Self.silence
        nFeatures = x.cols
        var nonZero = 0
        for v in x.values where v != 0 { nonZero += 1 }
        let nodes = UnsafeMutablePointer<svm_node>.allocate(capacity: nonZero + x.rows)
        let rows = UnsafeMutablePointer<UnsafeMutablePointer<svm_node>?>.allocate(capacity: x.rows)
        var next = 0
        for i in 0..<x.rows {
            rows[i] = nodes + next
            for j in 0..<x.cols where x[i, j] != 0 {
                nodes[next] = svm_node(index: Int32(j + 1), value: x[i, j])
                next += 1
            }
            nodes[next] = svm_node(index: -1, value: 0)
            next += 1
        }
        try train(nodes: nodes, rows: rows, y: y, parameter: parameter)
    }

    private func train(
        nodes: UnsafeMutablePointer<svm_node>, rows: UnsafeMutablePointer<UnsafeMutablePointer<svm_node>?>, y: [Int],
        parameter: svm_parameter
    ) throws {
        let labels = UnsafeMutablePointer<Double>.allocate(capacity: y.count)
        for (i, label) in y.enumerated() { labels[i] = Double(label) }
        self.nodes = nodes
        self.rows = rows
        self.labels = labels
        var problem = svm_problem(l: Int32(y.count), y: labels, x: rows)
        var parameter = parameter
        if let message = svm_check_parameter(&problem, &parameter) {
            throw LearnError.svm(String(cString: message))
        }
        let memory = TrainingMemory(nodes: nodes, rows: rows, labels: labels)
        do {
            model = try Self.stoppableTrain(problem, parameter, memory: memory)
        } catch {
            // An abandoned fit's thread still reads the rows: they are now its to free.
            if memory.handedOver {
                self.nodes = nil
                self.rows = nil
                self.labels = nil
            }
            throw error
        }
    }

    /// `svm_train` on a thread of its own, so that a stop ends it: LIBSVM has no way to be
    /// stopped. The caller polls the stop flag while it waits and, after a stop, returns at once
    /// (throwing `Cancelled`), handing the training rows over to the thread. The thread ends at
    /// LIBSVM's next progress call (`pthread_exit`, which unwinds LIBSVM's C++ frames and frees
    /// its kernel cache), or frees what it made if it finishes first.
    private static func stoppableTrain(
        _ problem: svm_problem, _ parameter: svm_parameter, memory: TrainingMemory
    ) throws -> UnsafeMutablePointer<svm_model>? {
        let token = Cancellation.current
        let job = TrainingJob(problem: problem, parameter: parameter, token: token, memory: memory)
        let context = Unmanaged.passRetained(job)
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { raw in
            // The thread holds the job until it ends; `pthread_exit` skips Swift's releases, so
            // `endThread` drops this reference itself.
            let job = Unmanaged<TrainingJob>.fromOpaque(raw!)
            job._withUnsafeGuaranteedRef { job in
                LibSVMModel.$trainingJob.withValue(job) {
                    let model = svm_train(&job.problem, &job.parameter)
                    job.finish(model)
                }
            }
            job.release()
            return nil
        }, context.toOpaque())
        if started != 0 {
            context.release()
            job.finish(svm_train(&job.problem, &job.parameter))
        } else {
            pthread_detach(thread)
            while job.done.wait(timeout: .now() + .milliseconds(5)) == .timedOut {
                if let reason = token?.reason, job.abandon() { throw Cancelled(reason) }
            }
        }
        var model = job.takeModel()
        if let reason = token?.reason {
            if model != nil { svm_free_and_destroy_model(&model) }
            throw Cancelled(reason)
        }
        return model
    }

    /// The rows, their pointers and the labels a fit reads; freed by the model, or by the
    /// training thread when the caller has abandoned the fit (`@unchecked Sendable`: handed
    /// over once, under the job's lock).
    private final class TrainingMemory: @unchecked Sendable {
        let nodes: UnsafeMutablePointer<svm_node>
        let rows: UnsafeMutablePointer<UnsafeMutablePointer<svm_node>?>
        let labels: UnsafeMutablePointer<Double>
        var handedOver = false
        init(nodes: UnsafeMutablePointer<svm_node>, rows: UnsafeMutablePointer<UnsafeMutablePointer<svm_node>?>, labels: UnsafeMutablePointer<Double>) {
            self.nodes = nodes
            self.rows = rows
            self.labels = labels
        }
        func free() {
            nodes.deallocate()
            rows.deallocate()
            labels.deallocate()
        }
    }

    /// A fit shared by the caller and its training thread. `@unchecked Sendable`: the problem
    /// and parameter are touched only by the thread; the rest only under the lock.
    private final class TrainingJob: @unchecked Sendable {
        var problem: svm_problem
        var parameter: svm_parameter
        let token: CancellationToken?
        let memory: TrainingMemory
        let done = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var model: UnsafeMutablePointer<svm_model>?
        private var finished = false
        private var abandoned = false

        init(problem: svm_problem, parameter: svm_parameter, token: CancellationToken?, memory: TrainingMemory) {
            self.problem = problem
            self.parameter = parameter
            self.token = token
            self.memory = memory
        }

        /// The thread's end: keeps the model for the caller, or frees everything if abandoned.
        func finish(_ trained: UnsafeMutablePointer<svm_model>?) {
            var trained = trained
            lock.lock()
            finished = true
            if abandoned {
                if trained != nil { svm_free_and_destroy_model(&trained) }
                memory.free()
            } else {
                model = trained
            }
            lock.unlock()
            done.signal()
        }

        /// Ends the training thread from inside LIBSVM (the print function).
        func endThread() -> Never {
            finish(nil)
            Unmanaged.passUnretained(self).release()  // the thread's reference (see stoppableTrain)
            pthread_exit(nil)
        }

        /// True once the work was cancelled or the caller gave up waiting (the interpreter
        /// forgets a stop after reporting it, so an abandoned fit cannot rely on the token).
        var stopRequested: Bool {
            if token?.isCancelled == true { return true }
            lock.lock()
            defer { lock.unlock() }
            return abandoned
        }

        /// The caller gives up waiting; false when the thread has already finished.
        func abandon() -> Bool {
            lock.lock()
            defer { lock.unlock() }
            if finished { return false }
            abandoned = true
            memory.handedOver = true
            return true
        }

        func takeModel() -> UnsafeMutablePointer<svm_model>? {
            lock.lock()
            defer { lock.unlock() }
            let m = model
            model = nil
            return m
        }
    }

    /// The trained model as plain arrays, for rows `x` in the order it was trained on (the
    /// reference that `SVMDecision.train` is tested against).
    func decision(x: Matrix, kernel: SVMKernel) -> SVMDecision { SVMDecision(model: model!, x: x, kernel: kernel) }

    /// Reads a model written by `text`.
    init(text: String, nFeatures: Int) throws {
        _ = Self.silence
        self.nFeatures = nFeatures
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("quire-svm-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        guard let loaded = svm_load_model(path) else { throw LearnError.badModelFile("LIBSVM could not read the model") }
        model = loaded
    }

    deinit {
        if model != nil { svm_free_and_destroy_model(&model) }
        nodes?.deallocate()
        rows?.deallocate()
        labels?.deallocate()
    }

    /// The model in LIBSVM's own text format.
    func text() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("quire-svm-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard svm_save_model(path, model) == 0 else { throw LearnError.badModelFile("LIBSVM could not write the model") }
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    var hasProbability: Bool { svm_check_probability_model(model) != 0 }
    var classCount: Int { Int(svm_get_nr_class(model)) }

    /// The nodes of one row, zeros left out, ended by index -1.
    private func sparse(_ row: ArraySlice<Double>) -> [svm_node] {
        var out: [svm_node] = []
        for (j, v) in row.enumerated() where v != 0 { out.append(svm_node(index: Int32(j + 1), value: v)) }
        out.append(svm_node(index: -1, value: 0))
        return out
    }

    /// The class index LIBSVM votes for.
    func predict(_ row: ArraySlice<Double>) -> Int {
        let nodes = sparse(row)
        return Int(nodes.withUnsafeBufferPointer { svm_predict(model, $0.baseAddress) })
    }

    /// Class probabilities, in class-index order.
    func probabilities(_ row: ArraySlice<Double>) -> [Double] {
        let nodes = sparse(row)
        let k = classCount
        var labels = [Int32](repeating: 0, count: k)
        svm_get_labels(model, &labels)
        var estimates = [Double](repeating: 0, count: k)
        _ = nodes.withUnsafeBufferPointer { svm_predict_probability(model, $0.baseAddress, &estimates) }
        var out = [Double](repeating: 0, count: k)
        for (i, label) in labels.enumerated() { out[Int(label)] = estimates[i] }
        return out
    }
}

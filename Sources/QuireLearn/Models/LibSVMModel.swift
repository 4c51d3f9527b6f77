import CSVM
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
    private static let silence: Void = {
        svm_set_print_string_function { _ in }
    }()

    /// Trains on rows `x` with class indices `y` (0, 1, ...), in this order.
    init(x: Matrix, y: [Int], parameter: svm_parameter) throws {
        _ = Self.silence
        nFeatures = x.cols
        var nonZero = 0
        for v in x.values where v != 0 { nonZero += 1 }
        let nodes = UnsafeMutablePointer<svm_node>.allocate(capacity: nonZero + x.rows)
        let rows = UnsafeMutablePointer<UnsafeMutablePointer<svm_node>?>.allocate(capacity: x.rows)
        let labels = UnsafeMutablePointer<Double>.allocate(capacity: x.rows)
        var next = 0
        for i in 0..<x.rows {
            rows[i] = nodes + next
            for j in 0..<x.cols where x[i, j] != 0 {
                nodes[next] = svm_node(index: Int32(j + 1), value: x[i, j])
                next += 1
            }
            nodes[next] = svm_node(index: -1, value: 0)
            next += 1
            labels[i] = Double(y[i])
        }
        self.nodes = nodes
        self.rows = rows
        self.labels = labels
        var problem = svm_problem(l: Int32(x.rows), y: labels, x: rows)
        var parameter = parameter
        if let message = svm_check_parameter(&problem, &parameter) {
            throw LearnError.svm(String(cString: message))
        }
        model = svm_train(&problem, &parameter)
    }

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

import Foundation
import QuireArray

/// A fully connected layer: `y = x W + b` on flat rows (`W` is inputs x units, as Keras keeps it).
final class DenseLayer: Layer {
    let units: Int
    private(set) var inputs = 0
    let kernel = Weights([])
    let bias = Weights([])
    private var x = Tensor(count: 0, shape: [0], values: [])

    init(units: Int) { self.units = units }

    var spec: LayerSpec { .dense(units: units) }
    var weights: [Weights] { [kernel, bias] }

    func build(_ input: [Int], _ random: inout NetworkRandom) throws(NetworkError) -> [Int] {
        guard input.count == 1 else {
            throw .shapeMismatch(layer: 0, name: spec.text, expected: "flat rows (features,)", got: input)
        }
        inputs = input[0]
        let count = try LayerSize.weights(spec, [inputs, units])  // the biases are a row more
        kernel.value = random.glorot(count: count, fanIn: inputs, fanOut: units)
        kernel.grad = [Float](repeating: 0, count: count)
        bias.value = [Float](repeating: 0, count: units)
        bias.grad = bias.value
        return [units]
    }

    func forward(_ x: Tensor, training: Bool, _ random: inout NetworkRandom) -> Tensor {
        if training { self.x = x }
        let n = x.count
        var y = [Float](repeating: 0, count: n * units)
        for r in 0..<n { for j in 0..<units { y[r * units + j] = bias.value[j] } }
        Gemm.multiply(m: n, n: units, k: inputs, a: x.values, lda: inputs, b: kernel.value, ldb: units, beta: 1, c: &y, ldc: units)
        return Tensor(count: n, shape: [units], values: y)
    }

    func backward(_ dy: Tensor) -> Tensor {
        let n = dy.count
        // dW = x^T dy, db = column sums of dy, dx = dy W^T.
        Gemm.multiply(.transposed, .plain, m: inputs, n: units, k: n, a: x.values, lda: inputs, b: dy.values, ldb: units,
            c: &kernel.grad, ldc: units)
        columnSums(dy.values, rows: n, columns: units, into: &bias.grad)
        var dx = [Float](repeating: 0, count: n * inputs)
        Gemm.multiply(.plain, .transposed, m: n, n: inputs, k: units, a: dy.values, lda: units, b: kernel.value, ldb: units,
            c: &dx, ldc: inputs)
        return Tensor(count: n, shape: [inputs], values: dx)
    }
}

/// `out[j] = sum over rows of m[r, j]`, rows in order (the same sums on every run).
func columnSums(_ m: [Float], rows: Int, columns: Int, into out: inout [Float]) {
    for j in 0..<columns { out[j] = 0 }
    for r in 0..<rows { for j in 0..<columns { out[j] += m[r * columns + j] } }
}

/// An element-wise activation, or softmax over each row.
final class ActivationLayer: Layer {
    enum Function { case relu, tanh, sigmoid, softmax }
    let function: Function
    private var y = Tensor(count: 0, shape: [0], values: [])
    private var x = Tensor(count: 0, shape: [0], values: [])

    init(_ function: Function) { self.function = function }

    var spec: LayerSpec {
        switch function {
        case .relu: .relu
        case .tanh: .tanh
        case .sigmoid: .sigmoid
        case .softmax: .softmax
        }
    }

    func build(_ input: [Int], _ random: inout NetworkRandom) throws(NetworkError) -> [Int] {
        if function == .softmax, input.count != 1 {
            throw .shapeMismatch(layer: 0, name: spec.text, expected: "flat rows (classes,)", got: input)
        }
        return input
    }

    func forward(_ x: Tensor, training: Bool, _ random: inout NetworkRandom) -> Tensor {
        var y = x
        switch function {
        case .relu: for i in y.values.indices where y.values[i] < 0 { y.values[i] = 0 }
        case .tanh: for i in y.values.indices { y.values[i] = tanh(y.values[i]) }
        case .sigmoid: for i in y.values.indices { y.values[i] = 1 / (1 + exp(-y.values[i])) }
        case .softmax: softmaxRows(&y.values, columns: x.rowSize)
        }
        if training {
            self.x = x
            self.y = y
        }
        return y
    }

    func backward(_ dy: Tensor) -> Tensor {
        var dx = dy
        switch function {
        case .relu: for i in dx.values.indices where x.values[i] <= 0 { dx.values[i] = 0 }
        case .tanh: for i in dx.values.indices { dx.values[i] *= 1 - y.values[i] * y.values[i] }
        case .sigmoid: for i in dx.values.indices { dx.values[i] *= y.values[i] * (1 - y.values[i]) }
        case .softmax:
            let c = dy.rowSize
            for r in 0..<dy.count {
                var dot: Float = 0
                for j in 0..<c { dot += dy.values[r * c + j] * y.values[r * c + j] }
                for j in 0..<c { dx.values[r * c + j] = y.values[r * c + j] * (dy.values[r * c + j] - dot) }
            }
        }
        return dx
    }
}

/// Softmax of each row of a row-major matrix, in place (shifted by the row's maximum).
func softmaxRows(_ v: inout [Float], columns c: Int) {
    guard c > 0 else { return }
    for r in 0..<(v.count / c) {
        var top = -Float.infinity
        for j in 0..<c { top = max(top, v[r * c + j]) }
        var sum: Float = 0
        for j in 0..<c {
            let e = exp(v[r * c + j] - top)
            v[r * c + j] = e
            sum += e
        }
        for j in 0..<c { v[r * c + j] /= sum }
    }
}

/// Rows of any shape as flat rows (channels last, as Keras flattens).
final class FlattenLayer: Layer {
    private var input: [Int] = []
    var spec: LayerSpec { .flatten }
    func build(_ input: [Int], _ random: inout NetworkRandom) throws(NetworkError) -> [Int] {
        self.input = input
        return [input.reduce(1, *)]
    }
    func forward(_ x: Tensor, training: Bool, _ random: inout NetworkRandom) -> Tensor {
        Tensor(count: x.count, shape: [x.rowSize], values: x.values)
    }
    func backward(_ dy: Tensor) -> Tensor { Tensor(count: dy.count, shape: input, values: dy.values) }
}

/// Sets a fraction `rate` of the values to zero while training and scales the others by
/// 1 / (1 - rate) (inverted dropout, as Keras); does nothing when predicting.
final class DropoutLayer: Layer {
    let rate: Float
    private var mask: [Float] = []
    init(rate: Float) { self.rate = rate }
    var spec: LayerSpec { .dropout(rate: Double(rate)) }
    func build(_ input: [Int], _ random: inout NetworkRandom) throws(NetworkError) -> [Int] { input }
    func forward(_ x: Tensor, training: Bool, _ random: inout NetworkRandom) -> Tensor {
        guard training, rate > 0 else { return x }
        let keep = 1 / (1 - rate)
        mask = x.values.indices.map { _ in random.uniform(0, 1) < rate ? 0 : keep }
        var y = x
        for i in y.values.indices { y.values[i] *= mask[i] }
        return y
    }
    func backward(_ dy: Tensor) -> Tensor {
        guard rate > 0 else { return dy }
        var dx = dy
        for i in dx.values.indices { dx.values[i] *= mask[i] }
        return dx
    }
}

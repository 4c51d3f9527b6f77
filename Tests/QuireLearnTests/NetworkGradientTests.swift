import Foundation
import Testing

@testable import QuireLearn

/// Every layer's backward pass against central finite differences of its forward pass, and the
/// whole network's gradient of the loss. float32 arithmetic: steps of 1e-2 and a relative
/// tolerance of 2e-2, with inputs kept away from the kinks of relu and max (a step that crosses
/// one would make the difference quotient meaningless).
@Suite struct NetworkGradientTests {
    /// Values in [-1, 1), each at least `gap` from zero and from one another when `spread`.
    static func input(_ count: Int, seed: UInt32, spread: Bool = false) -> [Float] {
        var random = NetworkRandom(seed: seed)
        if spread {
            // Distinct values 0.1 apart, shuffled: no two within a step of each other.
            let order = random.permutation(count)
            return order.map { Float($0 - count / 2) * 0.1 + 0.05 }
        }
        return (0..<count).map { _ in
            let v = random.uniform(-1, 1)
            return v < 0 ? v - 0.1 : v + 0.1
        }
    }

    /// L = sum(forward(x) * r): checks dL/dx and dL/dweights of one layer.
    func check(_ spec: LayerSpec, shape: [Int], count: Int = 2, spread: Bool = false) throws {
        let layer = spec.make()
        var random = NetworkRandom(seed: 3)
        let outShape = try layer.build(shape, &random)
        let size = shape.reduce(1, *)
        let x = Tensor(count: count, shape: shape, values: Self.input(count * size, seed: 5, spread: spread))
        let r = Self.input(count * outShape.reduce(1, *), seed: 7)
        func loss(_ x: Tensor) -> Double {
            var rng = NetworkRandom(seed: 11)  // the same dropout mask every time
            let y = layer.forward(x, training: true, &rng)
            return zip(y.values, r).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        _ = loss(x)
        let dx = layer.backward(Tensor(count: count, shape: outShape, values: r))
        let grads = layer.weights.map(\.grad)
        let eps: Float = 1e-2
        for i in x.values.indices {
            var plus = x, minus = x
            plus.values[i] += eps
            minus.values[i] -= eps
            let numeric = (loss(plus) - loss(minus)) / Double(2 * eps)
            #expect(abs(numeric - Double(dx.values[i])) <= 2e-2 * max(1, abs(numeric)), "\(spec.text): dx[\(i)] \(numeric) vs \(dx.values[i])")
        }
        for (k, w) in layer.weights.enumerated() {
            for i in w.value.indices {
                let saved = w.value[i]
                w.value[i] = saved + eps
                let up = loss(x)
                w.value[i] = saved - eps
                let down = loss(x)
                w.value[i] = saved
                let numeric = (up - down) / Double(2 * eps)
                #expect(abs(numeric - Double(grads[k][i])) <= 2e-2 * max(1, abs(numeric)), "\(spec.text): weight \(k)[\(i)] \(numeric) vs \(grads[k][i])")
            }
        }
    }

    @Test func dense() throws { try check(.dense(units: 3), shape: [4]) }
    @Test func convSame() throws { try check(.conv2d(filters: 2, kernel: 3, stride: 1, same: true), shape: [4, 4, 2]) }
    @Test func convValidStrided() throws { try check(.conv2d(filters: 3, kernel: 2, stride: 2, same: false), shape: [5, 5, 1]) }
    @Test func convSameStrided() throws { try check(.conv2d(filters: 2, kernel: 3, stride: 2, same: true), shape: [5, 4, 1]) }
    @Test func maxPool() throws { try check(.maxPool(size: 2), shape: [4, 5, 2], spread: true) }
    @Test func avgPool() throws { try check(.avgPool(size: 2), shape: [4, 4, 2]) }
    @Test func flatten() throws { try check(.flatten, shape: [2, 3, 2]) }
    @Test func dropout() throws { try check(.dropout(rate: 0.4), shape: [6]) }
    @Test func batchNormFlat() throws { try check(.batchNorm, shape: [3], count: 4) }
    @Test func batchNormImages() throws { try check(.batchNorm, shape: [2, 2, 3], count: 2) }
    @Test func relu() throws { try check(.relu, shape: [5]) }
    @Test func tanh() throws { try check(.tanh, shape: [5]) }
    @Test func sigmoid() throws { try check(.sigmoid, shape: [5]) }
    @Test func softmax() throws { try check(.softmax, shape: [4]) }

    /// The gradient of the mean cross-entropy through a whole network, with respect to every
    /// weight (softmax at the end is folded into the loss).
    @Test func wholeNetwork() throws {
        let net = try Sequential([.conv2d(filters: 2, kernel: 3, stride: 1, same: true), .tanh, .avgPool(size: 2), .flatten,
                                  .batchNorm, .dense(units: 3), .softmax])
        try net.build([4, 4, 1], seed: 1)
        let x = Tensor(count: 3, shape: [4, 4, 1], values: Self.input(48, seed: 2))
        let y = [0, 2, 1]
        func loss() -> Double {
            var s = net.scores(x, training: true)
            return net.softmaxCrossEntropy(&s, y).0
        }
        var s = net.scores(x, training: true)
        _ = net.softmaxCrossEntropy(&s, y)
        var grad = s
        for layer in net.layers.dropLast().reversed() { grad = layer.backward(grad) }
        let eps: Float = 2e-3
        for w in net.layers.flatMap(\.weights) {
            let analytic = w.grad
            for i in w.value.indices {
                let saved = w.value[i]
                w.value[i] = saved + eps
                let up = loss()
                w.value[i] = saved - eps
                let down = loss()
                w.value[i] = saved
                let numeric = (up - down) / Double(2 * eps)
                #expect(abs(numeric - Double(analytic[i])) <= 2e-2 * max(0.05, abs(numeric)) + 1e-3, "\(numeric) vs \(analytic[i])")
            }
        }
    }
}

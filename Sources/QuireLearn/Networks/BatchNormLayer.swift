/// Batch normalisation over the last axis (the features of flat rows, the channels of images),
/// as Keras' BatchNormalization: batch statistics while training, moving averages (momentum
/// 0.99, epsilon 0.001) when predicting.
final class BatchNormLayer: Layer {
    static let momentum: Float = 0.99
    static let epsilon: Float = 1e-3
    let gamma = Weights([])
    let beta = Weights([])
    private(set) var movingMean: [Float] = []
    private(set) var movingVariance: [Float] = []
    private var features = 0
    private var normalized: [Float] = []
    private var inverseStd: [Float] = []

    var spec: LayerSpec { .batchNorm }
    var weights: [Weights] { [gamma, beta] }
    var state: [[Float]] {
        get { [gamma.value, beta.value, movingMean, movingVariance] }
        set {
            guard newValue.count == 4 else { return }
            (gamma.value, beta.value, movingMean, movingVariance) = (newValue[0], newValue[1], newValue[2], newValue[3])
        }
    }

    func build(_ input: [Int], _ random: inout NetworkRandom) throws(NetworkError) -> [Int] {
        features = input.last ?? 1
        _ = try LayerSize.weights(spec, [2, features])  // scale and shift; the moving statistics alike
        gamma.value = [Float](repeating: 1, count: features)
        beta.value = [Float](repeating: 0, count: features)
        gamma.grad = beta.value
        beta.grad = beta.value
        movingMean = beta.value
        movingVariance = gamma.value
        return input
    }

    func forward(_ x: Tensor, training: Bool, _ random: inout NetworkRandom) -> Tensor {
        let f = features, rows = x.values.count / max(f, 1)
        var y = x
        if !training {
            for r in 0..<rows {
                for j in 0..<f {
                    let v = (x.values[r * f + j] - movingMean[j]) / (movingVariance[j] + Self.epsilon).squareRoot()
                    y.values[r * f + j] = gamma.value[j] * v + beta.value[j]
                }
            }
            return y
        }
        var mean = [Float](repeating: 0, count: f), variance = mean
        for r in 0..<rows { for j in 0..<f { mean[j] += x.values[r * f + j] } }
        for j in 0..<f { mean[j] /= Float(rows) }
        for r in 0..<rows {
            for j in 0..<f {
                let d = x.values[r * f + j] - mean[j]
                variance[j] += d * d
            }
        }
        for j in 0..<f { variance[j] /= Float(rows) }
        inverseStd = variance.map { 1 / ($0 + Self.epsilon).squareRoot() }
        normalized = x.values
        for r in 0..<rows {
            for j in 0..<f {
                let v = (x.values[r * f + j] - mean[j]) * inverseStd[j]
                normalized[r * f + j] = v
                y.values[r * f + j] = gamma.value[j] * v + beta.value[j]
            }
        }
        for j in 0..<f {
            movingMean[j] = movingMean[j] * Self.momentum + mean[j] * (1 - Self.momentum)
            movingVariance[j] = movingVariance[j] * Self.momentum + variance[j] * (1 - Self.momentum)
        }
        return y
    }

    func backward(_ dy: Tensor) -> Tensor {
        let f = features, rows = dy.values.count / max(f, 1)
        var sumDy = [Float](repeating: 0, count: f), sumDyX = sumDy
        for r in 0..<rows {
            for j in 0..<f {
                sumDy[j] += dy.values[r * f + j]
                sumDyX[j] += dy.values[r * f + j] * normalized[r * f + j]
            }
        }
        gamma.grad = sumDyX
        beta.grad = sumDy
        var dx = dy
        let m = Float(rows)
        for r in 0..<rows {
            for j in 0..<f {
                let i = r * f + j
                dx.values[i] = gamma.value[j] * inverseStd[j] / m * (m * dy.values[i] - sumDy[j] - normalized[i] * sumDyX[j])
            }
        }
        return dx
    }
}

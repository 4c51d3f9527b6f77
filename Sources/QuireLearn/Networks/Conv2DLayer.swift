import QuireArray
import QuireSupport

/// A 2-D convolution on channels-last images, as Keras' Conv2D: `filters` kernels of
/// `kernel x kernel x channels`, moved by `stride`, with zero padding ("same", as TensorFlow
/// pads: the extra row or column at the bottom and right) or none ("valid"). Computed as one
/// matrix product per batch over the unfolded patches (im2col).
final class Conv2DLayer: Layer {
    let filters: Int, kernel: Int, stride: Int, same: Bool
    /// Filters x (kernel rows, kernel columns, channels), row-major.
    let kernelWeights = Weights([])
    let bias = Weights([])
    private var h = 0, w = 0, c = 0, outH = 0, outW = 0, padTop = 0, padLeft = 0
    /// The unfolded patches of the last training batch: (rows x outH x outW) x patch size.
    private var columns: [Float] = []

    init(filters: Int, kernel: Int, stride: Int, same: Bool) {
        self.filters = filters
        self.kernel = kernel
        self.stride = stride
        self.same = same
    }

    var spec: LayerSpec { .conv2d(filters: filters, kernel: kernel, stride: stride, same: same) }
    var weights: [Weights] { [kernelWeights, bias] }
    private var patch: Int { kernel * kernel * c }
    var scratchPerRow: Int { Memory.elementCount([outH, outW, patch]) ?? Int.max }

    func build(_ input: [Int], _ random: inout NetworkRandom) throws(NetworkError) -> [Int] {
        guard input.count == 3 else {
            throw .shapeMismatch(layer: 0, name: spec.text, expected: "images (height, width, channels)", got: input)
        }
        (h, w, c) = (input[0], input[1], input[2])
        let count = try LayerSize.weights(spec, [filters, kernel, kernel, c])
        if same {
            // ceil(h / stride), and the padding that centres the kernels, without overflow for
            // any sizes the user gives.
            outH = h / stride + (h % stride == 0 ? 0 : 1)
            outW = w / stride + (w % stride == 0 ? 0 : 1)
            padTop = max((outH - 1) * stride - h + kernel, 0) / 2
            padLeft = max((outW - 1) * stride - w + kernel, 0) / 2
        } else {
            guard h >= kernel, w >= kernel else {
                throw .shapeMismatch(layer: 0, name: spec.text, expected: "images of at least \(kernel) x \(kernel) pixels", got: input)
            }
            outH = (h - kernel) / stride + 1
            outW = (w - kernel) / stride + 1
            (padTop, padLeft) = (0, 0)
        }
        kernelWeights.value = random.glorot(count: count, fanIn: patch, fanOut: kernel * kernel * filters)
        kernelWeights.grad = [Float](repeating: 0, count: count)
        bias.value = [Float](repeating: 0, count: filters)
        bias.grad = bias.value
        return [outH, outW, filters]
    }

    func forward(_ x: Tensor, training: Bool, _ random: inout NetworkRandom) -> Tensor {
        let n = x.count, m = n * outH * outW
        let cols = unfold(x.values, count: n)
        var y = [Float](repeating: 0, count: m * filters)
        for r in 0..<m { for f in 0..<filters { y[r * filters + f] = bias.value[f] } }
        Gemm.multiply(.plain, .transposed, m: m, n: filters, k: patch, a: cols, lda: patch, b: kernelWeights.value, ldb: patch,
            beta: 1, c: &y, ldc: filters)
        if training { columns = cols }
        return Tensor(count: n, shape: [outH, outW, filters], values: y)
    }

    func backward(_ dy: Tensor) -> Tensor {
        let n = dy.count, m = n * outH * outW
        Gemm.multiply(.transposed, .plain, m: filters, n: patch, k: m, a: dy.values, lda: filters, b: columns, ldb: patch,
            c: &kernelWeights.grad, ldc: patch)
        columnSums(dy.values, rows: m, columns: filters, into: &bias.grad)
        var dcols = [Float](repeating: 0, count: m * patch)
        Gemm.multiply(m: m, n: patch, k: filters, a: dy.values, lda: filters, b: kernelWeights.value, ldb: patch, c: &dcols, ldc: patch)
        return Tensor(count: n, shape: [h, w, c], values: fold(dcols, count: n))
    }

    /// The patch under each output pixel as a row (kernel row, kernel column, channel), zeros
    /// outside the image.
    private func unfold(_ x: [Float], count n: Int) -> [Float] {
        let p = patch
        var cols = [Float](repeating: 0, count: n * outH * outW * p)
        cols.withUnsafeMutableBufferPointer { out in
            x.withUnsafeBufferPointer { src in
                var row = 0
                for img in 0..<n {
                    let base = img * h * w * c
                    for oy in 0..<outH {
                        for ox in 0..<outW {
                            var t = row * p
                            for ky in 0..<kernel {
                                let iy = oy * stride + ky - padTop
                                for kx in 0..<kernel {
                                    let ix = ox * stride + kx - padLeft
                                    if iy >= 0, iy < h, ix >= 0, ix < w {
                                        let s = base + (iy * w + ix) * c
                                        for ch in 0..<c { out[t + ch] = src[s + ch] }
                                    }
                                    t += c
                                }
                            }
                            row += 1
                        }
                    }
                }
            }
        }
        return cols
    }

    /// The inverse of `unfold` for gradients: each patch value added back to its pixel.
    private func fold(_ cols: [Float], count n: Int) -> [Float] {
        let p = patch
        var x = [Float](repeating: 0, count: n * h * w * c)
        x.withUnsafeMutableBufferPointer { dst in
            cols.withUnsafeBufferPointer { src in
                var row = 0
                for img in 0..<n {
                    let base = img * h * w * c
                    for oy in 0..<outH {
                        for ox in 0..<outW {
                            var t = row * p
                            for ky in 0..<kernel {
                                let iy = oy * stride + ky - padTop
                                for kx in 0..<kernel {
                                    let ix = ox * stride + kx - padLeft
                                    if iy >= 0, iy < h, ix >= 0, ix < w {
                                        let d = base + (iy * w + ix) * c
                                        for ch in 0..<c { dst[d + ch] += src[t + ch] }
                                    }
                                    t += c
                                }
                            }
                            row += 1
                        }
                    }
                }
            }
        }
        return x
    }
}

/// Max or average pooling over `size x size` windows moved by `size` (Keras' defaults: no
/// padding, a leftover row or column is dropped).
final class PoolLayer: Layer {
    let size: Int
    let isMax: Bool
    private var h = 0, w = 0, c = 0, outH = 0, outW = 0
    /// For max pooling: the input position each output came from (last training batch).
    private var argmax: [Int] = []

    init(size: Int, max: Bool) {
        self.size = size
        self.isMax = max
    }

    var spec: LayerSpec { isMax ? .maxPool(size: size) : .avgPool(size: size) }

    func build(_ input: [Int], _ random: inout NetworkRandom) throws(NetworkError) -> [Int] {
        guard input.count == 3, input[0] >= size, input[1] >= size else {
            throw .shapeMismatch(layer: 0, name: spec.text, expected: "images (height, width, channels) of at least \(size) x \(size) pixels", got: input)
        }
        (h, w, c) = (input[0], input[1], input[2])
        (outH, outW) = (h / size, w / size)
        return [outH, outW, c]
    }

    func forward(_ x: Tensor, training: Bool, _ random: inout NetworkRandom) -> Tensor {
        let n = x.count
        var y = [Float](repeating: 0, count: n * outH * outW * c)
        var arg = isMax ? [Int](repeating: 0, count: y.count) : []
        let scale = 1 / Float(size * size)
        for img in 0..<n {
            for oy in 0..<outH {
                for ox in 0..<outW {
                    for ch in 0..<c {
                        let o = ((img * outH + oy) * outW + ox) * c + ch
                        var best = -Float.infinity, at = 0, sum: Float = 0
                        for ky in 0..<size {
                            for kx in 0..<size {
                                let i = ((img * h + oy * size + ky) * w + ox * size + kx) * c + ch
                                let v = x.values[i]
                                sum += v
                                if v > best || ky + kx == 0 { (best, at) = (v, i) }
                            }
                        }
                        if isMax {
                            y[o] = best
                            arg[o] = at
                        } else {
                            y[o] = sum * scale
                        }
                    }
                }
            }
        }
        if training, isMax { argmax = arg }
        return Tensor(count: n, shape: [outH, outW, c], values: y)
    }

    func backward(_ dy: Tensor) -> Tensor {
        let n = dy.count
        var dx = [Float](repeating: 0, count: n * h * w * c)
        if isMax {
            for (o, g) in dy.values.enumerated() { dx[argmax[o]] += g }
        } else {
            let scale = 1 / Float(size * size)
            for img in 0..<n {
                for oy in 0..<outH {
                    for ox in 0..<outW {
                        for ch in 0..<c {
                            let g = dy.values[((img * outH + oy) * outW + ox) * c + ch] * scale
                            for ky in 0..<size {
                                for kx in 0..<size { dx[((img * h + oy * size + ky) * w + ox * size + kx) * c + ch] += g }
                            }
                        }
                    }
                }
            }
        }
        return Tensor(count: n, shape: [h, w, c], values: dx)
    }
}

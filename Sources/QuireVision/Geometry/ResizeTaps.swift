import Foundation

/// For every output position along one axis, the source positions it reads and their weights,
/// computed as OpenCV's resize does (its coordinate mapping and its fixed-point coefficients).
struct ResizeTaps {
    /// Taps of output `i` are `start[i] ..< start[i + 1]`.
    var start: [Int] = [0]
    var index: [Int] = []
    var weight: [Float] = []
    /// The weights in 1/2048ths (INTER_RESIZE_COEF_SCALE), as OpenCV's uint8 path stores them.
    var fixed: [Int32] = []

    mutating func add(_ i: Int, _ w: Float) {
        index.append(i)
        weight.append(w)
        fixed.append(Int32(max(min((w * 2048).rounded(.toNearestOrEven), 32767), -32768)))
    }

    mutating func close() { start.append(index.count) }

    /// Linear: the output centre `(d + 0.5) * scale - 0.5` between two source pixels, clamped at
    /// the edges. With `area` (INTER_AREA when enlarging), OpenCV's variant of the fraction.
    static func linear(source: Int, destination: Int, area: Bool) -> ResizeTaps {
        var taps = ResizeTaps()
        let inverse = Double(destination) / Double(source)
        let scale = 1 / inverse
        for d in 0..<destination {
            var s: Int
            var f: Float
            if area {
                s = Int((Double(d) * scale).rounded(.down))
                let raw = Float(Double(d + 1) - Double(s + 1) * inverse)
                f = raw <= 0 ? 0 : raw - raw.rounded(.down)
            } else {
                let position = Float((Double(d) + 0.5) * scale - 0.5)
                s = Int(position.rounded(.down))
                f = position - Float(s)
            }
            if s < 0 {
                s = 0
                f = 0
            }
            if s >= source - 1 {
                s = source - 1
                f = 0
            }
            taps.add(s, 1 - f)
            taps.add(min(s + 1, source - 1), f)
            taps.close()
        }
        return taps
    }

    /// Bicubic with OpenCV's A = -0.75 and edge pixels replicated.
    static func cubic(source: Int, destination: Int) -> ResizeTaps {
        var taps = ResizeTaps()
        let scale = Double(source) / Double(destination)
        let a: Float = -0.75
        for d in 0..<destination {
            let position = Float((Double(d) + 0.5) * scale - 0.5)
            let s = Int(position.rounded(.down))
            let x = position - Float(s)
            var c = [Float](repeating: 0, count: 4)
            c[0] = ((a * (x + 1) - 5 * a) * (x + 1) + 8 * a) * (x + 1) - 4 * a
            c[1] = ((a + 2) * x - (a + 3)) * x * x + 1
            c[2] = ((a + 2) * (1 - x) - (a + 3)) * (1 - x) * (1 - x) + 1
            c[3] = 1 - c[0] - c[1] - c[2]
            for k in 0..<4 { taps.add(min(max(s + k - 1, 0), source - 1), c[k]) }
            taps.close()
        }
        return taps
    }

    /// Area averaging when shrinking (OpenCV's computeResizeAreaTab): each output cell covers
    /// `scale` source pixels, partly covered ones weighted by their share.
    static func area(source: Int, destination: Int) -> ResizeTaps {
        var taps = ResizeTaps()
        let scale = Double(source) / Double(destination)
        for d in 0..<destination {
            let fs1 = Double(d) * scale
            let fs2 = fs1 + scale
            let cell = min(scale, Double(source) - fs1)
            var s2 = Int(fs2.rounded(.down))
            s2 = min(s2, source - 1)
            let s1 = min(Int(fs1.rounded(.up)), s2)
            if Double(s1) - fs1 > 1e-3 { taps.add(s1 - 1, Float((Double(s1) - fs1) / cell)) }
            for s in s1..<max(s1, s2) { taps.add(s, Float(1 / cell)) }
            if fs2 - Double(s2) > 1e-3 { taps.add(s2, Float(min(min(fs2 - Double(s2), 1), cell) / cell)) }
            taps.close()
        }
        return taps
    }

    /// Nearest neighbour as OpenCV's INTER_NEAREST: `floor(d * source / destination)`.
    static func nearest(source: Int, destination: Int) -> [Int] {
        let scale = 1 / (Double(destination) / Double(source))
        return (0..<destination).map { min(Int((Double($0) * scale).rounded(.down)), source - 1) }
    }
}

import Foundation

/// A k-d tree built and searched exactly as scikit-learn's `KDTree`, so that neighbours at equal
/// distances come out the same: nodes split at the median of the widest dimension by the
/// C++ standard library's `nth_element` (emulated step by step), children searched nearer first,
/// and a bounded max-heap that keeps the first of equal distances.
struct KDTree: Sendable {
    let data: Matrix
    let leafSize: Int
    let p: Double
    /// The row positions, arranged so each node owns a contiguous range.
    private(set) var order: [Int]
    private var nodeStart: [Int] = []
    private var nodeEnd: [Int] = []
    private var nodeIsLeaf: [Bool] = []
    private var lower: [Double] = []
    private var upper: [Double] = []

    init(_ data: Matrix, leafSize: Int, p: Double) {
        self.data = data
        self.leafSize = leafSize
        self.p = p
        order = Array(0..<data.rows)
        let ratio = max(1.0, Double(data.rows - 1) / Double(leafSize))
        let levels = Int(log2(ratio)) + 1
        let nodes = (1 << levels) - 1
        nodeStart = [Int](repeating: 0, count: nodes)
        nodeEnd = [Int](repeating: 0, count: nodes)
        nodeIsLeaf = [Bool](repeating: true, count: nodes)
        lower = [Double](repeating: 0, count: nodes * data.cols)
        upper = [Double](repeating: 0, count: nodes * data.cols)
        build(node: 0, start: 0, end: data.rows)
    }

    private mutating func build(node: Int, start: Int, end: Int) {
        let d = data.cols
        nodeStart[node] = start
        nodeEnd[node] = end
        for j in 0..<d {
            lower[node * d + j] = .infinity
            upper[node * d + j] = -.infinity
        }
        for i in start..<end {
            for j in 0..<d {
                let v = data[order[i], j]
                lower[node * d + j] = min(lower[node * d + j], v)
                upper[node * d + j] = max(upper[node * d + j], v)
            }
        }
        if 2 * node + 1 >= nodeStart.count || end - start < 2 {
            nodeIsLeaf[node] = true
            return
        }
        nodeIsLeaf[node] = false
        let mid = (start + end) / 2
        var splitDim = 0, maxSpread = 0.0
        for j in 0..<d {
            let spread = upper[node * d + j] - lower[node * d + j]
            if spread > maxSpread {
                maxSpread = spread
                splitDim = j
            }
        }
        let data = self.data
        let cols = data.cols
        NthElement.select(&order, start, mid, end) { a, b in
            let va = data.values[a * cols + splitDim], vb = data.values[b * cols + splitDim]
            return va == vb ? a < b : va < vb
        }
        build(node: 2 * node + 1, start: start, end: mid)
        build(node: 2 * node + 2, start: mid, end: end)
    }

    /// The reduced distance (the p-th power of the Minkowski distance) between two rows.
    @inline(__always) func reducedDistance(_ x: ArraySlice<Double>, _ row: Int) -> Double {
        var sum = 0.0
        let base = row * data.cols
        var j = base
        for v in x {
            let diff = v - data.values[j]
            sum += p == 2 ? diff * diff : (p == 1 ? abs(diff) : pow(abs(diff), p))
            j += 1
        }
        return sum
    }

    private func minReducedDistance(_ node: Int, _ x: ArraySlice<Double>) -> Double {
        let d = data.cols
        var sum = 0.0
        var j = 0
        for v in x {
            let low = lower[node * d + j] - v
            let high = v - upper[node * d + j]
            let gap = (low + abs(low)) + (high + abs(high))
            sum += p == 2 ? (0.5 * gap) * (0.5 * gap) : pow(0.5 * gap, p)
            j += 1
        }
        return sum
    }

    /// The `k` nearest rows to `x`, nearest first, with their reduced distances.
    func query(_ x: ArraySlice<Double>, k: Int) -> [(distance: Double, index: Int)] {
        var heap = NeighborHeap(size: k)
        search(node: 0, x, &heap, bound: minReducedDistance(0, x))
        return heap.sorted()
    }

    private func search(node: Int, _ x: ArraySlice<Double>, _ heap: inout NeighborHeap, bound: Double) {
        if bound > heap.largest { return }
        if nodeIsLeaf[node] {
            for i in nodeStart[node]..<nodeEnd[node] {
                heap.push(reducedDistance(x, order[i]), order[i])
            }
            return
        }
        let left = 2 * node + 1, right = left + 1
        let boundLeft = minReducedDistance(left, x), boundRight = minReducedDistance(right, x)
        if boundLeft <= boundRight {
            search(node: left, x, &heap, bound: boundLeft)
            search(node: right, x, &heap, bound: boundRight)
        } else {
            search(node: right, x, &heap, bound: boundRight)
            search(node: left, x, &heap, bound: boundLeft)
        }
    }
}

/// scikit-learn's bounded max-heap of neighbours: a candidate no nearer than the current
/// farthest is refused, so the first of equal distances stays.
struct NeighborHeap {
    private(set) var values: [Double]
    private(set) var indices: [Int]

    init(size: Int) {
        values = [Double](repeating: .infinity, count: size)
        indices = [Int](repeating: 0, count: size)
    }

    var largest: Double { values[0] }

    mutating func push(_ value: Double, _ index: Int) {
        let size = values.count
        if value >= values[0] { return }
        var i = 0
        while true {
            let c1 = 2 * i + 1, c2 = c1 + 1
            var swap: Int
            if c1 >= size {
                break
            } else if c2 >= size {
                if values[c1] > value { swap = c1 } else { break }
            } else if values[c1] >= values[c2] {
                if value < values[c1] { swap = c1 } else { break }
            } else {
                if value < values[c2] { swap = c2 } else { break }
            }
            values[i] = values[swap]
            indices[i] = indices[swap]
            i = swap
        }
        values[i] = value
        indices[i] = index
    }

    /// The neighbours nearest first (equal distances by position, for a stable result).
    func sorted() -> [(distance: Double, index: Int)] {
        zip(values, indices).map { (distance: $0, index: $1) }.sorted {
            $0.distance == $1.distance ? $0.index < $1.index : $0.distance < $1.distance
        }
    }
}

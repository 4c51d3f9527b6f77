import Foundation
import QuireSupport

/// k-nearest neighbours with scikit-learn's choice of search (k-d tree, or brute force above
/// `bruteForceFeatureCount` features), its neighbour order on equal distances, and its votes:
/// the smallest label among equally voted classes.
public struct KNeighborsClassifier: Classifier, Configurable {
    /// scikit-learn's `algorithm="auto"` searches by brute force above this many features,
    /// where a tree stops paying off.
    static let bruteForceFeatureCount = 15

    public static let declaredSettings = [
        Setting("n_neighbors", .int(min: 1), .int(5), doc: "How many nearest training rows vote."),
        Setting("weights", .choice(["uniform", "distance"]), .string("uniform"),
            doc: "\"uniform\": every neighbour counts the same; \"distance\": nearer ones count more."),
        Setting("leaf_size", .int(min: 1), .int(30), doc: "Rows in a leaf of the k-d tree."),
        Setting("p", .wholeOrNumber(min: 1), .int(2), doc: "The Minkowski power: 2 is Euclidean, 1 is Manhattan distance."),
    ]
    public var settings = Settings(Self.declaredSettings)
    var nNeighbors: Int { settings.int("n_neighbors") }
    var weights: String { settings.string("weights") }
    var p: Double { settings.double("p") }

    public private(set) var classes: [Double]?
    var training: Matrix?
    var codes: [Int] = []
    var tree: KDTree?
    /// The features of largest spread, for the brute-force search's early rejection.
    var screeningFeatures: [Int] = []

    public init() {}

    /// A classifier with these settings (for tests; the language sets them through `set`).
    public init(nNeighbors: Int = 5, weights: String = "uniform", leafSize: Int = 30, p: Double = 2) {
        try? settings.set("n_neighbors", .int(nNeighbors))
        try? settings.set("weights", .string(weights))
        try? settings.set("leaf_size", .int(leafSize))
        try? settings.set("p", .double(p))
    }

    public var estimatorName: String { "KNeighborsClassifier" }

    public mutating func fit(_ x: Matrix, _ y: [Double]) throws {
        let classes = try checkTrainingData(x, y, needsTwoClasses: false)
        guard nNeighbors <= x.rows else { throw LearnError.tooManyNeighbors(requested: nNeighbors, samples: x.rows) }
        codes = classCodes(y, classes: classes)
        training = x
        let brute = x.cols > Self.bruteForceFeatureCount || nNeighbors >= x.rows / 2
        tree = brute ? nil : KDTree(x, leafSize: settings.int("leaf_size"), p: p)
        screeningFeatures = brute ? Self.widestFeatures(x) : []
        self.classes = classes
    }

    /// The neighbours of one row: positions in the training set and distances, nearest first.
    func neighbors(of row: ArraySlice<Double>) -> [(distance: Double, index: Int)] {
        let reduced: [(distance: Double, index: Int)]
        if let tree {
            reduced = tree.query(row, k: nNeighbors)
        } else {
            reduced = bruteForce(row)
        }
        return reduced.map { (distance: p == 2 ? $0.distance.squareRoot() : pow($0.distance, 1 / p), index: $0.index) }
    }

    /// How many of the widest features the brute-force search sums first to reject far rows.
    static let screeningCount = 4
    /// A screened partial sum must exceed the current k-th distance by this factor to reject a
    /// row, so rounding in the partial sum can never reject a row the full sum would keep.
    static let screeningMargin = 1 + 1e-9

    /// The features of largest variance, widest first.
    static func widestFeatures(_ x: Matrix) -> [Int] {
        let variances = (0..<x.cols).map { j -> Double in
            var s = 0.0, s2 = 0.0
            for i in 0..<x.rows { s += x[i, j]; s2 += x[i, j] * x[i, j] }
            let m = s / Double(x.rows)
            return s2 / Double(x.rows) - m * m
        }
        return Array(variances.indices.sorted { variances[$0] > variances[$1] }.prefix(screeningCount))
    }

    /// Every training row against `row`, in order, into scikit-learn's bounded heap. A row whose
    /// distance over the widest features alone already exceeds the k-th nearest is skipped: the
    /// heap would refuse it anyway. Distances that count are summed in feature order.
    func bruteForce(_ row: ArraySlice<Double>) -> [(distance: Double, index: Int)] {
        let data = training!
        let d = data.cols
        var heap = NeighborHeap(size: nNeighbors)
        let query = Array(row)
        let screen = screeningFeatures
        let power = p
        data.values.withUnsafeBufferPointer { values in
            for i in 0..<data.rows {
                let base = i * d
                let bound = heap.largest
                if bound.isFinite {
                    var partial = 0.0
                    for j in screen {
                        let diff = query[j] - values[base + j]
                        partial += power == 2 ? diff * diff : pow(abs(diff), power)
                    }
                    if partial > bound * Self.screeningMargin { continue }
                }
                var sum = 0.0
                for j in 0..<d {
                    let diff = query[j] - values[base + j]
                    sum += power == 2 ? diff * diff : pow(abs(diff), power)
                }
                heap.push(sum, i)
            }
        }
        return heap.sorted()
    }

    public func predictProba(_ x: Matrix) throws -> Matrix {
        guard let classes, let training else { throw LearnError.notFitted(model: estimatorName) }
        try x.checkColumns(training.cols)
        let k = classes.count
        var out = [Double](repeating: 0, count: x.rows * k)
        let rows = x.rows
        out.withUnsafeMutableBufferPointer { buffer in
            let base = UncheckedSendableBuffer(buffer)
            Parallel.forEach(rows) { _, range in
                for i in range {
                    if Cancellation.isCancelled { break }
                    let found = neighbors(of: x.row(i))
                    var votes = [Double](repeating: 0, count: k)
                    if weights == "distance", found.contains(where: { $0.distance == 0 }) {
                        for n in found where n.distance == 0 { votes[codes[n.index]] += 1 }
                    } else {
                        for n in found { votes[codes[n.index]] += weights == "distance" ? 1 / n.distance : 1 }
                    }
                    let total = votes.reduce(0, +)
                    for c in 0..<k { base[i * k + c] = votes[c] / total }
                }
            }
        }
        return Matrix(rows: x.rows, cols: k, values: out)
    }

    public func predict(_ x: Matrix) throws -> [Double] { try predictByProbability(x) }
}

extension KNeighborsClassifier: Savable {
    enum CodingKeys: String, CodingKey { case settings, classes, training, codes }

    /// Reads a saved model; the k-d tree is built again from the training rows.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        settings = try c.decode(Settings.self, forKey: .settings)
        if let classes = try c.decodeIfPresent([Double].self, forKey: .classes),
            let training = try c.decodeIfPresent(Matrix.self, forKey: .training)
        {
            try fit(training, try c.decode([Int].self, forKey: .codes).map { classes[$0] })
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(settings, forKey: .settings)
        try c.encodeIfPresent(classes, forKey: .classes)
        try c.encodeIfPresent(training, forKey: .training)
        try c.encode(codes, forKey: .codes)
    }
}

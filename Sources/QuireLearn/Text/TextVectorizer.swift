import Foundation
import QuireSupport

/// scikit-learn's `CountVectorizer` and `TfidfVectorizer` (`tfidf` true), with their names,
/// defaults and exact values: the vocabulary sorted as Python sorts strings (by code point),
/// counts stored in the order scikit-learn stores them, and TF-IDF computed in the same steps
/// (sublinear tf, times idf, then the row norm).
public struct TextVectorizer: Sendable {
    /// A document-frequency bound: a count of documents (an int) or a share of them (a float).
    public enum DocumentBound: Sendable, Equatable {
        case count(Int)
        case share(Double)

        func documents(_ n: Int) -> Double {
            switch self {
            case .count(let c): Double(c)
            case .share(let s): s * Double(n)
            }
        }
    }

    public enum Norm: String, Sendable { case l1, l2 }

    public let tfidf: Bool
    public var lowercase = true
    public var tokenPattern = TextTokenizer.defaultPattern
    public var ngramRange = (min: 1, max: 1)
    /// nil: keep every token; "english": scikit-learn's list.
    public var stopWords: Set<String>?
    public var maxDF = DocumentBound.share(1.0)
    public var minDF = DocumentBound.count(1)
    public var maxFeatures: Int?
    public var binary = false
    public var dtype: SparseMatrix.ElementType
    public var norm: Norm? = .l2
    public var useIdf = true
    public var smoothIdf = true
    public var sublinearTf = false

    /// Term to column, after fit.
    public private(set) var vocabulary: [String: Int]?
    /// The terms in column order (scikit-learn's `get_feature_names_out()`).
    public private(set) var features: [String] = []
    /// One inverse document frequency per column (TF-IDF with use_idf only), after fit.
    public private(set) var idf: [Double]?

    public init(tfidf: Bool) {
        self.tfidf = tfidf
        dtype = tfidf ? .float64 : .int64
    }

    public var estimatorName: String { tfidf ? "TfidfVectorizer" : "CountVectorizer" }

    /// Checks the settings as scikit-learn does before fitting.
    func validated() throws -> TextTokenizer {
        guard ngramRange.min >= 1, ngramRange.min <= ngramRange.max else {
            throw TextError.badNgramRange(ngramRange.min, ngramRange.max)
        }
        return try TextTokenizer(pattern: tokenPattern, lowercase: lowercase)
    }

    /// The terms of one document: tokens without stop words, then word n-grams joined by a space
    /// (scikit-learn's `_word_ngrams`).
    func analyze(_ text: String, _ tokenizer: TextTokenizer) -> [String] {
        var tokens = tokenizer.tokens(text)
        if let stopWords { tokens.removeAll { stopWords.contains($0) } }
        let (lo, hi) = ngramRange
        guard hi > 1 else { return tokens }
        var out: [String] = lo == 1 ? tokens : []
        let n = tokens.count
        var k = max(lo, 2)
        while k <= min(hi, n) {
            for i in 0...(n - k) { out.append(tokens[i..<(i + k)].joined(separator: " ")) }
            k += 1
        }
        return out
    }

    /// Learns the vocabulary (and the idf) from `documents`.
    public mutating func fit(_ documents: [String]) throws {
        _ = try fitTransform(documents)
    }

    /// Learns the vocabulary and returns the documents' matrix, as scikit-learn's fit_transform
    /// (whose rows keep the order in which terms were first seen; transform's rows are sorted).
    public mutating func fitTransform(_ documents: [String]) throws -> SparseMatrix {
        let tokenizer = try validated()
        let n = documents.count
        let maxCount = maxDF.documents(n), minCount = minDF.documents(n)
        // scikit-learn checks the bounds after counting; an empty vocabulary is reported first.
        var seen: [String: Int] = [:]
        var order: [String] = []
        var indptr = [0]
        indptr.reserveCapacity(n + 1)
        var indices: [Int32] = [], data: [Double] = []
        var counter: [Int: Int] = [:]
        for (d, doc) in documents.enumerated() {
            if d & 255 == 0 { try Cancellation.check() }
            counter.removeAll(keepingCapacity: true)
            for term in analyze(doc, tokenizer) {
                let id: Int
                if let known = seen[term] {
                    id = known
                } else {
                    id = order.count
                    seen[term] = id
                    order.append(term)
                }
                counter[id, default: 0] += 1
            }
            for (id, c) in counter.sorted(by: { $0.key < $1.key }) {
                indices.append(Int32(id))
                data.append(binary ? 1 : Double(c))
            }
            indptr.append(indices.count)
        }
        guard !order.isEmpty else { throw TextError.emptyVocabulary }
        guard maxCount >= minCount else { throw TextError.maxDFBelowMinDF(maxCount: maxCount, minCount: minCount) }
        // Columns sorted by term, as Python sorts strings: by code point.
        let sortedIDs = (0..<order.count).sorted { Self.precedes(order[$0], order[$1]) }
        var keep = [Bool](repeating: true, count: order.count)
        let counts = SparseMatrix(rows: n, cols: order.count, indptr: indptr, indices: indices, data: data, dtype: dtype)
        var df = [Int](repeating: 0, count: order.count)
        for i in indices { df[Int(i)] += 1 }
        for id in 0..<order.count where Double(df[id]) > maxCount || Double(df[id]) < minCount { keep[id] = false }
        if let limit = maxFeatures, keep.filter({ $0 }).count > limit {
            // The `limit` most frequent terms (total count); ties keep the earlier term in sorted
            // order (scikit-learn's unstable argsort may break ties otherwise).
            let totals = counts.columnSums()
            let candidates = sortedIDs.filter { keep[$0] }
            let ranked = candidates.enumerated().sorted { a, b in
                totals[a.element] != totals[b.element] ? totals[a.element] > totals[b.element] : a.offset < b.offset
            }
            keep = [Bool](repeating: false, count: order.count)
            for (_, id) in ranked.prefix(limit) { keep[id] = true }
        }
        var column = [Int](repeating: -1, count: order.count)
        var names: [String] = []
        for id in sortedIDs where keep[id] {
            column[id] = names.count
            names.append(order[id])
        }
        guard !names.isEmpty else { throw TextError.noTermsRemain }
        var outPtr = [0], outIdx: [Int32] = [], outData: [Double] = []
        outPtr.reserveCapacity(n + 1)
        outIdx.reserveCapacity(indices.count)
        outData.reserveCapacity(indices.count)
        for i in 0..<n {
            for k in counts.range(i) where column[Int(indices[k])] >= 0 {
                outIdx.append(Int32(column[Int(indices[k])]))
                outData.append(data[k])
            }
            outPtr.append(outIdx.count)
        }
        features = names
        var vocab: [String: Int] = [:]
        vocab.reserveCapacity(names.count)
        for (j, t) in names.enumerated() { vocab[t] = j }
        vocabulary = vocab
        var x = SparseMatrix(rows: n, cols: names.count, indptr: outPtr, indices: outIdx, data: outData, dtype: dtype)
        guard tfidf else { return rounded(x) }
        learnIdf(x)
        weight(&x)
        return rounded(x)
    }

    /// The documents' matrix with the fitted vocabulary; unknown terms are ignored.
    public func transform(_ documents: [String]) throws -> SparseMatrix {
        guard let vocabulary else { throw TextError.notFitted(estimatorName) }
        let tokenizer = try validated()
        var indptr = [0], indices: [Int32] = [], data: [Double] = []
        var counter: [Int: Int] = [:]
        for (d, doc) in documents.enumerated() {
            if d & 255 == 0 { try Cancellation.check() }
            counter.removeAll(keepingCapacity: true)
            for term in analyze(doc, tokenizer) {
                if let j = vocabulary[term] { counter[j, default: 0] += 1 }
            }
            for (j, c) in counter.sorted(by: { $0.key < $1.key }) {
                indices.append(Int32(j))
                data.append(binary ? 1 : Double(c))
            }
            indptr.append(indices.count)
        }
        var x = SparseMatrix(rows: documents.count, cols: features.count, indptr: indptr, indices: indices, data: data, dtype: dtype)
        if tfidf { weight(&x) }
        return rounded(x)
    }

    /// scikit-learn's TfidfTransformer.fit: idf = ln((n + s) / (df + s)) + 1, s = 1 with smooth_idf.
    private mutating func learnIdf(_ x: SparseMatrix) {
        guard useIdf else { idf = nil; return }
        var df = [Double](repeating: 0, count: x.cols)
        for j in x.indices { df[Int(j)] += 1 }
        let s = smoothIdf ? 1.0 : 0.0
        let n = Double(x.rows) + s
        idf = df.map { single(log(n / single($0 + s)) + 1) }
    }

    /// scikit-learn's TfidfTransformer.transform: sublinear tf, times idf, then each row's norm.
    private func weight(_ x: inout SparseMatrix) {
        if sublinearTf { for k in 0..<x.data.count { x.data[k] = single(log(x.data[k]) + 1) } }
        if let idf { for k in 0..<x.data.count { x.data[k] = single(x.data[k] * idf[Int(x.indices[k])]) } }
        guard let norm else { return }
        for i in 0..<x.rows {
            let r = x.range(i)
            var total = 0.0
            switch norm {
            case .l2:
                for k in r { total += x.data[k] * x.data[k] }
                total = total.squareRoot()
            case .l1:
                for k in r { total += abs(x.data[k]) }
            }
            guard total != 0 else { continue }
            for k in r { x.data[k] = single(x.data[k] / total) }
        }
    }

    /// A value as the dtype holds it (float32 rounds each step, as numpy's float32 arithmetic).
    @inline(__always) private func single(_ v: Double) -> Double { dtype == .float32 ? Double(Float(v)) : v }

    private func rounded(_ x: SparseMatrix) -> SparseMatrix {
        guard dtype == .float32 else { return x }
        var x = x
        for k in 0..<x.data.count { x.data[k] = Double(Float(x.data[k])) }
        return x
    }

    /// Python's string order: code point by code point.
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    /// scikit-learn's repr: the class name and the settings that differ from the defaults, by name.
    public var repr: String {
        var changed: [(String, String)] = []
        if binary { changed.append(("binary", "True")) }
        if dtype != (tfidf ? .float64 : .int64) { changed.append(("dtype", "<class 'numpy.\(dtype.rawValue)'>")) }
        if !lowercase { changed.append(("lowercase", "False")) }
        if maxDF != .share(1.0) { changed.append(("max_df", Self.text(maxDF))) }
        if let maxFeatures { changed.append(("max_features", String(maxFeatures))) }
        if minDF != .count(1) { changed.append(("min_df", Self.text(minDF))) }
        if ngramRange != (1, 1) { changed.append(("ngram_range", "(\(ngramRange.min), \(ngramRange.max))")) }
        if tfidf && norm != .l2 { changed.append(("norm", norm.map { "'\($0.rawValue)'" } ?? "None")) }
        if tfidf && !smoothIdf { changed.append(("smooth_idf", "False")) }
        if stopWords != nil { changed.append(("stop_words", "'english'")) }
        if tfidf && sublinearTf { changed.append(("sublinear_tf", "True")) }
        if tokenPattern != TextTokenizer.defaultPattern { changed.append(("token_pattern", "'\(tokenPattern)'")) }
        if tfidf && !useIdf { changed.append(("use_idf", "False")) }
        return estimatorName + "(" + changed.map { "\($0.0)=\($0.1)" }.joined(separator: ", ") + ")"
    }

    private static func text(_ b: DocumentBound) -> String {
        switch b {
        case .count(let c): String(c)
        case .share(let s): formatPythonFloat(s)
        }
    }
}

import Foundation
import QuireLearn
import Testing

/// The review sentences (`notebooks/data/text/`, one `text<TAB>label` per line; quotes are text).
enum Reviews {
    static func load(_ name: String) throws -> (texts: [String], labels: [Double]) {
        let url = TestData.notebookData.appendingPathComponent("text/\(name)")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
        var texts: [String] = [], labels: [Double] = []
        for line in lines {
            let tab = try #require(line.lastIndex(of: "\t"))
            texts.append(String(line[..<tab]))
            labels.append(try #require(Double(line[line.index(after: tab)...])))
        }
        return (texts, labels)
    }

    /// The Amazon sentences split as the walkthrough splits them (test_size=0.25, random_state=42).
    static func amazonSplit() throws -> (train: [String], test: [String], yTrain: [Double], yTest: [Double], split: Split) {
        let (texts, labels) = try load("amazon_cells_labelled.txt")
        let split = try trainTestSplit(nSamples: texts.count, testSize: .fraction(0.25), randomState: 42)
        return (split.train.map { texts[$0] }, split.test.map { texts[$0] }, split.train.map { labels[$0] }, split.test.map { labels[$0] }, split)
    }
}

private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool { abs(a - b) <= tolerance }

/// Against `Tests/Fixtures/reference/text/amazon_tfidf_reference.json` (copied from the
/// project's reference, made by scikit-learn 1.9.1).
@Suite struct AmazonTfidfReferenceTests {
    let reference: [String: Any]
    init() throws { reference = try TestData.json("reference/text/amazon_tfidf_reference.json") }

    @Test func splitAndVocabulary() throws {
        let data = try Reviews.amazonSplit()
        let split = try #require(reference["split"] as? [String: Any])
        #expect(Array(data.split.test.prefix(10)) == (split["test_index_first_10"] as? [Int]))
        var tf = TextVectorizer(tfidf: true)
        let x = try tf.fitTransform(data.train)
        let tfidf = try #require(reference["tfidf"] as? [String: Any])
        #expect(tf.features.count == tfidf["vocabulary_size"] as? Int)
        #expect(x.cols == tf.features.count && x.rows == 750)
        #expect(Array(tf.features.prefix(20)) == (tfidf["first_20_features"] as? [String]))
        let idf = try #require(tfidf["idf_first_5"] as? [Double])
        for (k, v) in idf.enumerated() { #expect(close(tf.idf![k], v), "idf[\(k)]") }
        let row0 = try #require(tfidf["row0"] as? [[Any]])
        let stored = x.range(0).map { (tf.features[Int(x.indices[$0])], x.data[$0]) }.sorted { $0.0 < $1.0 }
        #expect(stored.count == row0.count)
        for (got, want) in zip(stored, row0) {
            #expect(got.0 == want[0] as? String)
            #expect(close(got.1, try #require(want[1] as? Double)), "\(got.0)")
        }
    }

    @Test func logisticRegressionOnTfidf() throws {
        let data = try Reviews.amazonSplit()
        var tf = TextVectorizer(tfidf: true)
        let xTrain = try tf.fitTransform(data.train)
        var lr = LogisticRegression()
        try lr.fit(xTrain, data.yTrain)
        let accuracy = accuracyScore(data.yTest, try lr.predict(try tf.transform(data.test)))
        #expect(accuracy == reference["tfidf_logistic_regression_accuracy"] as? Double)
    }

    @Test func multinomialNBOnCounts() throws {
        let data = try Reviews.amazonSplit()
        var cv = TextVectorizer(tfidf: false)
        var nb = MultinomialNB()
        try nb.fit(try cv.fitTransform(data.train), data.yTrain)
        let accuracy = accuracyScore(data.yTest, try nb.predict(try cv.transform(data.test)))
        #expect(accuracy == reference["count_multinomial_nb_accuracy"] as? Double)
    }
}

/// Against `Tests/Fixtures/reference/text/sklearn_text_variants.json`, made by
/// `make_text_fixtures.py` beside it: the IMDb sentences, which no other test reads, with many
/// settings; and the count models' variants.
@Suite struct TextVariantsTests {
    let reference: [String: Any]
    init() throws { reference = try TestData.json("reference/text/sklearn_text_variants.json") }

    static func vectorizer(_ kind: String, _ params: [String: Any]) throws -> TextVectorizer {
        var v = TextVectorizer(tfidf: kind == "tfidf")
        for (key, value) in params {
            switch key {
            case "ngram_range":
                let r = try #require(value as? [Int])
                v.ngramRange = (r[0], r[1])
            case "stop_words": v.stopWords = StopWords.english
            case "min_df", "max_df":
                // The fixture's counts are whole numbers of at least 1, its shares below 1.
                let n = try #require(value as? Double)
                let bound: TextVectorizer.DocumentBound = n >= 1 && n == n.rounded() ? .count(Int(n)) : .share(n)
                if key == "min_df" { v.minDF = bound } else { v.maxDF = bound }
            case "max_features": v.maxFeatures = value as? Int
            case "binary": v.binary = try #require(value as? Bool)
            case "lowercase": v.lowercase = try #require(value as? Bool)
            case "token_pattern": v.tokenPattern = try #require(value as? String)
            case "sublinear_tf": v.sublinearTf = try #require(value as? Bool)
            case "use_idf": v.useIdf = try #require(value as? Bool)
            case "smooth_idf": v.smoothIdf = try #require(value as? Bool)
            case "norm": v.norm = (value as? String).flatMap(TextVectorizer.Norm.init(rawValue:))
            default: Issue.record("unknown setting \(key)")
            }
        }
        return v
    }

    func check(_ x: SparseMatrix, _ want: [String: Any], _ label: String) throws {
        #expect([x.rows, x.cols] == want["shape"] as? [Int], "\(label) shape")
        #expect(x.nnz == want["nnz"] as? Int, "\(label) nnz")
        let first = try #require(want["first_rows"] as? [String: Any])
        let head = x.selecting(rows: Array(0..<5))
        #expect(head.indptr == first["indptr"] as? [Int], "\(label) indptr")
        #expect(head.indices.map(Int.init) == first["indices"] as? [Int], "\(label) indices (storage order)")
        let data = try #require(first["data"] as? [Double])
        #expect(head.data.count == data.count)
        for (a, b) in zip(head.data, data) where !close(a, b) { Issue.record("\(label) first rows: \(a) != \(b)"); break }
        let rowSums = try #require(want["row_sums"] as? [Double])
        let rowSq = try #require(want["row_sq_sums"] as? [Double])
        for i in 0..<x.rows {
            let r = x.range(i)
            let s = r.reduce(0.0) { $0 + x.data[$1] }, q = r.reduce(0.0) { $0 + x.data[$1] * x.data[$1] }
            if !close(s, rowSums[i], 1e-12 * max(1, abs(s))) || !close(q, rowSq[i], 1e-12 * max(1, abs(q))) {
                Issue.record("\(label) row \(i): sum \(s) vs \(rowSums[i]), squares \(q) vs \(rowSq[i])")
                break
            }
        }
        if let colSums = want["col_sums"] as? [Double] {
            for (j, (a, b)) in zip(x.columnSums(), colSums).enumerated() where !close(a, b, 1e-12 * max(1, abs(b))) {
                Issue.record("\(label) column \(j): \(a) vs \(b)")
                break
            }
        }
    }

    @Test func imdbVectorizers() throws {
        let (texts, _) = try Reviews.load("imdb_labelled.txt")
        let train = Array(texts[..<750]), test = Array(texts[750...])
        let entries = try #require(reference["vectorizers"] as? [[String: Any]])
        #expect(entries.count >= 10)
        for entry in entries {
            let name = try #require(entry["name"] as? String)
            var v = try Self.vectorizer(try #require(entry["kind"] as? String), try #require(entry["params"] as? [String: Any]))
            let x = try v.fitTransform(train)
            #expect(v.features == entry["features"] as? [String], "\(name) features")
            if let idf = entry["idf"] as? [Double] {
                #expect(v.idf?.count == idf.count)
                for (a, b) in zip(v.idf ?? [], idf) where !close(a, b) { Issue.record("\(name) idf \(a) vs \(b)"); break }
            } else {
                #expect(v.idf == nil || v.tfidf == false || v.useIdf, "\(name) has no idf")
            }
            try check(x, try #require(entry["fit_transform"] as? [String: Any]), "\(name) fit_transform")
            try check(try v.transform(test), try #require(entry["transform"] as? [String: Any]), "\(name) transform")
        }
    }

    @Test func countModels() throws {
        let data = try Reviews.amazonSplit()
        var cv = TextVectorizer(tfidf: false)
        let xTrain = try cv.fitTransform(data.train), xTest = try cv.transform(data.test)
        let models = try #require(reference["models"] as? [[String: Any]])
        for entry in models {
            let name = try #require(entry["name"] as? String)
            var model: any SparseClassifier
            switch name {
            case "multinomial_nb": model = MultinomialNB()
            case "multinomial_nb_alpha_0.5_no_prior":
                var m = MultinomialNB()
                try m.set("alpha", .double(0.5))
                try m.set("fit_prior", .bool(false))
                model = m
            case "multinomial_nb_class_prior":
                var m = MultinomialNB()
                m.classPrior = [0.3, 0.7]
                model = m
            case "bernoulli_nb": model = BernoulliNB()
            case "complement_nb": model = ComplementNB()
            case "complement_nb_norm":
                var m = ComplementNB()
                try m.set("norm", .bool(true))
                model = m
            default: continue
            }
            try model.fit(xTrain, data.yTrain)
            let predictions = try model.predict(xTest)
            #expect(accuracyScore(data.yTest, predictions) == entry["accuracy"] as? Double, "\(name) accuracy")
            #expect(predictions.map { Int($0) } == entry["predictions"] as? [Int], "\(name) predictions")
            let proba = try model.predictProba(xTest.selecting(rows: Array(0..<5)))
            let want = try #require(entry["proba_first_5"] as? [[Double]])
            for i in 0..<5 { for c in 0..<2 { #expect(close(proba[i, c], want[i][c], 1e-10), "\(name) proba[\(i), \(c)]") } }
        }
    }

    @Test func logisticRegressionOnImdb() throws {
        let (texts, labels) = try Reviews.load("imdb_labelled.txt")
        var tf = TextVectorizer(tfidf: true)
        var lr = LogisticRegression()
        try lr.fit(try tf.fitTransform(Array(texts[..<750])), Array(labels[..<750]))
        let predictions = try lr.predict(try tf.transform(Array(texts[750...])))
        let entry = try #require((reference["models"] as? [[String: Any]])?.first { $0["name"] as? String == "logistic_regression_imdb_tfidf" })
        #expect(predictions.map { Int($0) } == entry["predictions"] as? [Int])
        #expect(accuracyScore(Array(labels[750...]), predictions) == entry["accuracy"] as? Double)
    }

    @Test func sparseAndDenseLogisticRegressionAgree() throws {
        let data = try Reviews.amazonSplit()
        var tf = TextVectorizer(tfidf: true)
        let x = try tf.fitTransform(Array(data.train.prefix(200)))
        var sparse = LogisticRegression(), dense = LogisticRegression()
        try sparse.fit(x, Array(data.yTrain.prefix(200)))
        try dense.fit(x.dense, Array(data.yTrain.prefix(200)))
        let a = try sparse.predictProba(x), b = try dense.predictProba(x.dense)
        for (u, v) in zip(a.values, b.values) { #expect(close(u, v, 1e-9)) }
    }
}

@Suite struct TextTokenizerTests {
    @Test func pythonWordCharacters() throws {
        let t = try TextTokenizer()
        // Letters of any script and digits with a numeric value are word characters; a single
        // character is not a token; marks (U+0301) and punctuation split words as in Python's re.
        #expect(t.tokens("Ça coûte 10€, naïve ½½ x y_z Straße ٣٣") == ["ça", "coûte", "10", "naïve", "½½", "y_z", "straße", "٣٣"])
        #expect(t.tokens("e\u{301}te") == ["te"])
        #expect(t.tokens("") == [])
        #expect(try TextTokenizer(lowercase: false).tokens("Hello WORLD") == ["Hello", "WORLD"])
    }

    @Test func customPatternAndGroups() throws {
        #expect(try TextTokenizer(pattern: #"(?u)\b\w+\b"#).tokens("a bc d") == ["a", "bc", "d"])
        #expect(try TextTokenizer(pattern: #"#(\w+)"#).tokens("#tag and #more") == ["tag", "more"])
        #expect(throws: TextError.tooManyGroups(#"(a)(b)"#)) { try TextTokenizer(pattern: #"(a)(b)"#) }
        #expect(throws: TextError.badTokenPattern("(", reason: "it is not a valid regular expression")) { try TextTokenizer(pattern: "(") }
    }

    @Test func badInput() throws {
        var v = TextVectorizer(tfidf: false)
        #expect(throws: TextError.emptyVocabulary) { try v.fit(["", "a b", "!"]) }
        v.stopWords = StopWords.english
        #expect(throws: TextError.emptyVocabulary) { try v.fit(["the and of", "it is"]) }
        v = TextVectorizer(tfidf: true)
        #expect(throws: TextError.notFitted("TfidfVectorizer")) { try v.transform(["hello"]) }
        v.ngramRange = (2, 1)
        #expect(throws: TextError.badNgramRange(2, 1)) { try v.fit(["hello there"]) }
        v = TextVectorizer(tfidf: false)
        v.minDF = .count(3)
        v.maxDF = .count(2)
        #expect(throws: TextError.maxDFBelowMinDF(maxCount: 2, minCount: 3)) { try v.fit(["aa bb", "aa cc", "aa"]) }
        v = TextVectorizer(tfidf: false)
        v.minDF = .count(2)
        v.maxDF = .count(2)
        #expect(throws: TextError.noTermsRemain) { try v.fit(["aa bb", "aa cc", "aa"]) }
        // An empty list transforms to a matrix without rows; an empty text is a row with nothing stored.
        v = TextVectorizer(tfidf: false)
        try v.fit(["aa bb"])
        let x = try v.transform([])
        #expect(x.rows == 0 && x.cols == 2)
        var c = TextVectorizer(tfidf: false)
        let y = try c.fitTransform(["aa bb", ""])
        #expect(y.range(1).isEmpty && y.rows == 2)
        var nb = MultinomialNB()
        let negative = SparseMatrix(rows: 2, cols: 1, indptr: [0, 1, 2], indices: [0, 0], data: [1, -1])
        #expect(throws: TextError.negativeValue(model: "MultinomialNB", row: 1, column: 0)) { try nb.fit(negative, [0, 1]) }
    }

    @Test func scipyPrintout() {
        let x = SparseMatrix(rows: 2, cols: 3, indptr: [0, 1, 3], indices: [1, 0, 2], data: [1.5, 2, 0.25])
        #expect(x.description == """
            <Compressed Sparse Row sparse matrix of dtype 'float64'
            \twith 3 stored elements and shape (2, 3)>
              Coords\tValues
              (0, 1)\t1.5
              (1, 0)\t2.0
              (1, 2)\t0.25
            """)
        let big = SparseMatrix(rows: 6, cols: 10, indptr: (0...6).map { $0 * 10 }, indices: (0..<60).map { Int32($0 % 10) },
            data: (1...60).map { Double($0) / 7 })
        let lines = big.description.split(separator: "\n")
        #expect(lines.count == 2 + 1 + 25 + 1 + 25)
        #expect(lines[3] == "  (0, 0)\t0.14285714285714285")
        #expect(lines[28] == "  :\t:")
        #expect(lines.last == "  (5, 9)\t8.571428571428571")
    }
}

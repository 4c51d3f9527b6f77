import QuireArray
import QuireLang
import QuireLearn
import QuireSupport

/// A sparse CSR matrix in the language: printed as scipy prints it, with shape, nnz, dtype,
/// toarray(), rows by position (`X[0]`, `X[[3, 1]]`) and splits that keep it sparse.
final class SparseMatrixObject: NativeObject, RowSelectable {
    let matrix: SparseMatrix
    init(_ matrix: SparseMatrix) { self.matrix = matrix }

    var typeName: String { "SparseMatrix" }
    var length: Int? { matrix.rows }
    func displayText() -> String { matrix.description }
    func selectingRows(_ rows: [Int]) -> Value { .object(SparseMatrixObject(matrix.selecting(rows: rows))) }

    func subscriptGet(_ index: Value) throws -> Value {
        func position(_ v: Value) throws -> Int {
            guard case .int(let i) = v else {
                throw QuireError(.type, "a sparse matrix's rows are picked by an int or a list of ints, got \(Printer.shortRepr(v)) (\(v.typeNoun))")
            }
            let n = matrix.rows
            guard i >= -n && i < n else { throw QuireError(.index, "row \(i) is out of range for a sparse matrix of \(n) rows") }
            return i < 0 ? i + n : i
        }
        switch index {
        case .list(let box): return selectingRows(try box.items.map(position))
        default: return selectingRows([try position(index)])
        }
    }

    static let attributes: [Builtin] = [
        Builtin(attribute: "shape", on: "SparseMatrix", doc: "(rows, columns), as a tuple.", example: "X.shape") { args in
            let m = args.receiver(as: SparseMatrixObject.self).matrix
            return .tuple([.int(m.rows), .int(m.cols)])
        },
        Builtin(attribute: "nnz", on: "SparseMatrix", doc: "How many values are stored (the others are 0).", example: "X.nnz") { args in
            .int(args.receiver(as: SparseMatrixObject.self).matrix.nnz)
        },
        Builtin(attribute: "dtype", on: "SparseMatrix", doc: "The type of the values: \"int64\", \"float64\" or \"float32\".",
            example: "X.dtype") { args in
            .string(args.receiver(as: SparseMatrixObject.self).matrix.dtype.rawValue)
        },
        Builtin("toarray", on: "SparseMatrix", [], doc: "The matrix as a dense array, zeros written out (mind the memory).",
            example: "X[0].toarray()") { args in
            .object(ArrayObject(args.receiver(as: SparseMatrixObject.self).matrix.ndarray))
        },
    ]
}

/// `count_vectorizer` and `tfidf_vectorizer`: fit / transform / fit_transform /
/// get_feature_names_out, and the attributes vocabulary and idf.
final class VectorizerObject: NativeObject {
    var vectorizer: TextVectorizer
    init(_ vectorizer: TextVectorizer) { self.vectorizer = vectorizer }
    var typeName: String { "Vectorizer" }
    func displayText() -> String { vectorizer.repr }
}

extension LearnBuiltins {
    /// A naive Bayes model's row: its declared settings, and class_prior (a list, not a setting).
    static func naiveBayesRow<F: DiscreteNBFlavour>(_ name: String, _ type: DiscreteNB<F>.Type, doc: String, example: String) -> ModelRow {
        let parameters = LearnConversions.parameters(DiscreteNB<F>.declaredSettings) + [
            .opt("class_prior", .optional(.sequence), .none, doc: "Prior probability of each class (sorted classes); none to learn them from y."),
        ]
        let builtin = Builtin(name, parameters, doc: doc, example: example) { args in
            var model = try LearnConversions.configure(DiscreteNB<F>(), args, except: ["class_prior"])
            if args.optional("class_prior") != nil {
                let priors = try args.sequence("class_prior").map { v -> Double in
                    guard let d = v.asDouble, d >= 0, d.isFinite else { throw args.bad("class_prior", expected: "a list of probabilities") }
                    return d
                }
                guard !priors.isEmpty else { throw args.bad("class_prior", expected: "a list of probabilities") }
                model.classPrior = priors
            }
            return .object(ModelObject(model))
        }
        return ModelRow(builtin: builtin, type: { type })
    }

    private static func commonParameters(dtype: String) -> [Parameter] {
        [
            .opt("lowercase", .bool, .bool(true), doc: "Lower-case the texts before splitting them into tokens."),
            .opt("token_pattern", .string, .string(TextTokenizer.defaultPattern),
                 doc: "The regular expression of a token (default: two or more word characters)."),
            .opt("ngram_range", .sequence, .tuple([.int(1), .int(1)]),
                 doc: "(min_n, max_n): count word n-grams of these lengths, (1, 2) adds pairs of words."),
            .opt("stop_words", .optional(.oneOf([.string, .sequence])), .none,
                 doc: "\"english\" (scikit-learn's list) or a list of words to leave out."),
            .opt("max_df", .number, .double(1.0),
                 doc: "Leave out terms in more documents than this: a share (float) or a count (int)."),
            .opt("min_df", .number, .int(1),
                 doc: "Leave out terms in fewer documents than this: a share (float) or a count (int)."),
            .opt("max_features", .optional(.int), .none, doc: "Keep only the most frequent terms (total count)."),
            .opt("binary", .bool, .bool(false), doc: "Count 1 for a term present, whatever its count."),
            .opt("dtype", .string, .string(dtype), choices: ["int64", "float64", "float32"], doc: "The type of the matrix's values."),
        ]
    }

    private static let tfidfParameters: [Parameter] = [
        .opt("norm", .optional(.string), .string("l2"), choices: ["l1", "l2"], doc: "Scale each row to unit length (l2) or sum (l1); none to keep."),
        .opt("use_idf", .bool, .bool(true), doc: "Weight terms by their inverse document frequency."),
        .opt("smooth_idf", .bool, .bool(true), doc: "Add one to document frequencies, as if a document held every term once."),
        .opt("sublinear_tf", .bool, .bool(false), doc: "Use 1 + log(tf) instead of the count."),
    ]

    private static let documentsParameter = Parameter("raw_documents")

    static let text: [Builtin] = [
        Builtin("count_vectorizer", commonParameters(dtype: "int64"),
            doc: "Counts the words of each text into a sparse matrix, as scikit-learn's CountVectorizer.",
            example: "cv = count_vectorizer(ngram_range=(1, 2), stop_words=\"english\")"
        ) { args in .object(VectorizerObject(try vectorizer(args, tfidf: false))) },
        Builtin("tfidf_vectorizer", commonParameters(dtype: "float64") + tfidfParameters,
            doc: "TF-IDF weights of the words of each text as a sparse matrix, as scikit-learn's TfidfVectorizer.",
            example: "tf = tfidf_vectorizer(sublinear_tf=true, min_df=2)"
        ) { args in .object(VectorizerObject(try vectorizer(args, tfidf: true))) },
        Builtin("fit", on: "Vectorizer", [documentsParameter],
            doc: "Learns the vocabulary (and idf) from a list of texts; returns the vectorizer.", example: "tf.fit(X_train)"
        ) { args in
            let object = args.receiver(as: VectorizerObject.self)
            let texts = try documents(args)
            try textErrors(args) { try object.vectorizer.fit(texts) }
            return args.receiver!
        },
        Builtin("fit_transform", on: "Vectorizer", [documentsParameter],
            doc: "Learns the vocabulary from the texts and returns their sparse matrix.", example: "X_train_tf = tf.fit_transform(X_train)"
        ) { args in
            let object = args.receiver(as: VectorizerObject.self)
            let texts = try documents(args)
            return .object(SparseMatrixObject(try textErrors(args) { try object.vectorizer.fitTransform(texts) }))
        },
        Builtin("transform", on: "Vectorizer", [documentsParameter],
            doc: "The sparse matrix of texts with the fitted vocabulary (unknown words are ignored).",
            example: "X_test_tf = tf.transform(X_test)"
        ) { args in
            let object = args.receiver(as: VectorizerObject.self)
            let texts = try documents(args)
            return .object(SparseMatrixObject(try textErrors(args) { try object.vectorizer.transform(texts) }))
        },
        Builtin("get_feature_names_out", on: "Vectorizer", [],
            doc: "The terms, one per column, in column order.", example: "tf.get_feature_names_out()[:10]"
        ) { args in
            let v = try fitted(args)
            return .list(ListBox(v.features.map(Value.string)))
        },
        Builtin(attribute: "vocabulary", on: "Vectorizer", doc: "A dict of each term to its column (scikit-learn's vocabulary_), by column.",
            example: "tf.vocabulary[\"great\"]"
        ) { args in
            let v = try fitted(args)
            return .dict(try DictBox(v.features.enumerated().map { (.string($0.element), .int($0.offset)) }))
        },
        Builtin(attribute: "idf", on: "Vectorizer", doc: "The inverse document frequency of each column (scikit-learn's idf_).",
            example: "tf.idf[:5]"
        ) { args in
            guard args.receiver(as: VectorizerObject.self).vectorizer.tfidf else {
                throw QuireError(.name, "a count_vectorizer has no idf", hint: "tfidf_vectorizer() learns one")
            }
            let v = try fitted(args)
            guard let idf = v.idf else { throw QuireError(.value, "this TfidfVectorizer has no idf: it was made with use_idf=false") }
            return .object(ArrayObject(NDArray(shape: [idf.count], float64: idf)))
        },
    ] + SparseMatrixObject.attributes

    private static func fitted(_ args: Arguments) throws -> TextVectorizer {
        let v = args.receiver(as: VectorizerObject.self).vectorizer
        guard v.vocabulary != nil else { throw textError(.notFitted(v.estimatorName), args) }
        return v
    }

    /// A vectorizer with the constructor's arguments, checked as scikit-learn checks them.
    private static func vectorizer(_ args: Arguments, tfidf: Bool) throws -> TextVectorizer {
        var v = TextVectorizer(tfidf: tfidf)
        v.lowercase = try args.bool("lowercase")
        v.tokenPattern = try args.string("token_pattern")
        let range = try args.sequence("ngram_range")
        guard range.count == 2, case .int(let lo) = range[0], case .int(let hi) = range[1] else {
            throw args.bad("ngram_range", expected: "a pair of ints (min_n, max_n) such as (1, 2)")
        }
        guard lo >= 1, lo <= hi else { throw textError(.badNgramRange(lo, hi), args) }
        v.ngramRange = (lo, hi)
        switch args.value("stop_words") {
        case .none: v.stopWords = nil
        case .string("english"): v.stopWords = StopWords.english
        case .string: throw args.bad("stop_words", expected: "\"english\", a list of words or none")
        case .list, .tuple:
            var words = Set<String>()
            for item in try args.sequence("stop_words") {
                guard case .string(let w) = item else { throw args.bad("stop_words", expected: "\"english\", a list of words or none") }
                words.insert(w)
            }
            v.stopWords = words
        default: throw args.bad("stop_words", expected: "\"english\", a list of words or none")
        }
        v.maxDF = try bound(args, "max_df")
        v.minDF = try bound(args, "min_df")
        if let m = try args.optionalInt("max_features") {
            guard m >= 1 else { throw args.bad("max_features", expected: "an int of at least 1, or none") }
            v.maxFeatures = m
        }
        v.binary = try args.bool("binary")
        guard let dtype = SparseMatrix.ElementType(rawValue: try args.choice("dtype")) else {
            throw args.bad("dtype", expected: "\"int64\", \"float64\" or \"float32\"")
        }
        if tfidf && dtype == .int64 { throw args.bad("dtype", expected: "\"float64\" or \"float32\" (TF-IDF values are not whole)") }
        v.dtype = dtype
        if tfidf {
            v.norm = try args.optionalString("norm").map { s in
                guard let n = TextVectorizer.Norm(rawValue: s) else { throw args.bad("norm", expected: "\"l1\", \"l2\" or none") }
                return n
            }
            v.useIdf = try args.bool("use_idf")
            v.smoothIdf = try args.bool("smooth_idf")
            v.sublinearTf = try args.bool("sublinear_tf")
        }
        _ = try textErrors(args) { try TextTokenizer(pattern: v.tokenPattern) }
        return v
    }

    /// max_df / min_df: a float from 0 to 1 is a share of the documents, an int of at least 0 a count.
    private static func bound(_ args: Arguments, _ name: String) throws -> TextVectorizer.DocumentBound {
        switch args.value(name) {
        case .int(let c) where c >= 0: return .count(c)
        case .double(let s) where s >= 0 && s <= 1: return .share(s)
        default: throw args.bad(name, expected: "a share of the documents from 0.0 to 1.0, or a count (an int of at least 0)")
        }
    }

    /// The texts argument: a list of strings or a column of them.
    private static func documents(_ args: Arguments) throws -> [String] {
        let name = documentsParameter.name
        let value = args.value(name)
        func notText(_ i: Int, _ item: String) -> QuireError {
            QuireError(.value, "\(name) must hold only texts, but item \(i) is \(item)",
                hint: "convert or drop it first, e.g. [str(t) for t in texts]", argument: name)
        }
        switch value {
        case .string:
            throw QuireError(.value, "\(name) must be a list of texts, got a single string",
                hint: "put it in a list: [text]", argument: name)
        case .list, .tuple:
            return try args.sequence(name).enumerated().map { i, item in
                guard case .string(let s) = item else { throw notText(i, "\(Printer.shortRepr(item)) (\(item.typeNoun))") }
                return s
            }
        case .object(let o as SeriesObject):
            let column = o.series.column
            guard case .string(let strings) = column.storage else {
                throw QuireError(.value, "\(name) must be a column of texts, got a column of \(o.series.dtypeName ?? "numbers")",
                    hint: "vectorizers read words: pass the text column (df.text)", argument: name)
            }
            if let validity = column.validity, let i = (0..<strings.count).first(where: { !validity[$0] }) {
                throw notText(i, "missing (NaN)")
            }
            return strings
        default:
            throw args.bad(name, expected: "a list of texts or a column of texts")
        }
    }

    /// Runs vectorizer code, turning its errors into sentences.
    private static func textErrors<T>(_ args: Arguments, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as TextError {
            throw textError(error, args)
        }
    }

    /// A document count as written: 3, or 2.5 for a share that is not whole.
    private static func count(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }

    static func textError(_ error: TextError, _ args: Arguments) -> QuireError {
        switch error {
        case .emptyVocabulary:
            return QuireError(.value, "empty vocabulary; perhaps the documents only contain stop words",
                hint: "no text has a token of two or more letters or digits (after removing stop words)", argument: "raw_documents")
        case .noTermsRemain:
            return QuireError(.value, "after pruning, no terms remain", hint: "try a lower min_df or a higher max_df")
        case .maxDFBelowMinDF(let maxCount, let minCount):
            return QuireError(.value,
                "max_df corresponds to fewer documents (\(count(maxCount))) than min_df (\(count(minCount)))",
                hint: "max_df must allow at least as many documents as min_df")
        case .badNgramRange(let lo, let hi):
            return QuireError(.value, "invalid ngram_range (\(lo), \(hi)): need 1 <= min_n <= max_n",
                hint: "for example ngram_range=(1, 2)", argument: args.builtin.parameters.contains { $0.name == "ngram_range" } ? "ngram_range" : nil)
        case .badTokenPattern(let pattern, let reason):
            return QuireError(.value, "token_pattern \"\(pattern)\": \(reason)", argument: "token_pattern")
        case .tooManyGroups(let pattern):
            return QuireError(.value, "token_pattern \"\(pattern)\" has more than one capturing group",
                hint: "capture at most one group, or use (?:...) for the others", argument: "token_pattern")
        case .notFitted(let name):
            return QuireError(.value, "this \(name) is not fitted yet", hint: "call fit(texts) or fit_transform(texts) first")
        case .negativeValue(let model, let row, let column):
            return QuireError(.value, "\(model) needs counts or frequencies, but X has a negative value at row \(row), column \(column)",
                hint: "use counts (count_vectorizer) or TF-IDF, or a model such as logistic_regression", argument: "X")
        }
    }
}

/// X for a model: sparse rows stay sparse for the models that take them.
enum ModelInput {
    case dense(Matrix)
    case sparse(SparseMatrix)

    var rows: Int {
        switch self {
        case .dense(let m): m.rows
        case .sparse(let s): s.rows
        }
    }

    static func of(_ args: Arguments, _ name: String, for model: any Classifier) throws -> ModelInput {
        guard case .object(let o as SparseMatrixObject) = args.value(name) else {
            return .dense(try LearnConversions.matrix(args, name))
        }
        guard model is any SparseClassifier else { throw sparseRefused(model.estimatorName, name) }
        return .sparse(o.matrix)
    }

    static func sparseRefused(_ model: String, _ name: String) -> QuireError {
        QuireError(.value, "\(model) cannot take a sparse matrix",
            hint: "make it dense with \(name).toarray() (fine for small data), or use multinomial_nb, bernoulli_nb, complement_nb or logistic_regression, which take it as is",
            argument: name)
    }

    func predict(_ model: any Classifier) throws -> [Double] {
        switch self {
        case .dense(let m): return try model.predict(m)
        case .sparse(let s): return try sparse(model).predict(s)
        }
    }

    func predictProba(_ model: any Classifier) throws -> Matrix {
        switch self {
        case .dense(let m): return try model.predictProba(m)
        case .sparse(let s): return try sparse(model).predictProba(s)
        }
    }

    private func sparse(_ model: any Classifier) throws -> any SparseClassifier {
        guard let m = model as? any SparseClassifier else { throw Self.sparseRefused(model.estimatorName, "X") }
        return m
    }

    /// Trains a sparse-capable model on sparse rows; dense rows go through the caller's path.
    static func fit(_ model: any Classifier, _ s: SparseMatrix, _ y: [Double]) throws -> any Classifier {
        guard var m = model as? any SparseClassifier else { throw sparseRefused(model.estimatorName, "X") }
        try m.fit(s, y)
        return m
    }
}

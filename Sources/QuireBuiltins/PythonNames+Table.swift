import QuireLang

/// Python's names for Quire's builtins, declared once: the libraries whose import lines a
/// learner brings, and each name a tutorial uses with its Quire spelling. A spelling is named in
/// an error only when the registry has it at run time (models being added elsewhere, such as
/// `mlp_classifier`, are "not available in Quire yet" until they are registered). Quire's
/// answer to every one of these habits is an error that shows the Quire line (docs/python.md).
extension Builtins {
    static let python = PythonNames(libraries: libraries, names: sklearn + opencv + pandas + numpy + seaborn + pyplot + members)

    private typealias Name = PythonNames.Name

    private static let libraries: [PythonNames.Library] = [
        .init("pandas", alias: "pd", title: "pandas", python: "pd.read_csv(\"wine.csv\")", quire: "read_csv(\"wine.csv\")"),
        .init("numpy", alias: "np", title: "numpy", python: "np.zeros(3)", quire: "zeros(3)"),
        .init("seaborn", alias: "sns", title: "seaborn", python: "sns.heatmap(m, annot=True)", quire: "heatmap(m, annot=true)"),
        .init("matplotlib.pyplot", alias: "plt", title: "matplotlib", python: "plt.hist(x); plt.show()", quire: "hist(x) then show()"),
        .init("cv2", alias: "cv2", title: "OpenCV", python: "cv2.GaussianBlur(img, (5, 5), 0)", quire: "gaussian_blur(img, 5)", calls: .never),
        .init("sklearn", alias: "sklearn", title: "scikit-learn", python: "RandomForestClassifier()", quire: "random_forest()", calls: .sameSpelling),
    ]

    /// scikit-learn's classes and functions, as tutorials import them.
    private static let sklearn: [Name] = [
        Name("sklearn", "RandomForestClassifier", "random_forest"),
        Name("sklearn", "KNeighborsClassifier", "knn"),
        Name("sklearn", "SVC", "svc"),
        Name("sklearn", "LinearSVC", "linear_svc", note: "its coef_ and intercept_ are coef and intercept; scores come from decision_function"),
        Name("sklearn", "GaussianNB", "gaussian_nb"),
        Name("sklearn", "MultinomialNB", "multinomial_nb"),
        Name("sklearn", "LogisticRegression", "logistic_regression"),
        Name("sklearn", "DecisionTreeClassifier", "decision_tree"),
        Name("sklearn", "StandardScaler", "standard_scaler"),
        Name("sklearn", "MinMaxScaler", "min_max_scaler"),
        Name("sklearn", "LabelEncoder", "label_encoder"),
        Name("sklearn", "MLPClassifier", "mlp_classifier"),
        Name("sklearn", "TfidfVectorizer", "tfidf_vectorizer"),
        Name("sklearn", "CountVectorizer", "count_vectorizer"),
        Name("sklearn", "GridSearchCV", "grid_search"),
        Name("sklearn", "KFold", "kfold"),
        Name("sklearn", "StratifiedKFold", "stratified_kfold"),
        Name("sklearn", "Pipeline", "pipeline"),
        Name("sklearn", "make_pipeline", "pipeline"),
        Name("sklearn", "train_test_split", "train_test_split"),
        Name("sklearn", "cross_val_score", "cross_val_score"),
        Name("sklearn", "accuracy_score", "accuracy_score"),
        Name("sklearn", "precision_score", "precision_score"),
        Name("sklearn", "recall_score", "recall_score"),
        Name("sklearn", "f1_score", "f1_score"),
        Name("sklearn", "confusion_matrix", "confusion_matrix"),
        Name("sklearn", "classification_report", "classification_report"),
        Name("sklearn", "export_text", "export_text"),
        Name("sklearn", "plot_tree", "plot_tree"),
    ]

    /// OpenCV's functions, called as `cv2.Name` (Quire's take the image first, as OpenCV's do).
    private static let opencv: [Name] = [
        Name("cv2", "filter2D", "filter2d", note: "the depth argument is depth=, after the kernel"),
        Name("cv2", "cvtColor", "gray", note: "gray(img) is cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)"),
        Name("cv2", "GaussianBlur", "gaussian_blur", note: "the kernel size is one number: gaussian_blur(img, 5, sigma=0)"),
        Name("cv2", "threshold", "threshold", note: "it returns the image only: threshold(img, t=127)"),
        Name("cv2", "Canny", "canny"),
        Name("cv2", "imread", "read_image"),
        Name("cv2", "imwrite", "write_image", note: "the image comes first: write_image(img, \"out.png\")"),
        Name("cv2", "resize", "resize"),
        Name("cv2", "medianBlur", "median_blur"),
        Name("cv2", "Sobel", "sobel", note: "it gives both gradients at once: gx, gy = sobel(img)"),
        Name("cv2", "blur", "box_blur"),
        Name("cv2", "Scharr", "scharr"),
        Name("cv2", "flip", "flip"),
        Name("cv2", "rotate", "rotate"),
        Name("cv2", "imshow", "imshow", note: "imshow(img) returns a figure; no window or waitKey is needed"),
        Name("cv2", "COLOR_BGR2GRAY", nil, note: "gray(img) converts to gray, with no constant"),
        Name("cv2", "COLOR_RGB2GRAY", nil, note: "gray(img) converts to gray, with no constant"),
    ]

    /// pandas' functions.
    private static let pandas: [Name] = [
        Name("pandas", "read_csv", "read_csv"),
        Name("pandas", "DataFrame", nil, note: "Quire makes DataFrames with read_csv(path); a DataFrame from a dict is not available in Quire yet"),
        Name("pandas", "factorize", "factorize"),
    ]

    /// numpy's functions whose Quire names differ (the others keep numpy's name).
    private static let numpy: [Name] = [
        Name("numpy", "mean", "mean", note: "or the array's own: a.mean()"),
    ]

    /// seaborn's functions.
    private static let seaborn: [Name] = [
        Name("seaborn", "heatmap", "heatmap"),
        Name("seaborn", "histplot", "hist"),
        Name("seaborn", "displot", "hist"),
        Name("seaborn", "scatterplot", "scatterplot"),
        Name("seaborn", "lineplot", "lineplot"),
        Name("seaborn", "boxplot", "boxplot"),
        Name("seaborn", "countplot", "countplot"),
        Name("seaborn", "barplot", "barplot"),
        Name("seaborn", "violinplot", "violinplot"),
        Name("seaborn", "regplot", "regplot"),
        Name("seaborn", "pairplot", "pairplot"),
        Name("seaborn", "set_theme", "set_theme"),
    ]

    /// matplotlib.pyplot's functions.
    private static let pyplot: [Name] = [
        Name("matplotlib.pyplot", "plot", "line"),
        Name("matplotlib.pyplot", "hist", "hist"),
        Name("matplotlib.pyplot", "scatter", "scatter"),
        Name("matplotlib.pyplot", "bar", "bar"),
        Name("matplotlib.pyplot", "imshow", "imshow"),
        Name("matplotlib.pyplot", "boxplot", "boxplot"),
        Name("matplotlib.pyplot", "show", "show"),
        Name("matplotlib.pyplot", "savefig", "savefig"),
        Name("matplotlib.pyplot", "subplots", "subplots", note: "Quire's combines finished figures: subplots(1, 2, hist(a), hist(b)); there are no axes objects", alike: false),
        Name("matplotlib.pyplot", "title", nil, note: "pass title= to the plot: hist(x, title=\"Alcohol\")"),
        Name("matplotlib.pyplot", "xlabel", nil, note: "pass xlabel= to the plot: hist(x, xlabel=\"alcohol\")"),
        Name("matplotlib.pyplot", "ylabel", nil, note: "pass ylabel= to the plot: hist(x, ylabel=\"Count\")"),
        Name("matplotlib.pyplot", "figure", nil, note: "each plot call makes its own figure; figure sizes are not available in Quire yet"),
    ]

    /// pandas' DataFrame, Series and GroupBy members that Quire writes otherwise or not yet.
    private static let members: [Name] = [
        Name("DataFrame", "plot", nil, note: "Quire draws with functions: scatter(df.x, df.y), hist(df.col), bar(df.col.value_counts()), line(df.col)"),
        Name("DataFrame", "hist", nil, note: "Quire draws a histogram of a column with hist(df.col)"),
    ]
}

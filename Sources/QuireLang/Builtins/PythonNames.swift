/// Python's library names for what Quire has built in: the import lines, module prefixes
/// (`pd.`, `np.`, `sns.`, `plt.`, `cv2.`), scikit-learn's class names and pandas' methods a
/// learner brings from tutorials. Quire accepts the import lines of the libraries it has built in
/// and calls its own builtin for a prefixed name that means the same (`pd.read_csv`); where Quire
/// writes a name otherwise, the error shows the Quire line (docs/python.md). The table is declared once, beside the builtins'
/// tables (`Sources/QuireBuiltins/PythonNames+Table.swift`); the interpreter words the answers.
public struct PythonNames: Sendable {
    /// A Python library whose import line a learner may bring: `import pandas as pd`.
    public struct Library: Sendable {
        /// The module imported: "pandas", "matplotlib.pyplot", "sklearn" (and its submodules).
        public let module: String
        /// The usual alias ("pd"), or the module's own name when it has none ("cv2").
        public let alias: String
        /// How people call it: "pandas", "scikit-learn", "OpenCV".
        public let title: String
        /// A typical line in Python and in Quire, for hints.
        public let python: String
        public let quire: String
        /// Which of the library's prefixed names (`pd.read_csv`) and imported names call
        /// Quire's builtin.
        public let calls: Calls

        public enum Calls: Sendable {
            /// Those whose Quire builtin takes the same arguments: pandas, numpy, seaborn,
            /// matplotlib.
            case alike
            /// Only those Quire spells the same (`train_test_split`); a class such as
            /// `RandomForestClassifier` is answered with its Quire spelling.
            case sameSpelling
            /// None: OpenCV's calls differ from Quire's (kernel sizes, constants, BGR order).
            case never
        }

        public init(_ module: String, alias: String, title: String, python: String, quire: String, calls: Calls = .alike) {
            self.module = module
            self.alias = alias
            self.title = title
            self.python = python
            self.quire = quire
            self.calls = calls
        }
    }

    /// One Python name and its Quire spelling.
    public struct Name: Sendable {
        /// A library's module ("pandas", "sklearn", "cv2"), or a Quire type for a method or
        /// attribute ("DataFrame", "Series", "GroupBy").
        public let owner: String
        public let name: String
        /// The Quire builtin (or method) that does it, used only when the registry has it;
        /// nil when Quire writes it differently (see `note`).
        public let quire: String?
        /// How Quire does it otherwise, or what to know about the Quire spelling.
        public let note: String?
        /// False when the Quire builtin takes other arguments than the Python call
        /// (`plt.subplots`), so that `plt.subplots(...)` is answered, not called.
        public let alike: Bool

        public init(_ owner: String, _ name: String, _ quire: String?, note: String? = nil, alike: Bool = true) {
            self.owner = owner
            self.name = name
            self.quire = quire
            self.note = note
            self.alike = alike
        }
    }

    public let libraries: [Library]
    public let names: [Name]

    public init(libraries: [Library] = [], names: [Name] = []) {
        self.libraries = libraries
        self.names = names
    }

    /// The library of an imported module: "sklearn.ensemble" is scikit-learn's, "matplotlib"
    /// matplotlib's.
    public func library(module: String) -> Library? {
        let top = module.split(separator: ".").first.map(String.init) ?? module
        return libraries.first { $0.module == module }
            ?? libraries.first { module.hasPrefix($0.module + ".") }
            ?? libraries.first { $0.module.split(separator: ".").first.map(String.init) == top }
    }

    /// The library usually imported under `alias` ("pd" → pandas).
    public func library(alias: String) -> Library? {
        libraries.first { $0.alias == alias }
    }

    /// The row for `name` of `owner` (a library's module or a Quire type).
    public func row(_ owner: String, _ name: String) -> Name? {
        names.first { $0.owner == owner && $0.name == name }
    }

    /// A library's name used without its import, as `RandomForestClassifier(...)`.
    public func bareName(_ name: String) -> Name? {
        let modules = Set(libraries.map(\.module))
        return names.first { $0.name == name && modules.contains($0.owner) }
    }
}

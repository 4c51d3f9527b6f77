import QuireLang

/// The machine-learning builtins: models, splits and model selection, metrics.
enum LearnBuiltins {
    static let builtins: [Builtin] =
        models + modelMethods + trees + treePlots + selection + metrics + ModelObject.attributes + GridSearchObject.attributes
        + labelEncoding + networkAttributes + curves + text + networks + networkMethods + linearModelMembers
}

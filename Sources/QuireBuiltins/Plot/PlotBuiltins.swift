import QuireLang
import QuirePlot

/// The plot builtins, with matplotlib's and seaborn's names and keywords. Each returns a Figure.
enum PlotBuiltins {
    private static let title = Parameter.opt("title", .optional(.string), .none)
    private static let xlabel = Parameter.opt("xlabel", .optional(.string), .none)
    private static let ylabel = Parameter.opt("ylabel", .optional(.string), .none)
    private static let color = Parameter.opt("color", .optional(.string), .none)
    private static let bins = Parameter.opt("bins", .oneOf([.int, .string]), .int(10))
    private static let xscale = Parameter.choice("xscale", ["linear", "log"])
    private static let yscale = Parameter.choice("yscale", ["linear", "log"])
    private static let texts = [title, xlabel, ylabel]

    static let builtins: [Builtin] = [
        Builtin(
            "bar", [Parameter("x"), .opt("values", .any, .none)] + texts + [color] + seaborn(["data", "y", "hue"]),
            doc: "A bar chart: of a Series (or value_counts()) by its labels, or of labels with values=.",
            example: "bar(df.price_range.value_counts(), xlabel=\"price_range\", ylabel=\"Count\")"
        ) { try bar($0) },
        Builtin(
            "hist", [Parameter("x"), bins, .opt("kde", .bool, .bool(false))] + texts + [color] + seaborn(["data", "hue"]),
            doc: "A histogram in seaborn's displot style (bins= a number or \"auto\"; NaN skipped), with kde=true a density curve.",
            example: "hist(df.battery_power, bins=30, kde=true)"
        ) { try hist($0) },
        Builtin(
            "scatter", [.opt("x", .any, .none), .opt("y", .any, .none), .opt("hue", .any, .none)] + texts + [xscale, yscale] + seaborn(["data"]),
            doc: "A scatter plot; hue= colours the points by group and adds a legend.",
            example: "scatter(df.ram, df.battery_power, hue=df.price_range)"
        ) { try scatter($0) },
        Builtin(
            "line", [Parameter("x"), .opt("y", .any, .none), .opt("label", .optional(.string), .none)] + texts + [color, xscale, yscale] + seaborn(["data", "hue"]),
            doc: "A line through the points in order (line(y) uses 0, 1, 2, ... for x); label= adds a legend entry.",
            example: "line([1, 2, 3], [2, 4, 8], yscale=\"log\")"
        ) { try line($0) },
        Builtin(
            "heatmap",
            [
                Parameter("data"), .opt("annot", .bool, .bool(false)), .opt("fmt", .optional(.string), .none),
                .opt("cmap", .string, .string("viridis"), choices: Colormap.names, synonyms: Array(Colormap.aliases.keys), choiceNoun: "colormap"), .opt("cbar", .bool, .bool(true)),
                .opt("xticklabels", .any, .none), .opt("yticklabels", .any, .none),
            ] + texts + [figsize],
            doc:
                "A matrix of coloured cells with a colour bar, as seaborn's heatmap; annot=true writes each value (fmt \"d\" for whole numbers, else \".2g\").",
            example: "heatmap(confusion_matrix(y_valid, y_pred), annot=true, cmap=\"BuPu\", title=\"Confusion Matrix\")"
        ) { try heatmap($0) },
        Builtin(
            "imshow", [Parameter("image"), .opt("cmap", .optional(.string), .none, choices: Colormap.names, synonyms: Array(Colormap.aliases.keys), choiceNoun: "colormap")] + texts + [figsize],
            doc:
                "Shows an image: h x w through a colormap scaled from its minimum to its maximum, or h x w x 3 RGB (uint8, or floats in 0...1).",
            example: "imshow(magnitude, cmap=\"gray\")"
        ) { try imshow($0) },
        Builtin(
            "boxplot", [.opt("data", .any, .none), .opt("labels", .any, .none)] + texts + seaborn(["x", "y", "hue"]),
            doc: "Box plots: one per list, array column or table column (NaN skipped), whiskers at 1.5 IQR.",
            example: "boxplot([df.ram, df.battery_power], labels=[\"ram\", \"battery\"])"
        ) { try boxplot($0) },
        Builtin(
            "subplots", [Parameter("rows", .int), Parameter("cols", .int), Parameter("figures", .any, .variadic), title, figsize],
            doc: "Combines figures into a grid of rows x cols plots, filled row by row.",
            example: "subplots(1, 3, hist(df.battery_power), hist(df.blue), hist(df.m_dep))"
        ) { try subplots($0) },
        Builtin(
            "save", [Parameter("fig", .object("Figure")), Parameter("path", .string), .opt("dpi", .number, .int(100))],
            doc: "Writes a figure to a file: PNG, SVG or PDF by the path's extension; the folder must exist.",
            example: "save(fig, \"price.svg\")"
        ) { args in try save(try args.object("fig", as: FigureObject.self, expected: "a Figure"), args) },
        Builtin(
            "savefig", [Parameter("path", .string), .opt("dpi", .number, .int(100))],
            doc: "Writes the current figure (the one drawn last), as matplotlib's plt.savefig: PNG, SVG or PDF by the extension.",
            example: "hist(df.alcohol)\nsavefig(\"alcohol.png\")"
        ) { args in
            guard case let figure as FigureObject = args.context.figures.current else {
                throw QuireError(.value, "there is no figure to save yet", hint: "draw one first, e.g. hist(df.alcohol), then savefig(\"alcohol.png\")")
            }
            return try save(figure, args)
        },
        Builtin(
            "save", on: "Figure", [Parameter("path", .string), .opt("dpi", .number, .int(100))],
            doc: "Writes the figure to a file: PNG (at dpi), SVG or PDF by the path's extension.",
            example: "fig.save(\"counts.png\", dpi=150)"
        ) { args in try save(args.receiver(as: FigureObject.self), args) },
        Builtin(
            "plot", on: "Series", [.choice("kind", ["bar", "hist", "line"]), bins] + texts + [color],
            doc: "Plots the Series: kind=\"bar\" (by its labels), \"hist\" or \"line\".",
            example: "df.price_range.value_counts().plot(kind=\"bar\")"
        ) { try seriesPlot($0) },
        Builtin(
            "hist", on: "Series", [bins] + texts + [color],
            doc: "A histogram of the Series, as pandas' Series.hist (the same as hist(series)).",
            example: "df.alcohol.hist(bins=20)"
        ) { try seriesPlot($0, kind: "hist") },
    ] + FigureObject.attributes + seabornBuiltins

    /// seaborn's keywords added to a matplotlib-style chart: `data=` and column names, then `figsize=`.
    private static func seaborn(_ names: [String]) -> [Parameter] {
        names.map { Parameter.opt($0, .any, .none) } + [figsize]
    }

    /// `series.plot(kind=)`: the chart builtins with the receiver as their data.
    static func seriesPlot(_ args: Arguments, kind: String? = nil) throws -> Value {
        let kind = try kind ?? args.choice("kind")
        guard case .object(let o as SeriesLike)? = args.receiver else {
            throw QuireError(.type, "plot needs a Series")
        }
        let text = try PlotInputs.chartText(args, defaultX: kind == "hist" ? o.seriesName : nil)
        let color = try PlotInputs.color(args)
        let values = o.numericValues
        switch kind {
        case "hist":
            let binning = try PlotInputs.binning(args)
            return try make(args, "histogram") { () throws(PlotError) in
                try Figure.histogram(values: values, binning: binning, color: color, text: text)
            }
        case "line":
            return try make(args, "line plot") { () throws(PlotError) in
                try Figure.line(xs: values.indices.map(Double.init), ys: values, color: color, text: text)
            }
        default:
            let labels = o.indexLabels
            return try make(args, "bar chart") { () throws(PlotError) in
                try Figure.bar(labels: labels, values: values, color: color, text: text)
            }
        }
    }
}

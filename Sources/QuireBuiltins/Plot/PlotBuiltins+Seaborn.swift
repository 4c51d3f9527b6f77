import QuireData
import QuireLang
import QuirePlot

/// seaborn's chart functions with seaborn's calling style: `data=df` first, then `x=`, `y=` and
/// `hue=` as column names (or Series), and `set_theme`.
extension PlotBuiltins {
    private static let seabornTexts: [Parameter] = [
        .opt("title", .optional(.string), .none), .opt("xlabel", .optional(.string), .none), .opt("ylabel", .optional(.string), .none),
    ]
    static let figsize = Parameter.opt("figsize", .any, .none)
    private static let dataXYHue: [Parameter] = [
        .opt("data", .any, .none), .opt("x", .any, .none), .opt("y", .any, .none), .opt("hue", .any, .none),
    ]

    /// The columns of `data=` put in place of `x=` and `y=`, both required and numeric.
    private static func numericXY(_ args: Arguments) throws -> (Arguments, xs: [Double], ys: [Double]) {
        let args = try PlotInputs.withColumns(seabornData(args))
        try PlotInputs.require(args, "x")
        try PlotInputs.require(args, "y")
        return (args, try PlotInputs.numbers(args, "x"), try PlotInputs.numbers(args, "y"))
    }

    static let seabornBuiltins: [Builtin] = [
        Builtin(
            "scatterplot", dataXYHue + seabornTexts + [figsize],
            doc: "seaborn's scatterplot: points of y against x, coloured by hue= with a legend titled by the hue column.",
            example: "scatterplot(data=df, x=\"alcohol\", y=\"color_intensity\", hue=\"target\")"
        ) { args in
            let (args, xs, ys) = try numericXY(args)
            let (hue, hueTitle) = try PlotInputs.hue(args)
            let text = try defaultText(args)
            return try make(args, "scatter plot") { () throws(PlotError) in
                try Figure.scatter(xs: xs, ys: ys, hue: hue, hueTitle: hueTitle, text: text)
            }
        },
        Builtin(
            "lineplot", dataXYHue + seabornTexts + [figsize],
            doc: "seaborn's lineplot: the mean of y at each x with a 95% bootstrap band where x repeats; one line per hue level.",
            example: "lineplot(data=df, x=\"year\", y=\"sales\", hue=\"region\")"
        ) { args in
            let (args, xs, ys) = try numericXY(args)
            let (hue, hueTitle) = try PlotInputs.hue(args)
            let text = try defaultText(args)
            return try make(args, "line plot") { () throws(PlotError) in
                try Figure.lineplot(xs: xs, ys: ys, hue: hue, hueTitle: hueTitle, text: text)
            }
        },
        Builtin(
            "barplot", dataXYHue + seabornTexts + [figsize],
            doc:
                "seaborn's barplot: the mean of y per category of x with a 95% bootstrap error bar (1000 resamples, seeded); hue= puts bars side by side.",
            example: "barplot(data=df, x=\"target\", y=\"alcohol\")"
        ) { args in
            let args = try PlotInputs.withColumns(seabornData(args))
            try PlotInputs.require(args, "x")
            try PlotInputs.require(args, "y")
            let categories = try PlotInputs.texts(args, "x")
            let values = try PlotInputs.numbers(args, "y")
            let (hue, hueTitle) = try PlotInputs.hue(args)
            let text = try defaultText(args)
            return try make(args, "bar chart") { () throws(PlotError) in
                try Figure.barplot(categories: categories, values: values, hue: hue, hueTitle: hueTitle, text: text)
            }
        },
        Builtin(
            "countplot", [.opt("data", .any, .none), .opt("x", .any, .none), .opt("hue", .any, .none)] + seabornTexts + [figsize],
            doc: "seaborn's countplot: one bar per category of x, as tall as its number of rows; hue= puts bars side by side.",
            example: "countplot(data=df, x=\"target\")"
        ) { args in
            let args = try PlotInputs.withColumns(seabornData(args))
            try PlotInputs.require(args, "x")
            let categories = try PlotInputs.texts(args, "x")
            let (hue, hueTitle) = try PlotInputs.hue(args)
            let text = try defaultText(args, y: false)
            return try make(args, "bar chart") { () throws(PlotError) in
                try Figure.countplot(categories: categories, hue: hue, hueTitle: hueTitle, text: text)
            }
        },
        Builtin(
            "violinplot", dataXYHue + seabornTexts + [figsize],
            doc:
                "seaborn's violinplot: the density of y (Gaussian KDE, Scott's bandwidth) per category of x, with a small box plot inside.",
            example: "violinplot(data=df, x=\"target\", y=\"alcohol\")"
        ) { args in try grouped(try PlotInputs.withColumns(seabornData(args)), violin: true) },
        Builtin(
            "regplot", [.opt("data", .any, .none), .opt("x", .any, .none), .opt("y", .any, .none)] + seabornTexts + [
                .opt("color", .optional(.string), .none), figsize,
            ],
            doc: "seaborn's regplot: the points, their least-squares line and its 95% bootstrap band.",
            example: "regplot(data=df, x=\"alcohol\", y=\"proline\")"
        ) { args in
            let (args, xs, ys) = try numericXY(args)
            let color = try PlotInputs.color(args)
            let text = try defaultText(args)
            return try make(args, "regression plot") { () throws(PlotError) in
                try Figure.regplot(xs: xs, ys: ys, color: color, text: text)
            }
        },
        Builtin(
            "pairplot", [Parameter("data"), .opt("hue", .any, .none), .opt("vars", .any, .none), figsize],
            doc:
                "seaborn's pairplot: a scatter of every pair of numeric columns, a histogram of each on the diagonal, coloured by hue=.",
            example: "pairplot(df, hue=\"target\", vars=[\"alcohol\", \"proline\", \"hue\"])"
        ) { args in try pairplot(args) },
        Builtin(
            "set_theme",
            [
                .opt("style", .string, .string("darkgrid"), choices: Theme.StyleName.allCases.map(\.rawValue)),
                .opt("palette", .string, .string("colorblind"), choices: Palette.names, choiceNoun: "palette"),
            ],
            doc:
                "seaborn's set_theme: the look of the figures drawn from now on; styles darkgrid (the default), whitegrid, dark, white, ticks; seaborn's palettes.",
            example: "set_theme(style=\"whitegrid\", palette=\"deep\")"
        ) { args in
            let style = try args.choice("style", as: Theme.StyleName.self)
            guard let theme = Theme(style: style, palette: try args.choice("palette")) else {
                throw args.bad("palette", expected: "a palette name")
            }
            args.context.figures.theme = theme
            return .none
        },
    ]

    /// seaborn takes a Series (or list) as `data=` when there is no `x=`: it is then the data.
    static func seabornData(_ args: Arguments) throws -> Arguments {
        guard args.optional("x") == nil, let data = args.optional("data") else { return args }
        if case .object(is DataFrameObject) = data { return args }
        return args.replacing("x", with: data)
    }

    /// Axis labels from the columns' names, as seaborn labels axes by variable.
    static func defaultText(_ args: Arguments, y: Bool = true) throws -> ChartText {
        try PlotInputs.chartText(
            args, defaultX: PlotInputs.series(args, "x")?.seriesName,
            defaultY: y ? PlotInputs.series(args, "y")?.seriesName : nil)
    }

    /// Box plots or violins of y per category of x (and hue level); with only one of x and y, one
    /// shape of its values.
    static func grouped(_ args: Arguments, violin: Bool) throws -> Value {
        guard args.optional("x") != nil || args.optional("y") != nil else {
            try PlotInputs.require(args, "y")
            return .none
        }
        let valueName = args.optional("y") != nil ? "y" : "x"
        let values = try PlotInputs.numbers(args, valueName)
        let categories: [String]
        if valueName == "y", args.optional("x") != nil {
            categories = try PlotInputs.texts(args, "x")
        } else {
            categories = Array(repeating: PlotInputs.series(args, valueName)?.seriesName ?? "", count: values.count)
        }
        let (hue, hueTitle) = try PlotInputs.hue(args)
        let text = try PlotInputs.chartText(
            args, defaultX: valueName == "y" ? PlotInputs.series(args, "x")?.seriesName : nil,
            defaultY: PlotInputs.series(args, valueName)?.seriesName)
        return try make(args, violin ? "violin plot" : "box plot") { () throws(PlotError) in
            try Figure.grouped(categories: categories, values: values, hue: hue, hueTitle: hueTitle, violin: violin, text: text)
        }
    }

    /// `pairplot(df, hue=, vars=)`: the numeric columns (or those named), hue's column left out.
    static func pairplot(_ args: Arguments) throws -> Value {
        guard case .object(let frame as DataFrameObject) = args.value("data") else {
            throw args.bad("data", expected: "a DataFrame")
        }
        let args = try PlotInputs.withColumns(args, ["hue"])
        guard frame.frame.rowCount > 0 else {
            throw QuireError(.value, "pairplot: data= has no rows, so there is nothing to plot", argument: "data")
        }
        let hueName: String? = {
            if case .string(let s) = args.value("hue") { return s }
            return PlotInputs.series(args, "hue")?.seriesName
        }()
        var names: [String]
        if args.optional("vars") != nil {
            names = try PlotInputs.texts(args, "vars")
            for name in names where !frame.frame.names.contains(name) {
                var hint = "columns: " + DataConversions.columnList(frame.frame.names)
                if let close = Suggest.closest(to: name, in: frame.frame.names) { hint = "did you mean \(Printer.quote(close))? " + hint }
                throw QuireError(.key, "bad argument \"vars\" to pairplot: no column named \(Printer.quote(name)) in data", hint: hint, argument: "vars")
            }
        } else {
            names = try frame.frame.names.filter { try frame.frame.column($0).column.type != .string && $0 != hueName }
        }
        guard !names.isEmpty else {
            throw QuireError(.value, "pairplot: data= has no numeric columns to plot", hint: "convert columns with astype(\"float64\")", argument: "data")
        }
        var columns: [(name: String, values: [Double])] = []
        for name in names {
            let series = try frame.frame.column(name)
            guard series.column.type != .string else {
                throw QuireError(.argument, "bad argument \"vars\" to pairplot: column \(Printer.quote(name)) holds text, not numbers", argument: "vars")
            }
            columns.append((name, SeriesObject(series).numericValues))
        }
        let (hue, hueTitle) = try PlotInputs.hue(args)
        return try make(args, "pair plot") { () throws(PlotError) in
            try Figure.pairplot(columns: columns, hue: hue, hueTitle: hueTitle)
        }
    }
}

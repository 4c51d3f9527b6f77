import QuireSupport
import QuireArray
import QuireLang
import QuirePlot

/// The bodies of the chart builtins: value conversion, then one call into QuirePlot.
extension PlotBuiltins {
    /// Runs a QuirePlot call, turning its error into a sentence naming the builtin.
    /// It also sets the `figsize=` asked for and draws in the theme of `set_theme`.
    static func make(_ args: Arguments, _ kind: String, _ build: () throws(PlotError) -> Figure) throws -> Value {
        let size = try PlotInputs.figsize(args)
        let theme = args.context.figures.theme as? Theme
        do throws(PlotError) {
            var drawn = try build()
            if let size { try drawn.resize(width: size.0, height: size.1) }
            if let theme { drawn.apply(theme) }
            let figure = FigureObject(drawn, kind: kind)
            args.context.figures.drawn(figure)
            return .object(figure)
        } catch {
            throw PlotMessages.error(error, function: args.builtin.qualifiedName)
        }
    }

    static func bar(_ args: Arguments, data: String = "x") throws -> Value {
        let args = try PlotInputs.withColumns(args)
        if data == "x", args.optional("y") != nil || args.optional("hue") != nil {
            // bar(data=df, x="cat", y="value", hue=...): one bar per row's label (and hue level).
            try PlotInputs.require(args, "y")
            let labels = try PlotInputs.texts(args, "x")
            let values = try PlotInputs.numbers(args, "y")
            let (hue, hueTitle) = try PlotInputs.hue(args)
            let text = try PlotInputs.chartText(
                args, defaultX: PlotInputs.series(args, "x")?.seriesName, defaultY: PlotInputs.series(args, "y")?.seriesName)
            return try make(args, "bar chart") { () throws(PlotError) in
                try Figure.barplot(categories: labels, values: values, hue: hue, hueTitle: hueTitle, text: text)
            }
        }
        let labels: [String]
        let values: [Double]
        if let s = PlotInputs.series(args, data), args.optional("values") == nil {
            labels = s.indexLabels
            values = s.numericValues
        } else if args.optional("values") != nil {
            labels = try PlotInputs.texts(args, data)
            values = try PlotInputs.numbers(args, "values")
        } else {
            values = try PlotInputs.numbers(args, data)
            labels = values.indices.map(String.init)
        }
        let text = try PlotInputs.chartText(args)
        let color = try PlotInputs.color(args)
        return try make(args, "bar chart") { () throws(PlotError) in
            try Figure.bar(labels: labels, values: values, color: color, text: text)
        }
    }

    static func hist(_ args: Arguments, data: String = "x") throws -> Value {
        let args = try PlotInputs.withColumns(args)
        let values = try PlotInputs.numbers(args, data)
        let binning = try PlotInputs.binning(args)
        let kde = try args.bool("kde")
        let text = try PlotInputs.chartText(args, defaultX: PlotInputs.series(args, data)?.seriesName)
        let color = try PlotInputs.color(args)
        let (hue, hueTitle): ([String]?, String?) = try data == "x" ? PlotInputs.hue(args) : (nil, nil)
        if let hue {
            return try make(args, "histogram") { () throws(PlotError) in
                try Figure.histogram(values: values, binning: binning, hue: hue, hueTitle: hueTitle, text: text)
            }
        }
        return try make(args, "histogram") { () throws(PlotError) in
            try Figure.histogram(values: values, binning: binning, kde: kde, color: color, text: text)
        }
    }

    static func scatter(_ args: Arguments) throws -> Value {
        let args = try PlotInputs.withColumns(args)
        try PlotInputs.require(args, "x")
        try PlotInputs.require(args, "y")
        let xs = try PlotInputs.numbers(args, "x")
        let ys = try PlotInputs.numbers(args, "y")
        let hue = args.optional("hue") == nil ? nil : try PlotInputs.texts(args, "hue")
        let text = try PlotInputs.chartText(
            args, defaultX: PlotInputs.series(args, "x")?.seriesName, defaultY: PlotInputs.series(args, "y")?.seriesName)
        let hueTitle = PlotInputs.series(args, "hue")?.seriesName
        let (logX, logY) = try logScales(args)
        return try make(args, "scatter plot") { () throws(PlotError) in
            var figure = try Figure.scatter(xs: xs, ys: ys, hue: hue, hueTitle: hueTitle, text: text)
            try figure.setLogScale(x: logX, y: logY)
            return figure
        }
    }

    static func line(_ args: Arguments, data: String = "x") throws -> Value {
        let args = try PlotInputs.withColumns(args)
        if args.optional("hue") != nil {
            try PlotInputs.require(args, "y")
            let xs = try PlotInputs.numbers(args, "x")
            let ys = try PlotInputs.numbers(args, "y")
            let (hue, hueTitle) = try PlotInputs.hue(args)
            let text = try PlotInputs.chartText(
                args, defaultX: PlotInputs.series(args, "x")?.seriesName, defaultY: PlotInputs.series(args, "y")?.seriesName)
            return try make(args, "line plot") { () throws(PlotError) in
                try Figure.lines(xs: xs, ys: ys, hue: hue ?? [], hueTitle: hueTitle, text: text)
            }
        }
        var xs = try PlotInputs.numbers(args, data)
        var ys = xs
        if args.optional("y") != nil {
            ys = try PlotInputs.numbers(args, "y")
        } else {
            xs = xs.indices.map(Double.init)
        }
        let text = try PlotInputs.chartText(args)
        let color = try PlotInputs.color(args)
        let name = try args.optionalString("label")
        let (logX, logY) = try logScales(args)
        return try make(args, "line plot") { () throws(PlotError) in
            var figure = try Figure.line(xs: xs, ys: ys, color: color, name: name, text: text)
            try figure.setLogScale(x: logX, y: logY)
            return figure
        }
    }

    static func logScales(_ args: Arguments) throws -> (Bool, Bool) {
        (try args.choice("xscale") == "log", try args.choice("yscale") == "log")
    }

    static func heatmap(_ args: Arguments) throws -> Value {
        let matrix = try ndarray(args, "data")
        guard matrix.ndim == 2 else { throw args.bad("data", expected: "a 2-D array, table or list of lists") }
        let values = matrix.doubles
        let format = try annotationFormat(args, matrix)
        let colormap = try PlotInputs.colormap(args) ?? .viridis
        var xNames: [String]?
        if case .object(let o as ArrayConvertible) = args.value("data") { xNames = o.columnLabels }
        if args.optional("xticklabels") != nil { xNames = try PlotInputs.texts(args, "xticklabels") }
        var yNames: [String]?
        // A table's row labels name the rows (df.corr() is labelled by its columns both ways).
        if case .object(let o as DataFrameObject) = args.value("data"), o.frame.columnCount > 0, o.frame.rowCount == matrix.shape[0] {
            yNames = o.frame.series(at: 0).indexLabelTexts
        }
        if args.optional("yticklabels") != nil { yNames = try PlotInputs.texts(args, "yticklabels") }
        let colorBar = try args.bool("cbar")
        let text = try PlotInputs.chartText(args)
        let (rows, columns) = (matrix.shape[0], matrix.shape[1])
        return try make(args, "heatmap") { () throws(PlotError) in
            try Figure.heatmap(
                rows: rows, columns: columns, values: values, colormap: colormap, format: format, colorBar: colorBar,
                xTickLabels: xNames, yTickLabels: yNames, text: text)
        }
    }

    /// The cell format: none without `annot`; by default "d" for whole numbers, else ".2g".
    static func annotationFormat(_ args: Arguments, _ matrix: NDArray) throws -> NumberFormat? {
        guard try args.bool("annot") else { return nil }
        let finite = matrix.doubles.filter(\.isFinite)
        guard let spec = try args.optionalString("fmt") else {
            return NumberFormat(finite.allSatisfy { $0 == $0.rounded() } ? "d" : ".2g")
        }
        guard let format = NumberFormat(spec) else {
            throw args.bad("fmt", expected: "a format such as \"d\", \".2g\" or \".1f\"")
        }
        if let bad = finite.first(where: format.rejects) {
            var e = args.bad("fmt", expected: "a format for these values")
            e.hint = "\"d\" needs whole numbers, and the data has \(Printer.formatDouble(bad)); try \".2g\""
            throw e
        }
        return format
    }

    static func imshow(_ args: Arguments) throws -> Value {
        let image = try ndarray(args, "image")
        let colormap = try PlotInputs.colormap(args)
        let text = try PlotInputs.chartText(args)
        return try make(args, "image") { () throws(PlotError) in
            try Figure.image(image, colormap: colormap, text: text)
        }
    }

    static func boxplot(_ args: Arguments) throws -> Value {
        let args = try PlotInputs.withColumns(args)
        if args.optional("x") != nil || args.optional("y") != nil {
            return try grouped(args, violin: false)
        }
        var (groups, names) = try PlotInputs.boxGroups(args)
        if args.optional("labels") != nil { names = try PlotInputs.texts(args, "labels") }
        let text = try PlotInputs.chartText(args)
        return try make(args, "box plot") { () throws(PlotError) in
            try Figure.boxplot(groups: groups, names: names, text: text)
        }
    }

    static func subplots(_ args: Arguments) throws -> Value {
        let rows = try args.int("rows")
        let columns = try args.int("cols")
        var values = args.rest
        if values.count == 1, case .list(let l) = values[0] { values = l.items }
        let figures = try PlotInputs.figures(values, args)
        // Drawn into the grid, the parts are not shown on their own as well.
        for value in values { args.context.figures.settle(value) }
        let title = try args.optionalString("title")
        return try make(args, "grid of plots") { () throws(PlotError) in
            var figure = try Figure.grid(figures, rows: rows, columns: columns)
            figure.title = title
            return figure
        }
    }

    static func save(_ figure: FigureObject, _ args: Arguments) throws -> Value {
        let path = try args.filePath(for: .write).path
        let dpi = try args.double("dpi")
        try figure.save(to: path, dpi: dpi, shownAs: try args.string("path"))
        args.context.figures.settle(.object(figure))
        return .none
    }
}

import QuireArray
import QuireData
import QuireLang
import QuirePlot

/// Conversion of Quire values into what QuirePlot takes, with the shared argument wording.
enum PlotInputs {
    /// The numbers of a one-dimensional argument (list, Array, Series); NaN stays NaN.
    static func numbers(_ args: Arguments, _ name: String) throws -> [Double] {
        if case .object(let o as SeriesObject) = args.value(name), o.series.column.type == .string {
            let what = o.series.name.map { "column \(Printer.quote($0))" } ?? "this Series"
            throw QuireError(
                .argument, "bad argument \"\(name)\" to \(args.builtin.qualifiedName): \(what) holds text, not numbers",
                hint: "give \(name)= a numeric column; text columns name categories (x= of barplot, boxplot, countplot)", argument: name)
        }
        let array = try ndarray(args, name)
        guard array.shape.filter({ $0 != 1 }).count <= 1 else {
            throw args.bad(name, expected: "a one-dimensional list of numbers")
        }
        return array.doubles
    }

    /// The values of a list, tuple or iterable object as text (category names, hue groups).
    static func texts(_ args: Arguments, _ name: String) throws -> [String] {
        let value = args.value(name)
        if case .object(let o as SeriesLike) = value {
            // The column's own values when it can list them (text columns), else its numbers.
            if let items = try o.elements() { return items.map(Printer.str) }
            return o.numericValues.map(numberText)
        }
        switch value {
        case .list(let l): return l.items.map(Printer.str)
        case .tuple(let t): return t.map(Printer.str)
        case .object(let o as ArrayConvertible) where try o.elements() == nil:
            return try o.toNDArray().doubles.map(numberText)
        case .object(let o):
            guard let items = try o.elements() else { throw args.bad(name, expected: "a list") }
            return items.map(Printer.str)
        default: throw args.bad(name, expected: "a list")
        }
    }

    /// A number as a label: whole numbers without a decimal point.
    static func numberText(_ d: Double) -> String {
        d.isFinite && d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : Printer.formatDouble(d)
    }

    /// The labelled column behind an argument, if it is one.
    static func series(_ args: Arguments, _ name: String) -> SeriesLike? {
        if case .object(let o as SeriesLike) = args.value(name) { return o }
        return nil
    }

    /// The title and axis labels; an axis label defaults to `defaultX`/`defaultY` when not given.
    static func chartText(_ args: Arguments, defaultX: String? = nil, defaultY: String? = nil) throws -> ChartText {
        ChartText(
            title: try args.optionalString("title"), xLabel: try args.optionalString("xlabel") ?? defaultX,
            yLabel: try args.optionalString("ylabel") ?? defaultY)
    }

    /// A colour given by name (`"blue"`, `"C1"`) or as `"#rrggbb"`.
    static func color(_ args: Arguments, _ name: String = "color") throws -> RGBColor? {
        guard let text = try args.optionalString(name) else { return nil }
        guard let c = Palette.parse(text) else {
            var e = args.bad(name, expected: "a colour name such as \"blue\" or \"C1\", or \"#rrggbb\"")
            if let close = Suggest.closest(to: text, in: Array(Palette.named.keys).sorted()) { e.hint = "did you mean \"\(close)\"?" }
            throw e
        }
        return c
    }

    /// A colormap by name, with a did-you-mean hint for a misspelling.
    static func colormap(_ args: Arguments, _ name: String = "cmap") throws -> Colormap? {
        guard let text = try args.optionalString(name) else { return nil }
        guard let map = Colormap.named(text) else { throw PlotMessages.error(.unknownColormap(text), function: args.builtin.qualifiedName) }
        return map
    }

    /// A number of bins, or "auto".
    static func binning(_ args: Arguments) throws -> Histogram.Binning {
        switch args.value("bins") {
        case .string(let s):
            guard s == "auto" else { throw args.bad("bins", expected: "a whole number of bins or \"auto\"") }
            return .auto
        default:
            let n = try args.int("bins")
            guard n >= 1, n <= Histogram.maxBins else {
                throw args.bad("bins", expected: "a number of bins from 1 to \(Histogram.maxBins)")
            }
            return .count(n)
        }
    }

    /// The figures of a list or of variadic arguments.
    static func figures(_ values: [Value], _ args: Arguments) throws -> [Figure] {
        try values.map { v in
            guard case .object(let o as FigureObject) = v else {
                throw QuireError(
                    .type, "bad argument to \(args.builtin.qualifiedName): expected Figures, got \(Printer.shortRepr(v)) (\(v.typeNoun))")
            }
            return o.figure
        }
    }

    /// The groups of a box plot: a list of lists, the columns of a 2-D array or table, or one
    /// 1-D list; with names from the table's columns or 1, 2, 3...
    static func boxGroups(_ args: Arguments) throws -> (groups: [[Double]], names: [String]) {
        if case .list(let l) = args.value("data"), l.items.contains(where: { if case .list = $0 { true } else { false } }) {
            let groups = try l.items.map { try ndarray(from: $0).doubles }
            return (groups, groups.indices.map { String($0 + 1) })
        }
        let array = try ndarray(args, "data")
        switch array.ndim {
        case 0, 1:
            return ([array.doubles], [PlotInputs.series(args, "data")?.seriesName ?? "1"])
        case 2:
            let (rows, columns) = (array.shape[0], array.shape[1])
            let v = array.doubles
            let groups = (0..<columns).map { c in (0..<rows).map { v[$0 * columns + c] } }
            var names = (0..<columns).map { String($0 + 1) }
            if case .object(let o as ArrayConvertible) = args.value("data"), let labels = o.columnLabels, labels.count == columns {
                names = labels
            }
            return (groups, names)
        default:
            throw args.bad("data", expected: "a list of lists, a 2-D array or a table")
        }
    }

    // MARK: - seaborn's calling style

    /// With `data=` a DataFrame, a text `x=`, `y=` or `hue=` names one of its columns: the
    /// arguments with those names replaced by the columns. A text without `data=`, an unknown
    /// column or an empty table is an error naming the argument.
    static func withColumns(_ args: Arguments, _ names: [String] = ["x", "y", "hue"]) throws -> Arguments {
        let function = args.builtin.qualifiedName
        var frame: DataFrameObject?
        switch args.value("data") {
        case .object(let o as DataFrameObject): frame = o
        default: break
        }
        var result = args
        for name in names where args.builtin.parameters.contains(where: { $0.name == name }) {
            guard case .string(let column) = args.value(name) else { continue }
            guard let frame else {
                let hasData = args.optional("data") != nil
                throw QuireError(
                    .argument,
                    hasData
                        ? "bad argument \"\(name)\" to \(function): \(name)=\(Printer.quote(column)) names a column, but data= is not a DataFrame"
                        : "bad argument \"\(name)\" to \(function): \(name)=\(Printer.quote(column)) names a column, but no data= was given",
                    hint: "pass the table: \(function)(data=df, \(name)=\(Printer.quote(column))), or the column itself: \(name)=df.\(column)",
                    argument: name)
            }
            let known = frame.frame.names
            guard known.contains(column) else {
                var hint = "columns: " + DataConversions.columnList(known)
                if let close = Suggest.closest(to: column, in: known) { hint = "did you mean \(Printer.quote(close))? " + hint }
                throw QuireError(
                    .key, "bad argument \"\(name)\" to \(function): no column named \(Printer.quote(column)) in data", hint: hint,
                    argument: name)
            }
            guard frame.frame.rowCount > 0 else {
                throw QuireError(
                    .value, "\(function): data= has no rows, so there is nothing to plot", hint: "check the filter that made the table",
                    argument: "data")
            }
            result = result.replacing(name, with: .object(SeriesObject(try frame.frame.column(column))))
        }
        return result
    }

    /// A parameter the chart needs: the error says how to give it.
    static func require(_ args: Arguments, _ name: String) throws {
        guard args.optional(name) == nil else { return }
        let function = args.builtin.qualifiedName
        throw QuireError(
            .argument, "\(function) needs \(name)=: a column name of data= or a Series",
            hint: "e.g. \(function)(data=df, \(name)=\"alcohol\")", argument: name)
    }

    /// The text of a hue argument and its legend title (the column's name), or nils.
    static func hue(_ args: Arguments) throws -> (labels: [String]?, title: String?) {
        guard args.optional("hue") != nil else { return (nil, nil) }
        return (try texts(args, "hue"), series(args, "hue")?.seriesName)
    }

    /// `figsize=(w, h)` in inches, or nil when not given.
    static func figsize(_ args: Arguments) throws -> (Double, Double)? {
        guard args.builtin.parameters.contains(where: { $0.name == "figsize" }), let value = args.optional("figsize") else { return nil }
        let items: [Value]
        switch value {
        case .tuple(let t): items = t
        case .list(let l): items = l.items
        default: throw args.bad("figsize", expected: "(width, height) in inches, e.g. (10, 8)")
        }
        func inches(_ v: Value) -> Double? {
            switch v {
            case .int(let i): Double(i)
            case .double(let d): d
            default: nil
            }
        }
        guard items.count == 2, let w = inches(items[0]), let h = inches(items[1]) else {
            throw args.bad("figsize", expected: "(width, height) in inches, e.g. (10, 8)")
        }
        return (w, h)
    }
}

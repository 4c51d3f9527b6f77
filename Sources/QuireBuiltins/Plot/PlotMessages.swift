import QuireLang
import QuirePlot

/// The sentences for plot errors: the one place their wording lives.
enum PlotMessages {
    static func error(_ error: PlotError, function: String? = nil, path: String? = nil) -> QuireError {
        let subject = function.map { "\($0): " } ?? ""
        switch error {
        case .emptyData:
            return QuireError(.value, "\(subject)no values to plot (the data is empty, or every value is NaN)")
        case .lengthMismatch(let a, let b):
            return QuireError(.value, "\(subject)lengths do not match: \(a) and \(b) values")
        case .invalidBins(let n):
            return QuireError(.value, "\(subject)bins must be between 1 and \(Histogram.maxBins), got \(n)", argument: "bins")
        case .tooFewValues(let needed, let got):
            return QuireError(.value, "\(subject)needs at least \(needed) values that are not NaN, got \(got)")
        case .constantData:
            return QuireError(.value, "\(subject)every value is the same, so no density curve can be drawn", hint: "use kde=false")
        case .unknownColormap(let name):
            var e = QuireError(.value, "\(subject)unknown colormap \(Printer.quote(name))", argument: "cmap")
            e.hint =
                Suggest.closest(to: name, in: Colormap.names).map { "did you mean \(Printer.quote($0))?" }
                ?? "colormaps: " + Colormap.names.joined(separator: ", ")
            return e
        case .badShape(let shape, let expected):
            return QuireError(.value, "\(subject)expected an array of shape \(expected), got shape \(shapeText(shape))")
        case .nonPositiveOnLogScale:
            return QuireError(.value, "\(subject)a log scale needs positive values, and the data has zero or negative ones")
        case .unknownFormat(let ext):
            return QuireError(
                .value, "cannot write \(Printer.quote(path ?? "")): unknown image format \(Printer.quote(ext))",
                hint: "end the path with .png, .svg or .pdf", argument: "path")
        case .renderFailed(let reason):
            return QuireError(.io, "\(subject)drawing failed: \(reason)")
        case .cairoMissing:
            return QuireError(
                .io, "\(subject)drawing needs the Cairo library (libcairo.so.2), which cannot be loaded",
                hint: "install it (on Debian: sudo apt-get install libcairo2), or run scripts/install-deps.sh")
        case .writeFailed(let p, let reason):
            return QuireError(.io, "cannot write \(Printer.quote(p)): \(reason)", argument: "path")
        case .unreadableImage(let p, let reason):
            return QuireError(.io, "cannot read image \(Printer.quote(p)): \(reason)")
        case .invalidDPI(let dpi):
            return QuireError(
                .value, "dpi must be above 0 and at most \(Int(Figure.maxDPI)), got \(Printer.formatDouble(dpi))", argument: "dpi")
        case .invalidFigureSize(let w, let h):
            return QuireError(
                .value,
                "\(subject)figsize must be two positive numbers of inches, at most \(Int(Figure.maxInches)) each, got (\(PlotInputs.numberText(w)), \(PlotInputs.numberText(h)))",
                hint: "matplotlib's default is figsize=(6.4, 4.8), 640 x 480 pixels at 100 dpi", argument: "figsize")
        case .tooManyLevels(let n, let limit):
            return QuireError(
                .value, "\(subject)\(n) groups are too many to draw (at most \(limit))",
                hint: "group by a column with fewer distinct values, or choose the columns")
        case .tooManyPixels(let w, let h):
            return QuireError(
                .value, "\(subject)a \(w) x \(h) pixel picture is too large (at most \(Figure.maxPixels / 1_000_000) million pixels)",
                hint: "use a lower dpi or a smaller figsize", argument: "dpi")
        case .invalidGrid(let rows, let columns, let figures):
            return QuireError(
                .value, "\(subject)a \(rows) x \(columns) grid cannot hold \(figures) plots",
                hint: figures == 0 ? "pass the figures after rows and cols" : "use more rows or columns")
        }
    }

    static func shapeText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}

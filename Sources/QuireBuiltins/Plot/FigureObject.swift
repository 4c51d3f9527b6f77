import Foundation
import QuireLang
import QuirePlot

/// A figure in the language: shown by the display protocol (a PNG in the REPL, a file in a
/// notebook's output folder), written with `fig.save(path)`.
final class FigureObject: NativeObject, FigureDisplay {
    let figure: Figure
    /// What kind of chart it is, for the short description ("bar chart", "heatmap").
    let kind: String

    /// The resolution used when a figure is displayed rather than saved, as matplotlib's default.
    static let displayDPI = 100.0

    init(_ figure: Figure, kind: String) {
        self.figure = figure
        self.kind = kind
    }

    var typeName: String { "Figure" }

    func displayText() -> String {
        let size = "\(Printer.formatDouble(figure.width)) x \(Printer.formatDouble(figure.height)) in"
        let title = (figure.title ?? figure.axes.first?.title).map { " \(Printer.quote($0))" } ?? ""
        return "<Figure: \(kind)\(title), \(size)>"
    }

    func richDisplay() -> RichDisplay? { .figure(self) }

    /// Pictures (imshow) go into notebooks as PNG: an SVG would embed the same pixels as PNG
    /// data, slower to write and larger to store.
    var preferredExtension: String {
        let hasImage = figure.axes.contains { axes in
            axes.marks.contains { if case .image = $0 { true } else { false } }
        }
        return hasImage ? "png" : "svg"
    }

    /// Figure facts, as matplotlib's `ax.get_xticks()` and friends give them (of the first plot),
    /// registered like the figure's methods.
    static let attributes: [Builtin] = [
        attribute("size", "(width, height) in inches.", "fig.size") { .tuple([.double($0.figure.width), .double($0.figure.height)]) },
        attribute("axes_count", "How many plots the figure holds.", "fig.axes_count") { .int($0.figure.axes.count) },
        attribute("title", "The figure's title (or its first plot's), or none.", "fig.title") {
            ($0.figure.title ?? $0.figure.axes.first?.title).map(Value.string) ?? Value.none
        },
        attribute("xticks", "The x tick positions of the first plot.", "fig.xticks") { $0.layoutMember("xticks") },
        attribute("yticks", "The y tick positions of the first plot.", "fig.yticks") { $0.layoutMember("yticks") },
        attribute("xticklabels", "The x tick labels of the first plot.", "fig.xticklabels") { $0.layoutMember("xticklabels") },
        attribute("yticklabels", "The y tick labels of the first plot.", "fig.yticklabels") { $0.layoutMember("yticklabels") },
        attribute("legend", "The legend's entries of the first plot.", "fig.legend") { $0.layoutMember("legend") },
        attribute("legend_title", "The title of the first plot's legend (the hue column), or none.", "fig.legend_title") {
            $0.figure.axes.first?.legendTitle.map(Value.string) ?? .none
        },
        attribute("xlabel", "The x axis label of the first plot, or none.", "fig.xlabel") { $0.figure.axes.first?.xLabel.map(Value.string) ?? .none },
        attribute("ylabel", "The y axis label of the first plot, or none.", "fig.ylabel") { $0.figure.axes.first?.yLabel.map(Value.string) ?? .none },
        attribute("theme", "The style and palette the figure was drawn in (set_theme), e.g. \"darkgrid colorblind\".", "fig.theme") {
            .string($0.figure.theme.styleName.rawValue + " " + $0.figure.theme.paletteName)
        },
    ]

    private static func attribute(_ name: String, _ doc: String, _ example: String, _ read: @escaping (FigureObject) throws -> Value) -> Builtin {
        Builtin(attribute: name, on: "Figure", doc: doc, example: example) { args in try read(args.receiver(as: FigureObject.self)) }
    }

    private func layoutMember(_ name: String) -> Value {
        guard let axes = figure.layout().axes.first else { return .list(ListBox([])) }
        let items: [Value] =
            switch name {
            case "xticks": numbers(axes.xTicks.map(\.value))
            case "yticks": numbers(axes.yTicks.map(\.value))
            case "xticklabels": axes.xTicks.map { .string($0.label.text) }
            case "yticklabels": axes.yTicks.map { .string($0.label.text) }
            default: axes.legend?.entries.map { .string($0.label.text) } ?? []
            }
        return .list(ListBox(items))
    }

    /// Tick values as ints when all are whole, so they print as `100` rather than `100.0`.
    private func numbers(_ values: [Double]) -> [Value] {
        let whole = values.allSatisfy { $0 == $0.rounded() && abs($0) < 1e15 }
        return values.map { whole ? .int(Int($0)) : .double($0) }
    }

    /// PNG or SVG bytes drawn in memory, at the dpi of notebook figures.
    func data(format: String) throws -> Data {
        do throws(PlotError) {
            return try figure.data(svg: format == "svg", dpi: FigureObject.displayDPI)
        } catch {
            throw PlotMessages.error(error, path: "the figure")
        }
    }

    /// Writes the figure in the format of the path's extension (PNG, SVG or PDF).
    func write(toPath path: String) throws {
        try save(to: path, dpi: FigureObject.displayDPI)
    }

    /// Writes the figure, turning a plot error into a sentence.
    func save(to path: String, dpi: Double, shownAs shown: String? = nil) throws(QuireError) {
        do throws(PlotError) {
            try figure.write(to: path, dpi: dpi, shownAs: shown)
        } catch {
            throw PlotMessages.error(error, path: shown ?? path)
        }
    }
}

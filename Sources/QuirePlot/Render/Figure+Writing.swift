import Foundation
import QuireSupport

/// The file formats a figure can be written in.
public enum ImageFormat: String, Sendable, CaseIterable {
    case png, svg, pdf

    /// The format named by a path's extension (any letter case), or nil.
    public init?(path: String) {
        self.init(rawValue: (path as NSString).pathExtension.lowercased())
    }
}

extension Figure {
    /// The most dots per inch accepted: 1200 dpi on a default figure is already 7680 x 5760 pixels.
    public static let maxDPI = 1200.0
    /// The most pixels a PNG may have (about 400 MB of memory while drawing): a 50-inch figure
    /// at 1200 dpi would need gigabytes.
    public static let maxPixels = 100_000_000

    /// Checks that a raster of this figure at `dpi` stays within `maxPixels`.
    func checkPixels(dpi: Double) throws(PlotError) {
        let w = (width * dpi).rounded(.up)
        let h = (height * dpi).rounded(.up)
        guard w * h <= Double(Figure.maxPixels) else { throw .tooManyPixels(width: Int(w), height: Int(h)) }
    }

    /// Lays the figure out with Cairo's text measurements (what tests inspect).
    public func layout() -> FigureLayout { FigureLayout(self, measurer: CairoTextMeasurer(fontFamily: style.fontFamily)) }

    /// Writes the figure to `path` in the format of its extension (PNG at `dpi`, SVG or PDF).
    ///
    /// The file appears complete or not at all (see `AtomicWrite`): drawing goes to a temporary
    /// file in the same folder, which is renamed over `path` only when it is finished.
    public func write(to path: String, dpi: Double = 100, shownAs shown: String? = nil) throws(PlotError) {
        do {
            try AtomicWrite.checkDestination(path, shownAs: shown)  // a folder is named as such, not by its "extension"
        } catch {
            throw .writeFailed(path: error.path, reason: error.reason)
        }
        guard let format = ImageFormat(path: path) else {
            throw .unknownFormat(extension: (path as NSString).pathExtension)
        }
        guard dpi > 0, dpi <= Figure.maxDPI, dpi.isFinite else { throw .invalidDPI(dpi) }
        if format == .png { try checkPixels(dpi: dpi) }
        do {
            try AtomicWrite.write(to: path, shownAs: shown) { temporary in try render(format: format, dpi: dpi, temporaryPath: temporary) }
        } catch let error as WriteError {
            throw .writeFailed(path: error.path, reason: error.reason)
        } catch PlotError.writeFailed(_, let reason) {
            throw .writeFailed(path: shown ?? path, reason: reason)  // not the temporary file's name
        } catch let error as PlotError {
            throw error
        } catch {
            throw .writeFailed(path: path, reason: "\(error)")
        }
    }

    /// The figure as PNG or SVG bytes, drawn in memory (no file): for the Jupyter kernel.
    public func data(svg: Bool, dpi: Double = 100) throws(PlotError) -> Data {
        guard dpi > 0, dpi <= Figure.maxDPI, dpi.isFinite else { throw .invalidDPI(dpi) }
        if !svg { try checkPixels(dpi: dpi) }
        let (w, h) = pointSize
        let canvas = try CairoCanvas(kind: svg ? .svgInMemory : .raster(dpi: dpi), width: w, height: h, fontFamily: style.fontFamily)
        let layout = FigureLayout(self, measurer: canvas)
        try FigureRenderer(layout: layout, canvas: canvas).draw()
        let png = svg ? Data() : try canvas.pngData()
        try canvas.finish()
        return svg ? canvas.streamedData : png
    }

    private func render(format: ImageFormat, dpi: Double, temporaryPath: String) throws(PlotError) {
        let (w, h) = pointSize
        let kind: CairoCanvas.Kind =
            switch format {
            case .png: .raster(dpi: dpi)
            case .svg: .svg(path: temporaryPath)
            case .pdf: .pdf(path: temporaryPath)
            }
        let canvas = try CairoCanvas(kind: kind, width: w, height: h, fontFamily: style.fontFamily)
        let layout = FigureLayout(self, measurer: canvas)
        try FigureRenderer(layout: layout, canvas: canvas).draw()
        if format == .png { try canvas.writePNG(to: temporaryPath) }
        try canvas.finish()
        guard let size = try? FileManager.default.attributesOfItem(atPath: temporaryPath)[.size] as? Int, size > 0 else {
            throw .writeFailed(path: temporaryPath, reason: "nothing was written")
        }
    }
}

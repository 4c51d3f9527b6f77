import CCairo
import Foundation

/// Where horizontally a text's anchor point lies.
public enum HorizontalAlignment: Sendable { case left, center, right }
/// Where vertically a text's anchor point lies.
public enum VerticalAlignment: Sendable { case top, center, baseline, bottom }

/// An owning wrapper around one Cairo surface and its drawing context. Coordinates are points;
/// PNG surfaces are scaled by dpi/72. No Cairo pointer leaves this class.
final class CairoCanvas: TextMeasurer {
    enum Kind {
        case raster(dpi: Double)
        case svg(path: String)
        case pdf(path: String)
        /// SVG into memory (`streamedData` once finished), for the Jupyter kernel.
        case svgInMemory
    }

    private let surface: OpaquePointer
    private let cr: OpaquePointer
    private let fontFamily: String
    /// Where a stream surface (and `pngData`) writes; kept alive as long as the surface.
    private let stream = StreamBuffer()

    /// Makes a canvas of `width` x `height` points.
    init(kind: Kind, width: Double, height: Double, fontFamily: String = Style.seaborn.fontFamily) throws(PlotError) {
        guard CairoCanvas.libraryLoads else { throw .cairoMissing }
        switch kind {
        case .raster(let dpi):
            let w = Int32(max(1, (width * dpi / 72).rounded()))
            let h = Int32(max(1, (height * dpi / 72).rounded()))
            surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h)
        case .svg(let path):
            surface = cairo_svg_surface_create(path, width, height)
        case .pdf(let path):
            surface = cairo_pdf_surface_create(path, width, height)
        case .svgInMemory:
            surface = cairo_svg_surface_create_for_stream(appendToStream, Unmanaged.passUnretained(stream).toOpaque(), width, height)
        }
        cr = cairo_create(surface)
        self.fontFamily = fontFamily
        if let failure = CairoCanvas.failure(cairo_surface_status(surface)) ?? CairoCanvas.failure(cairo_status(cr)) {
            cairo_destroy(cr)
            cairo_surface_destroy(surface)
            switch kind {
            case .svg(let path), .pdf(let path): throw .writeFailed(path: path, reason: failure)
            case .raster, .svgInMemory: throw .renderFailed(failure)
            }
        }
        if case .raster(let dpi) = kind { cairo_scale(cr, dpi / 72, dpi / 72) }
        let options = cairo_font_options_create()
        // Unhinted metrics: text measures the same at every dpi and in every format.
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        // A hint style of its own: left to the default, PNG text drawn after an SVG figure in the
        // same process was hinted otherwise (a REPL-saved figure then failed `quire check`).
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_SLIGHT)
        cairo_set_font_options(cr, options)
        cairo_font_options_destroy(options)
        cairo_select_font_face(cr, fontFamily, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
    }

    /// Whether Cairo, loaded at the first drawing rather than at every start, can be loaded.
    static var libraryLoads: Bool { quire_cairo_load() != 0 }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    private static func failure(_ status: cairo_status_t) -> String? {
        status == CAIRO_STATUS_SUCCESS ? nil : String(cString: cairo_status_to_string(status))
    }

    private func setColor(_ c: RGBColor) {
        cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha)
    }

    func fill(_ rect: Rect, _ color: RGBColor, antialias: Bool = true) {
        if !antialias { cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE) }
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        setColor(color)
        cairo_fill(cr)
        if !antialias { cairo_set_antialias(cr, CAIRO_ANTIALIAS_DEFAULT) }
    }

    func stroke(_ rect: Rect, _ color: RGBColor, width: Double) {
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        setColor(color)
        cairo_set_line_width(cr, width)
        cairo_stroke(cr)
    }

    /// A polyline; non-finite points break it into pieces.
    func polyline(_ points: [Point], _ color: RGBColor, width: Double, roundCaps: Bool = true) {
        var penDown = false
        for p in points {
            if p.x.isFinite && p.y.isFinite {
                if penDown { cairo_line_to(cr, p.x, p.y) } else { cairo_move_to(cr, p.x, p.y) }
                penDown = true
            } else {
                penDown = false
            }
        }
        setColor(color)
        cairo_set_line_width(cr, width)
        cairo_set_line_cap(cr, roundCaps ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT)
        cairo_stroke(cr)
    }

    /// A closed polygon, filled, with an optional outline.
    func polygon(_ points: [Point], fill: RGBColor, edge: RGBColor?, width: Double) {
        guard let first = points.first, points.count >= 3 else { return }
        cairo_new_path(cr)
        cairo_move_to(cr, first.x, first.y)
        for p in points.dropFirst() { cairo_line_to(cr, p.x, p.y) }
        cairo_close_path(cr)
        setColor(fill)
        if let edge {
            cairo_fill_preserve(cr)
            setColor(edge)
            cairo_set_line_width(cr, width)
            cairo_stroke(cr)
        } else {
            cairo_fill(cr)
        }
    }

    func circle(at center: Point, radius: Double, fill: RGBColor, edge: RGBColor?, edgeWidth: Double) {
        cairo_new_sub_path(cr)
        cairo_arc(cr, center.x, center.y, radius, 0, 2 * Double.pi)
        setColor(fill)
        if let edge {
            cairo_fill_preserve(cr)
            setColor(edge)
            cairo_set_line_width(cr, edgeWidth)
            cairo_stroke(cr)
        } else {
            cairo_fill(cr)
        }
    }

    func clip(to rect: Rect) {
        cairo_save(cr)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(cr)
    }

    func endClip() { cairo_restore(cr) }

    /// Measures a line of text at a font size, in points.
    func measure(_ text: String, size: Double) -> TextSize {
        cairo_set_font_size(cr, size)
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &extents)
        var font = cairo_font_extents_t()
        cairo_font_extents(cr, &font)
        return TextSize(width: extents.x_advance, ascent: font.ascent, descent: font.descent)
    }

    /// Draws a line of text anchored at `point`, turned by `degrees` counter-clockwise about it.
    func text(
        _ text: String, at point: Point, size: Double, color: RGBColor,
        horizontal: HorizontalAlignment, vertical: VerticalAlignment, degrees: Double = 0
    ) {
        let m = measure(text, size: size)
        let dx: Double =
            switch horizontal {
            case .left: 0
            case .center: -m.width / 2
            case .right: -m.width
            }
        let dy: Double =
            switch vertical {
            case .top: m.ascent
            case .center: (m.ascent - m.descent) / 2
            case .baseline: 0
            case .bottom: -m.descent
            }
        cairo_save(cr)
        cairo_translate(cr, point.x, point.y)
        cairo_rotate(cr, -degrees * Double.pi / 180)
        cairo_move_to(cr, dx, dy)
        setColor(color)
        cairo_show_text(cr, text)
        cairo_restore(cr)
    }

    /// Draws RGB pixels stretched over `rect`; `smooth` filters when shrinking, otherwise each
    /// pixel stays a sharp square, as matplotlib shows images.
    func image(rgb: [UInt8], width: Int, height: Int, in rect: Rect, smooth: Bool) throws(PlotError) {
        let format = CAIRO_FORMAT_RGB24
        let stride = Int(cairo_format_stride_for_width(format, Int32(width)))
        let data = UnsafeMutablePointer<UInt8>.allocate(capacity: stride * height)
        defer { data.deallocate() }
        data.initialize(repeating: 0, count: stride * height)
        rgb.withUnsafeBufferPointer { src in
            data.withMemoryRebound(to: UInt32.self, capacity: stride * height / 4) { words in
                for row in 0..<height {
                    let rowStart = row * stride / 4
                    for col in 0..<width {
                        let i = (row * width + col) * 3
                        words[rowStart + col] = UInt32(src[i]) << 16 | UInt32(src[i + 1]) << 8 | UInt32(src[i + 2])
                    }
                }
            }
        }
        let pixels = cairo_image_surface_create_for_data(data, format, Int32(width), Int32(height), Int32(stride))
        defer { cairo_surface_destroy(pixels) }
        if let failure = CairoCanvas.failure(cairo_surface_status(pixels)) { throw .renderFailed(failure) }
        cairo_save(cr)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(cr)
        cairo_translate(cr, rect.x, rect.y)
        cairo_scale(cr, rect.width / Double(width), rect.height / Double(height))
        cairo_set_source_surface(cr, pixels, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), smooth ? CAIRO_FILTER_GOOD : CAIRO_FILTER_NEAREST)
        cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD)
        cairo_paint(cr)
        cairo_restore(cr)
        // The pixel buffer is freed on return: make sure vector surfaces have copied it.
        cairo_surface_flush(surface)
    }

    /// Completes a vector file or checks a raster one; throws Cairo's error if drawing failed.
    func finish() throws(PlotError) {
        cairo_surface_finish(surface)
        if let failure = CairoCanvas.failure(cairo_status(cr)) ?? CairoCanvas.failure(cairo_surface_status(surface)) {
            throw .renderFailed(failure)
        }
    }

    /// What a stream surface wrote (an in-memory SVG, after `finish`).
    var streamedData: Data { stream.data }

    /// A raster canvas as PNG bytes, without a file.
    func pngData() throws(PlotError) -> Data {
        Data(try pngBytes())
    }

    /// Writes a raster canvas as a PNG file.
    func writePNG(to path: String) throws(PlotError) {
        let bytes = try pngBytes()
        guard let file = fopen(path, "wb") else { throw .writeFailed(path: path, reason: String(cString: strerror(errno))) }
        let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        let closed = fclose(file)
        if written != bytes.count || closed != 0 { throw .writeFailed(path: path, reason: String(cString: strerror(errno))) }
    }

    /// The PNG encoding of a raster canvas, read straight from Cairo's pixel buffer.
    private func pngBytes() throws(PlotError) -> [UInt8] {
        cairo_surface_flush(surface)
        if let failure = CairoCanvas.failure(cairo_surface_status(surface)) { throw .renderFailed(failure) }
        let format = cairo_image_surface_get_format(surface)
        guard format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24, let data = cairo_image_surface_get_data(surface) else {
            throw .renderFailed("not an image surface")
        }
        do {
            return try PNGEncoder.encode(
                data, width: Int(cairo_image_surface_get_width(surface)), height: Int(cairo_image_surface_get_height(surface)),
                stride: Int(cairo_image_surface_get_stride(surface)), alpha: format == CAIRO_FORMAT_ARGB32)
        } catch {
            throw .renderFailed("PNG encoding failed (\(error))")
        }
    }
}

/// Bytes Cairo writes through a stream callback.
private final class StreamBuffer {
    var data = Data()
}

/// Cairo's write callback for stream surfaces: appends to the `StreamBuffer` passed as closure.
private func appendToStream(_ closure: UnsafeMutableRawPointer?, _ bytes: UnsafePointer<UInt8>?, _ length: UInt32) -> cairo_status_t {
    guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
    Unmanaged<StreamBuffer>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
    return CAIRO_STATUS_SUCCESS
}

/// Measures text with Cairo on a one-pixel scratch surface, exactly as the renderer will draw it.
/// Without Cairo (the library cannot be loaded), text is measured by an estimate, so that a
/// figure's layout is still there to inspect; drawing it then reports the missing library.
public final class CairoTextMeasurer: TextMeasurer {
    private let canvas: CairoCanvas?

    public init(fontFamily: String = Style.seaborn.fontFamily) {
        // A 1x1 image surface cannot fail to be created short of memory exhaustion.
        canvas = try? CairoCanvas(kind: .raster(dpi: 72), width: 1, height: 1, fontFamily: fontFamily)
    }

    public func measure(_ text: String, size: Double) -> TextSize {
        // DejaVu Sans: about 0.6 em per character, 0.93 em above the baseline, 0.24 below.
        canvas?.measure(text, size: size)
            ?? TextSize(width: 0.6 * size * Double(text.count), ascent: 0.93 * size, descent: 0.24 * size)
    }
}

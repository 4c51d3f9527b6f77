import CCairo
import Foundation
import Testing

@testable import QuirePlot

/// The fast PNG encoder gives the pixels Cairo's own writer gives, for opaque and translucent
/// surfaces, and a valid file libpng (through Cairo) reads back.
@Suite struct PNGEncoderTests {
    /// A surface with flat areas, a gradient, antialiased text-like curves and, unless
    /// `opaque`, translucent and fully transparent pixels.
    func drawnSurface(width: Int32, height: Int32, opaque: Bool) -> OpaquePointer {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height)!
        let cr = cairo_create(surface)!
        if opaque {
            cairo_set_source_rgb(cr, 1, 1, 1)
            cairo_paint(cr)
        }
        let gradient = cairo_pattern_create_linear(0, 0, Double(width), Double(height))!
        cairo_pattern_add_color_stop_rgba(gradient, 0, 0.1, 0.4, 0.9, opaque ? 1 : 0.3)
        cairo_pattern_add_color_stop_rgba(gradient, 1, 0.9, 0.2, 0.1, opaque ? 1 : 0.8)
        cairo_set_source(cr, gradient)
        cairo_rectangle(cr, 3, 5, Double(width) / 2, Double(height) / 2)
        cairo_fill(cr)
        cairo_set_source_rgba(cr, 0.2, 0.7, 0.3, opaque ? 1 : 0.55)
        cairo_arc(cr, Double(width) * 0.6, Double(height) * 0.6, Double(height) / 3, 0, 6.28)
        cairo_set_line_width(cr, 2.5)
        cairo_stroke(cr)
        cairo_pattern_destroy(gradient)
        cairo_destroy(cr)
        cairo_surface_flush(surface)
        return surface
    }

    func encoded(_ surface: OpaquePointer) throws -> [UInt8] {
        try PNGEncoder.encode(
            cairo_image_surface_get_data(surface), width: Int(cairo_image_surface_get_width(surface)),
            height: Int(cairo_image_surface_get_height(surface)), stride: Int(cairo_image_surface_get_stride(surface)), alpha: true)
    }

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("quire-png-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(arguments: [true, false])
    func samePixelsAsCairosWriter(opaque: Bool) throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let surface = drawnSurface(width: 97, height: 61, opaque: opaque)
        defer { cairo_surface_destroy(surface) }
        let cairoPath = dir.appendingPathComponent("cairo.png").path
        let ours = dir.appendingPathComponent("ours.png").path
        #expect(cairo_surface_write_to_png(surface, cairoPath) == CAIRO_STATUS_SUCCESS)
        try Data(try encoded(surface)).write(to: URL(fileURLWithPath: ours))
        let a = try DecodedPNG(path: cairoPath), b = try DecodedPNG(path: ours)
        #expect(a.width == 97 && a.height == 61 && b.width == 97 && b.height == 61)
        #expect(a.rgba == b.rgba)
        // The picture is not trivially blank: it has colour, and translucency when asked.
        #expect(Set(b.rgba).count > 10)
        #expect(b.rgba.enumerated().contains { $0.offset % 4 == 3 && $0.element < 255 } == !opaque)
    }

    /// An opaque surface is written as RGB (colour type 2), as Cairo does; a translucent one as RGBA (6).
    @Test func colourTypeFollowsTransparency() throws {
        let opaque = drawnSurface(width: 8, height: 4, opaque: true)
        let clear = drawnSurface(width: 8, height: 4, opaque: false)
        defer { cairo_surface_destroy(opaque); cairo_surface_destroy(clear) }
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let rgb = try encoded(opaque), rgba = try encoded(clear)
        #expect(Array(rgb.prefix(8)) == signature)
        #expect(rgb[25] == 2 && rgba[25] == 6)
        #expect(Array(rgb.suffix(12)) == [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])  // IEND with its CRC
    }

    /// A written figure is a PNG libpng reads, with the figure's size and white background.
    @Test func figureWrittenThroughEncoderReadsBack() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bars.png").path
        let figure = try Figure.bar(labels: ["a", "b", "c"], values: [3, 1, 2])
        try figure.write(to: path, dpi: 50)
        let png = try DecodedPNG(path: path)
        #expect(png.width == 320 && png.height == 240)
        #expect(png.pixel(0, 0) == (255, 255, 255, 255))
    }
}

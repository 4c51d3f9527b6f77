import Foundation
import QuireArray
import QuirePlot
import Testing

/// The figures of the mobile-price and image tutorials, written to PNG and checked by their
/// decoded pixels.
@Suite struct TutorialFigureTests {
    @Test func classCountBarChart() throws {
        let classes = try TestSupport.csvColumn("mobile_price_train.csv", "price_range")
        let labels = ["1", "2", "3", "0"]
        let counts = labels.map { l in Double(classes.filter { $0 == Double(l)! }.count) }
        #expect(counts == [500, 500, 500, 500])
        let figure = try Figure.bar(labels: labels, values: counts, text: ChartText(xLabel: "price_range", yLabel: "Count"))
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent("class_counts.png")
        try figure.write(to: path.path, dpi: 100)
        TestSupport.keep(path)
        let png = try DecodedPNG(path: path.path)
        #expect(png.width == 640 && png.height == 480)
        // The bars are the palette's blue: many pixels of exactly that colour.
        let blue = Palette.color(0).bytes
        var bluePixels = 0
        for y in 0..<png.height {
            for x in 0..<png.width {
                let p = png.pixel(x, y)
                if p.red == blue.red && p.green == blue.green && p.blue == blue.blue { bluePixels += 1 }
            }
        }
        #expect(bluePixels > png.width * png.height / 5)
        let layout = figure.layout()
        #expect(layout.axes[0].yTicks.map(\.value) == [0, 100, 200, 300, 400, 500])
        #expect(layout.axes[0].xTicks.map(\.label.text) == labels)
    }

    @Test(arguments: ["battery_power", "blue", "m_dep"])
    func distribution(column: String) throws {
        let values = try TestSupport.csvColumn("mobile_price_train.csv", column)
        let figure = try Figure.histogram(values: values, binning: .auto, text: ChartText(xLabel: column))
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent("dist_\(column).png")
        try figure.write(to: path.path)
        TestSupport.keep(path)
        let png = try DecodedPNG(path: path.path)
        #expect(png.width == 500 && png.height == 500)
        let stats = TestSupport.grayStatistics(png)
        #expect(stats.mean > 150 && stats.mean < 250)
        #expect(stats.deviation > 20)
    }

    @Test func confusionMatrixHeatmap() throws {
        let figure = try TestSupport.confusionHeatmap()
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent("confusion.png")
        try figure.write(to: path.path)
        TestSupport.keep(path)
        let png = try DecodedPNG(path: path.path)
        #expect(png.width == 640 && png.height == 480)
        // The centre of the top-left cell (92, the maximum) is BuPu's darkest purple.
        let layout = figure.layout()
        let a = layout.axes[0]
        let darkest = Colormap.buPu.color(at: 1).bytes
        // Sample a little off-centre, away from the annotation's glyphs.
        let px = Int((a.x(-0.4)) * 100 / 72)
        let py = Int((a.y(-0.4)) * 100 / 72)
        let p = png.pixel(px, py)
        #expect(p.red == darkest.red && p.green == darkest.green && p.blue == darkest.blue)
    }

    @Test func grayCameraImage() throws {
        let camera = try DecodedPNG(path: TestSupport.data.appendingPathComponent("images/camera.png").path)
        let gray = NDArray(shape: [camera.height, camera.width], uint8: camera.grayLevels)
        let figure = try Figure.image(gray, colormap: .gray)
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent("camera.png")
        try figure.write(to: path.path)
        TestSupport.keep(path)
        let png = try DecodedPNG(path: path.path)
        // A gray colormap leaves every pixel gray.
        var colourful = 0
        for y in 0..<png.height {
            for x in 0..<png.width {
                let p = png.pixel(x, y)
                if p.red != p.green || p.green != p.blue { colourful += 1 }
            }
        }
        #expect(colourful == 0)
        let stats = TestSupport.grayStatistics(png)
        #expect(stats.deviation > 40)
        let a = figure.layout().axes[0]
        #expect(abs(a.plot.width - a.plot.height) < 0.01, "a square image keeps a square plot")
    }
}

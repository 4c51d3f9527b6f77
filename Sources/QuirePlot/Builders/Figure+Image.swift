import QuireArray

extension Figure {
    /// Cairo's image surfaces cannot be larger than this on either side.
    public static let maxImageSide = 32_767

    /// Shows an array as an image, as matplotlib's imshow: an h x w array through a colormap
    /// (default viridis) scaled from its smallest to its largest value; an h x w x 3 (or 4,
    /// alpha ignored) array as RGB, uint8 as it is, floats clipped to 0...1, ints to 0...255.
    public static func image(_ array: NDArray, colormap: Colormap? = nil, text: ChartText = ChartText()) throws(PlotError) -> Figure {
        let pixels = try imagePixels(array, colormap: colormap)
        var axes = Axes()
        axes.marks = [.image(pixels)]
        axes.yInverted = true
        axes.equalAspect = true
        axes.frame = .plain
        text.apply(to: &axes)
        return Figure(axes: axes)
    }

    static func imagePixels(_ array: NDArray, colormap: Colormap?) throws(PlotError) -> ImagePixels {
        let shape = array.shape
        let expected = "h x w (gray) or h x w x 3 (RGB)"
        guard shape.count == 2 || (shape.count == 3 && [1, 3, 4].contains(shape[2])) else {
            throw .badShape(shape, expected: expected)
        }
        let (h, w) = (shape[0], shape[1])
        guard h > 0, w > 0 else { throw .emptyData }
        guard h <= maxImageSide, w <= maxImageSide else { throw .badShape(shape, expected: "at most \(maxImageSide) pixels a side") }
        if shape.count == 2 || shape[2] == 1 {
            return try grayPixels(array.doubles, width: w, height: h, colormap: colormap ?? .viridis)
        }
        let channels = shape[2]
        var rgb = [UInt8](repeating: 0, count: w * h * 3)
        switch array.storage {
        case .uint8(let v):
            for p in 0..<(w * h) { for c in 0..<3 { rgb[p * 3 + c] = v[p * channels + c] } }
        case .float32, .float64:
            let v = array.doubles
            for p in 0..<(w * h) {
                for c in 0..<3 {
                    let x = v[p * channels + c]
                    rgb[p * 3 + c] = x.isNaN ? 0 : UInt8((min(max(x, 0), 1) * 255).rounded())
                }
            }
        case .int64, .bool:
            let v = array.doubles
            let scale = array.dtype == .bool ? 255.0 : 1
            for p in 0..<(w * h) { for c in 0..<3 { rgb[p * 3 + c] = UInt8(min(max(v[p * channels + c] * scale, 0), 255)) } }
        }
        return ImagePixels(width: w, height: h, rgb: rgb)
    }

    private static func grayPixels(_ values: [Double], width: Int, height: Int, colormap: Colormap) throws(PlotError) -> ImagePixels {
        // The smallest and largest finite values, in one pass (the first of equal ones, as
        // `min()` and `max()` keep).
        var low = Double.infinity, high = -Double.infinity, any = false
        for v in values where v.isFinite {
            if !any || v < low { low = v }
            if !any || v > high { high = v }
            any = true
        }
        guard any else { throw .emptyData }
        // Colours of the 256 table entries, looked up once rather than per pixel.
        let lut = colormap.table.map(\.bytes)
        // Halves keep the scale finite for any two finite ends, however far apart or close.
        let halfSpan = high / 2 - low / 2
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        values.withUnsafeBufferPointer { values in
            rgb.withUnsafeMutableBufferPointer { rgb in
                for p in 0..<values.count {
                    let v = values[p]
                    let index: Int
                    if v.isNaN {
                        index = 0
                    } else if high > low {
                        let position = (v / 2 - low / 2) / halfSpan * Double(Colormap.tableSize)
                        index = position.isFinite ? Int(min(max(position, 0), Double(Colormap.tableSize - 1))) : 0
                    } else {
                        index = Colormap.tableSize / 2
                    }
                    let c = lut[index]
                    rgb[p * 3] = c.red
                    rgb[p * 3 + 1] = c.green
                    rgb[p * 3 + 2] = c.blue
                }
            }
        }
        return ImagePixels(width: width, height: height, rgb: rgb)
    }
}

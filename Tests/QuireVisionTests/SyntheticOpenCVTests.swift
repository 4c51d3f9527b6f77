import QuireArray
import Testing

@testable import QuireVision

/// Our results against OpenCV's on synthetic images (expectations in SyntheticExpectations.swift).
@Suite struct SyntheticOpenCVTests {
    func expected(_ name: String) throws -> NDArray { try #require(SyntheticExpectations.all[name]).array }

    func exactly(_ ours: NDArray, _ name: String) throws {
        let theirs = try expected(name)
        #expect(ours.shape == theirs.shape, "\(name)")
        #expect(differences(ours, theirs).count == 0, "\(name): \(differences(ours, theirs))")
    }

    func withinOne(_ ours: NDArray, _ name: String) throws {
        let theirs = try expected(name)
        #expect(ours.shape == theirs.shape, "\(name)")
        #expect(differences(ours, theirs).largest <= 1, "\(name): \(differences(ours, theirs))")
    }

    static let kernels: [(String, [[Double]])] = [
        ("sobel_x", [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]),
        ("even2", [[1, 2], [3, -4]]),
        ("even4", [[1, -2, 3, 0], [2, 5, -1, 1], [0, 1, 1, -3], [2, 0, -2, 1]]),
        ("fractional", [[0.1, 0.2, 0.1], [0.2, -0.5, 0.3], [0, 1.0 / 3, 0.25]]),
        ("large", Array(repeating: [40, -30, 20, 0, 5], count: 5)),
    ]

    @Test(arguments: kernels.map(\.0))
    func filter2DEqualsOpenCV(name: String) throws {
        let weights = try #require(Self.kernels.first { $0.0 == name }?.1)
        try exactly(Filters.filter2D(SyntheticImages.gray, Kernel(weights)), "filter2d_\(name)")
    }

    @Test(arguments: BorderMode.allCases)
    func filter2DBordersEqualOpenCV(border: BorderMode) throws {
        let kernel = try Kernel(Self.kernels[2].1)
        try exactly(Filters.filter2D(SyntheticImages.gray, kernel, border: border), "filter2d_even4_\(border.rawValue)")
    }

    @Test func fractionalKernelAtFloat32KeepsOpenCVValues() throws {
        let ours = try Filters.filter2D(SyntheticImages.gray, Kernel(Self.kernels[3].1), depth: .float32)
        let theirs = try expected("filter2d_fractional_f32")
        let a = try #require(ours.float32Values), b = try #require(theirs.float32Values)
        #expect(a.count == b.count)
        #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($1)) })
    }

    @Test func filter2DOnColourFiltersEachChannel() throws {
        try exactly(Filters.filter2D(SyntheticImages.rgb, .sobelX), "filter2d_sobel_x_rgb")
    }

    @Test func grayEqualsCvtColor() throws {
        try exactly(ColorConversion.gray(SyntheticImages.rgb), "gray_rgb")
    }

    @Test(arguments: [3, 5, 7])
    func medianEqualsOpenCV(ksize: Int) throws {
        try exactly(Filters.medianBlur(SyntheticImages.gray, ksize: ksize), "median_\(ksize)")
    }

    @Test func medianOnColourEqualsOpenCV() throws {
        try exactly(Filters.medianBlur(SyntheticImages.rgb, ksize: 3), "median_3_rgb")
    }

    @Test func gaussianEqualsOpenCV() throws {
        try exactly(Filters.gaussianBlur(SyntheticImages.gray, ksize: 3, sigma: 0), "gaussian_3_0")
        try exactly(Filters.gaussianBlur(SyntheticImages.gray, ksize: 7, sigma: 1.3), "gaussian_7_1.3")
        try exactly(Filters.gaussianBlur(SyntheticImages.rgb, ksize: 5, sigma: 1), "gaussian_5_1_rgb")
        try exactly(Filters.gaussianBlur(SyntheticImages.gray, ksize: 0, sigma: 1.2), "gaussian_0_1.2")
    }

    @Test func boxBlurEqualsOpenCV() throws {
        try exactly(Filters.boxBlur(SyntheticImages.gray, ksize: 3), "box_3")
        try exactly(Filters.boxBlur(SyntheticImages.gray, ksize: 4), "box_4")
    }

    @Test(arguments: [
        ("resize_linear_7x5", 7, 5, Interpolation.linear), ("resize_linear_15x20", 15, 20, .linear),
        ("resize_area_5x4", 5, 4, .area), ("resize_area_15x20", 15, 20, .area),
        ("resize_cubic_17x14", 17, 14, .cubic), ("resize_nearest_8x6", 8, 6, .nearest),
    ])
    func resizeWithinOneGreyLevel(name: String, width: Int, height: Int, interpolation: Interpolation) throws {
        try withinOne(Resize.resize(SyntheticImages.gray, width: width, height: height, interpolation: interpolation), name)
    }

    @Test func resizeColourWithinOneGreyLevel() throws {
        try withinOne(Resize.resize(SyntheticImages.rgb, width: 6, height: 4), "resize_linear_rgb_6x4")
    }

    @Test func cannyOnShapesEqualsOpenCV() throws {
        let image = SyntheticImages.shapes(height: 40, width: 48, seed: 3)
        let ours = try Filters.canny(image, low: 50, high: 120)
        #expect(ours.uint8Values!.contains(255))
        try exactly(ours, "canny_shapes_50_120")
    }

    @Test func otsuChoosesOpenCVsThreshold() throws {
        let (t, binary) = try Filters.threshold(SyntheticImages.gray, 0, otsu: true)
        #expect(t == Double(try expected("otsu_gray_threshold").uint8Values![0]))
        try exactly(binary, "otsu_gray")
    }

    @Test func geometryEqualsOpenCV() throws {
        let g = SyntheticImages.gray
        try exactly(Transforms.flip(g, .horizontal), "flip_horizontal")
        try exactly(Transforms.flip(g, .vertical), "flip_vertical")
        try exactly(Transforms.rotate(g, degrees: 90), "rotate_90")
        try exactly(Transforms.rotate(g, degrees: -90), "rotate_270")
        try exactly(Transforms.pad(g, top: 1, bottom: 2, left: 3, right: 4, border: .reflect), "pad_reflect")
    }
}

/// Inputs that must fail cleanly rather than crash.
@Suite struct BadInputTests {
    @Test func emptyAndMisshapenArraysAreNotImages() {
        let empty = NDArray(shape: [0, 5], uint8: [])
        #expect(throws: VisionError.self) { try Filters.filter2D(empty, .sobelX) }
        #expect(throws: VisionError.self) { try Filters.medianBlur(NDArray(shape: [2, 2, 5], uint8: .init(repeating: 0, count: 20)), ksize: 3) }
        #expect(throws: VisionError.self) { try ColorConversion.gray(NDArray(shape: [4], uint8: [1, 2, 3, 4])) }
        #expect(throws: VisionError.self) { try Filters.gaussianBlur(NDArray(shape: [2, 2], int64: [1, 2, 3, 4]), ksize: 3) }
    }

    @Test func badKernelsAndSizes() {
        #expect(throws: VisionError.badKernel(reason: "ragged")) { try Kernel([[1, 2], [3]]) }
        #expect(throws: VisionError.badKernel(reason: "empty")) { try Kernel([]) }
        #expect(throws: VisionError.badKernel(reason: "not finite")) { try Kernel([[Double.nan]]) }
        #expect(throws: VisionError.badKernel(reason: "too large")) { try Kernel(rows: 1, columns: 64, weights: .init(repeating: 1, count: 64)) }
        let g = SyntheticImages.gray
        #expect(throws: VisionError.self) { try Filters.gaussianBlur(g, ksize: 4) }
        #expect(throws: VisionError.self) { try Filters.medianBlur(g, ksize: 0) }
        #expect(throws: VisionError.self) { try Filters.medianBlur(Intensity.toFloat(g), ksize: 7) }
        #expect(throws: VisionError.self) { try Filters.boxBlur(g, ksize: 0) }
        #expect(throws: VisionError.needsGray(operation: "canny", channels: 3)) { try Filters.canny(SyntheticImages.rgb, low: 1, high: 2) }
        #expect(throws: VisionError.self) { try Resize.resize(g, width: 0, height: 3) }
        #expect(throws: VisionError.self) { try Transforms.crop(g, x: 5, y: 0, width: 7, height: 2) }
        #expect(throws: VisionError.self) { try Transforms.pad(g, top: -1, bottom: 0, left: 0, right: 0) }
    }

    /// A kernel much larger than the image still follows the border rule (reflection repeats).
    @Test func kernelLargerThanImage() throws {
        let tiny = NDArray(shape: [2, 3], uint8: [10, 20, 30, 40, 50, 60])
        let kernel = try Kernel(rows: 9, columns: 9, weights: .init(repeating: 1.0 / 81, count: 81))
        for border in BorderMode.allCases {
            let out = try Filters.filter2D(tiny, kernel, border: border)
            #expect(out.shape == [2, 3])
        }
        let one = NDArray(shape: [1, 1], uint8: [7])
        #expect(try Filters.filter2D(one, .sobelX).uint8Values == [0])
        #expect(try Filters.medianBlur(one, ksize: 5).uint8Values == [7])
        #expect(try Filters.gaussianBlur(one, ksize: 5).uint8Values == [7])
    }

    @Test func threeChannelThresholdAndTypes() throws {
        let (t, image) = try Filters.threshold(SyntheticImages.rgb, 100.7)
        #expect(t == 100)
        #expect(image.shape == [9, 11, 3])
        #expect(Set(image.uint8Values!).isSubset(of: [0, 255]))
        #expect(throws: VisionError.self) { try Filters.threshold(SyntheticImages.rgb, 0, otsu: true) }
    }

    @Test func seededNoiseAndAugmentRepeat() throws {
        let a = try Intensity.addNoise(SyntheticImages.gray, sigma: 20, seed: 1)
        #expect(a == (try Intensity.addNoise(SyntheticImages.gray, sigma: 20, seed: 1)))
        #expect(a != (try Intensity.addNoise(SyntheticImages.gray, sigma: 20, seed: 2)))
        #expect(a != SyntheticImages.gray)
        var augmentation = Augmentation()
        augmentation.rotate = 15
        augmentation.brightness = 0.2
        let b = try augmentation.apply(SyntheticImages.rgb, seed: 5)
        #expect(b == (try augmentation.apply(SyntheticImages.rgb, seed: 5)))
        #expect(b.shape == SyntheticImages.rgb.shape)
    }

    @Test func floatConversionsRoundTrip() throws {
        let f = try Intensity.toFloat(SyntheticImages.gray)
        #expect(f.dtype == .float32)
        #expect(f.float32Values!.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(try Intensity.toUInt8(f) == SyntheticImages.gray)
        #expect(try Intensity.adjustBrightness(SyntheticImages.gray, factor: 10).uint8Values!.max() == 255)
    }
}

/// Arbitrary-angle rotation against cv2.warpAffine(getRotationMatrix2D((w/2, h/2), angle, 1)):
/// OpenCV interpolates in 1/32 pixel steps with fixed-point weights, we in float, so pixels may
/// differ slightly; on a smooth image they stay within 2 grey levels.
@Suite struct RotationTests {
    @Test func smoothImageRotatesLikeWarpAffine() throws {
        let smooth = try #require(SyntheticExpectations.all["smooth_32x40"]).array
        let ours = try Transforms.rotate(smooth, degrees: -17)
        let theirs = try #require(SyntheticExpectations.all["rotate_smooth_minus17"]).array
        let diff = differences(ours, theirs)
        #expect(diff.largest <= 2, "\(diff)")
    }

    @Test func noiseImageRotatesCloseToWarpAffine() throws {
        let ours = try Transforms.rotate(SyntheticImages.gray, degrees: 30)
        let theirs = try #require(SyntheticExpectations.all["rotate_30"]).array
        let a = ours.uint8Values!, b = theirs.uint8Values!
        let meanError = zip(a, b).map { abs(Double($0) - Double($1)) }.reduce(0, +) / Double(a.count)
        #expect(meanError < 1.5, "mean error \(meanError)")
    }
}

@Suite struct MedianPathsTests {
    /// The vectorised 3x3 network and the sliding histogram agree on images wide enough for
    /// the SIMD lanes (the OpenCV comparisons use narrow images).
    @Test(arguments: [1, 3])
    func networkEqualsHistogram(channels: Int) throws {
        let image = SyntheticImages.noise(height: 37, width: 53, channels: channels, seed: 11)
        let layout = try ImageLayout(image)
        let network = try Filters.medianBlur(image, ksize: 3)
        #expect(network.uint8Values == Filters.medianUInt8(image.uint8Values!, layout, 3))
    }
}

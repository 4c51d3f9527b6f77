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

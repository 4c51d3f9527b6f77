import Foundation
import QuireArray
import Testing

@testable import QuireVision

/// Our results on camera.png against OpenCV 5's, stored in Tests/Fixtures/reference/opencv.
@Suite struct OpenCVReferenceTests {
    static let kernels: [(String, Kernel)] = [
        ("roberts_x", .robertsX), ("roberts_y", .robertsY), ("prewitt_x", .prewittX),
        ("prewitt_y", .prewittY), ("sobel_x", .sobelX), ("sobel_y", .sobelY),
    ]

    @Test(arguments: kernels.map(\.0))
    func filter2DMatchesOpenCVExactly(name: String) throws {
        let kernel = try #require(Self.kernels.first { $0.0 == name }?.1)
        let ours = try Filters.filter2D(TestData.camera(), kernel)
        let theirs = try ImageFile.read(TestData.reference("camera_\(name)_u8.png"))
        #expect(ours.shape == [512, 512])
        #expect(differences(ours, theirs).count == 0)
        let stats = try #require(TestData.stats()[name] as? [String: Double])
        #expect(Double(ours.uint8Values!.reduce(0) { $0 + Int($1) }) == stats["u8_sum"])
    }

    @Test(arguments: kernels.map(\.0))
    func float32DepthMatchesStats(name: String) throws {
        let kernel = try #require(Self.kernels.first { $0.0 == name }?.1)
        let ours = try Filters.filter2D(TestData.camera(), kernel, depth: .float32)
        let values = try #require(ours.float32Values)
        let stats = try #require(TestData.stats()[name] as? [String: Double])
        #expect(values.reduce(0.0) { $0 + Double($1) } == stats["f32_sum"])
        #expect(Double(values.min()!) == stats["f32_min"])
        #expect(Double(values.max()!) == stats["f32_max"])
        #expect(Double(values[100 * 512 + 200]) == stats["f32_at_100_200"])
    }

    @Test func sobelMagnitudeAndOrientationMatchStats() throws {
        let (magnitude, orientation) = try Filters.gradient(TestData.camera())
        let m = try #require(magnitude.float32Values), o = try #require(orientation.float32Values)
        let stats = try TestData.stats()
        let ms = try #require(stats["sobel_magnitude_f32"] as? [String: Double])
        let os = try #require(stats["sobel_orientation_deg"] as? [String: Double])
        #expect(abs(m.reduce(0.0) { $0 + Double($1) } - ms["sum"]!) < 1)
        #expect(Double(m.max()!) == ms["max"])
        #expect(Double(m[100 * 512 + 200]) == ms["at_100_200"])
        #expect(Double(o[100 * 512 + 200]) == os["at_100_200"])
    }

    @Test func grayConversionMatchesCvtColorExactly() throws {
        let rgb = try ImageFile.read(TestData.image("astronaut.png"))
        #expect(rgb.shape.count == 3)
        let ours = try ColorConversion.gray(rgb)
        let theirs = try ImageFile.read(TestData.reference("astronaut_gray.png"))
        #expect(differences(ours, theirs).count == 0)
    }

    @Test func medianBlurMatchesExactly() throws {
        let ours = try Filters.medianBlur(TestData.camera(), ksize: 5)
        #expect(differences(ours, try ImageFile.read(TestData.reference("camera_median5.png"))).count == 0)
    }

    @Test func gaussianBlurWithinOneGreyLevel() throws {
        let ours = try Filters.gaussianBlur(TestData.camera(), ksize: 5, sigma: 1)
        let diff = differences(ours, try ImageFile.read(TestData.reference("camera_gaussian5_sigma1.png")))
        #expect(diff.largest <= 1)
        #expect(diff.count == 0, "bit-exact path: \(diff.count) pixels differ")
    }

    @Test func otsuMatchesExactly() throws {
        let (_, ours) = try Filters.threshold(TestData.camera(), 0, otsu: true)
        #expect(differences(ours, try ImageFile.read(TestData.reference("camera_threshold_otsu.png"))).count == 0)
    }

    @Test func cannyAgreesOnAtLeast99Percent() throws {
        let ours = try Filters.canny(TestData.camera(), low: 100, high: 200)
        let diff = differences(ours, try ImageFile.read(TestData.reference("camera_canny_100_200.png")))
        #expect(Double(diff.count) / Double(512 * 512) <= 0.01)
        #expect(diff.count == 0, "\(diff.count) pixels differ")
    }

    @Test func rocketJPEGDecodesToOpenCVSums() throws {
        let rocket = try ImageFile.read(TestData.image("rocket.jpg"))
        let stats = try #require(TestData.stats()["rocket_jpg_decoded"] as? [String: Any])
        #expect(rocket.shape == (stats["shape"] as? [Int]))
        let v = try #require(rocket.uint8Values)
        var sums = [0, 0, 0]
        for i in 0..<v.count { sums[i % 3] += Int(v[i]) }
        #expect(Array(sums.reversed()) == (stats["sum_bgr"] as? [Int]))
    }
}

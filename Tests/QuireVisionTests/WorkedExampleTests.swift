import Foundation
import QuireArray
import Testing

@testable import QuireVision

/// The image-gradient tutorial's worked 3x3 example. The tutorial's own patch could not be
/// found; this patch was constructed so that, with filter2D's anchoring (Roberts' 2x2 kernels
/// anchored at the centre pixel), its centre gives the printed numbers.
@Suite struct WorkedExampleTests {
    static let patch = NDArray(shape: [3, 3], uint8: [165, 120, 50, 70, 100, 160, 100, 60, 85])

    @Test func robertsGivesTheTutorialNumbers() throws {
        let (gx, gy) = try Filters.gradients(Self.patch, .roberts)
        let x = try #require(gx.float32Values)[4], y = try #require(gy.float32Values)[4]
        #expect(x == 65)
        #expect(y == 50)
        #expect((x * x + y * y).squareRoot().rounded() == 82)
        #expect(String(format: "%.4f", Filters.degrees(atan2f(y, x))) == "37.5686")
    }

    @Test func sobelGivesTheTutorialNumbers() throws {
        let (magnitude, orientation) = try Filters.gradient(Self.patch)
        let (gx, gy) = try Filters.gradients(Self.patch, .sobel)
        #expect(gx.float32Values![4] == 50)
        #expect(gy.float32Values![4] == 150)
        // float32 (numpy's arithmetic for float32 images) gives 71.56505; the tutorial's 71.5651
        // is the double-precision value 71.565051 rounded to four places.
        #expect(abs(Double(orientation.float32Values![4]) - 71.5651) < 1e-4)
        #expect(abs(Double(magnitude.float32Values![4]) - (50.0 * 50 + 150 * 150).squareRoot()) < 1e-4)
    }
}

import QuireArray
import Testing

@testable import QuireVision

@Suite struct CameraResizeTests {
    @Test func areaTo256WithinOneGreyLevel() throws {
        let ours = try Resize.resize(TestData.camera(), width: 256, height: 256, interpolation: .area)
        let diff = differences(ours, try ImageFile.read(TestData.reference("camera_resize_256_area.png")))
        #expect(diff.largest <= 1)
    }

    @Test func linearTo700x600WithinOneGreyLevel() throws {
        let ours = try Resize.resize(TestData.camera(), width: 700, height: 600)
        #expect(ours.shape == [600, 700])
        let diff = differences(ours, try ImageFile.read(TestData.reference("camera_resize_700x600_linear.png")))
        #expect(diff.largest <= 1)
    }
}

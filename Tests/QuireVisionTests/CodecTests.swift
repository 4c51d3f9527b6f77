import Foundation
import QuireArray
import Testing

@testable import QuireVision

/// A small encoded file and the pixels OpenCV decodes from it (RGB order).
struct CodecFixture {
    let base64: String
    let shape: [Int]
    let pixels: [UInt8]
    var bytes: Data { Data(base64Encoded: base64)! }
}

@Suite struct CodecTests {
    func write(_ data: Data, _ name: String) throws -> String {
        let path = try TestData.temporaryFolder().appendingPathComponent(name).path
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(arguments: CodecFixtures.all.keys.sorted())
    func decodesLikeOpenCV(name: String) throws {
        let fixture = try #require(CodecFixtures.all[name])
        let image = try ImageFile.read(write(fixture.bytes, name.hasPrefix("jpeg") ? "f.jpg" : "f.png"))
        #expect(image.shape == fixture.shape)
        #expect(image.uint8Values == fixture.pixels)
    }

    @Test(arguments: ["gray", "rgb", "jpeg_progressive"])
    func truncatedFileIsAnError(name: String) throws {
        let bytes = try #require(CodecFixtures.all[name]).bytes
        let path = try write(bytes.prefix(bytes.count * 2 / 3), "cut")
        #expect(throws: VisionError.self) { try ImageFile.read(path) }
        do {
            _ = try ImageFile.read(path)
        } catch let VisionError.corrupt(_, format, reason) {
            #expect(format == (name.hasPrefix("jpeg") ? "JPEG" : "PNG"))
            #expect(!reason.isEmpty)
        }
    }

    @Test func corruptPNGDataIsAnError() throws {
        var bytes = [UInt8](try #require(CodecFixtures.all["rgb"]).bytes)
        for i in 40..<min(60, bytes.count - 12) { bytes[i] ^= 0x5A }
        let path = try write(Data(bytes), "bad.png")
        #expect(throws: VisionError.self) { try ImageFile.read(path) }
    }

    @Test func textFileIsNotAnImage() throws {
        let path = try write(Data("hello, not a picture\n".utf8), "notes.png")
        #expect(throws: VisionError.notAnImage(path: path)) { try ImageFile.read(path) }
    }

    @Test func emptyFileIsNotAnImage() throws {
        let path = try write(Data(), "empty.jpg")
        #expect(throws: VisionError.notAnImage(path: path)) { try ImageFile.read(path) }
    }

    @Test func missingFileAndFolderAreErrors() throws {
        let folder = try TestData.temporaryFolder().path
        #expect(throws: VisionError.cannotRead(path: folder + "/nope.png", reason: "no such file")) {
            try ImageFile.read(folder + "/nope.png")
        }
        #expect(throws: VisionError.cannotRead(path: folder, reason: "it is a folder")) { try ImageFile.read(folder) }
    }

    /// A PNG header claiming 100000 x 100000 pixels, with valid CRCs: refused before decoding.
    @Test func hugePNGIsTooLarge() throws {
        var ihdr: [UInt8] = Array("IHDR".utf8)
        for v in [UInt32(100_000), UInt32(100_000)] { ihdr += withUnsafeBytes(of: v.bigEndian, Array.init) }
        ihdr += [8, 2, 0, 0, 0]
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + ihdr
        png += withUnsafeBytes(of: crc32(ihdr).bigEndian, Array.init)
        // libpng reads up to the first image data chunk before reporting the size.
        let idat: [UInt8] = Array("IDAT".utf8) + [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]
        png += [0, 0, 0, 8] + idat + withUnsafeBytes(of: crc32(idat).bigEndian, Array.init)
        let path = try write(Data(png), "huge.png")
        #expect(throws: VisionError.tooLarge(width: 100_000, height: 100_000, limit: ImageLimits.maxPixels)) {
            try ImageFile.read(path)
        }
    }

    @Test func hugeJPEGIsTooLarge() throws {
        var bytes = [UInt8](try #require(CodecFixtures.all["jpeg_baseline"]).bytes)
        let sof = try #require((0..<bytes.count - 9).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 })
        bytes[sof + 5] = 0xEA; bytes[sof + 6] = 0x60  // height 60000
        bytes[sof + 7] = 0xEA; bytes[sof + 8] = 0x60  // width 60000
        let path = try write(Data(bytes), "huge.jpg")
        #expect(throws: VisionError.tooLarge(width: 60000, height: 60000, limit: ImageLimits.maxPixels)) {
            try ImageFile.read(path)
        }
    }

    @Test(arguments: ["gray", "gray_alpha", "rgb", "rgba"])
    func pngRoundTripIsLossless(name: String) throws {
        let fixture = try #require(CodecFixtures.all[name])
        let image = NDArray(shape: fixture.shape, uint8: fixture.pixels)
        let path = try TestData.temporaryFolder().appendingPathComponent("out.png").path
        try ImageFile.write(image, to: path)
        #expect(try ImageFile.read(path) == image)
    }

    @Test func jpegWriteHonoursQuality() throws {
        let image = SyntheticImages.shapes(height: 64, width: 80, seed: 9)
        let folder = try TestData.temporaryFolder()
        let high = folder.appendingPathComponent("high.jpg").path, low = folder.appendingPathComponent("low.jpeg").path
        try ImageFile.write(image, to: high, quality: 95)
        try ImageFile.write(image, to: low, quality: 10)
        let highBack = try ImageFile.read(high), lowBack = try ImageFile.read(low)
        #expect(highBack.shape == [64, 80])
        let size = { (p: String) in try FileManager.default.attributesOfItem(atPath: p)[.size] as! Int }
        #expect(try size(low) < size(high))
        let error = { (a: NDArray) in zip(a.uint8Values!, image.uint8Values!).map { abs(Int($0) - Int($1)) }.reduce(0, +) }
        #expect(error(highBack) < error(lowBack))
        #expect(Double(error(highBack)) / Double(64 * 80) < 3)
    }

    @Test func colourJPEGRoundTripKeepsRGBOrder() throws {
        var pixels = [UInt8](repeating: 0, count: 16 * 16 * 3)
        for i in 0..<(16 * 16) { pixels[i * 3] = 250 }  // pure red
        let path = try TestData.temporaryFolder().appendingPathComponent("red.jpg").path
        try ImageFile.write(NDArray(shape: [16, 16, 3], uint8: pixels), to: path)
        let back = try ImageFile.read(path).uint8Values!
        #expect(back[0] > 200 && back[1] < 40 && back[2] < 40)
    }

    @Test func writeErrors() throws {
        let folder = try TestData.temporaryFolder()
        let image = SyntheticImages.gray
        #expect(throws: VisionError.unknownFormat(path: folder.appendingPathComponent("a.bmp").path)) {
            try ImageFile.write(image, to: folder.appendingPathComponent("a.bmp").path)
        }
        let float = NDArray(shape: [2, 2], float32: [0, 1, 2, 3])
        #expect(throws: VisionError.self) { try ImageFile.write(float, to: folder.appendingPathComponent("f.png").path) }
        #expect(throws: VisionError.self) { try ImageFile.write(image, to: folder.appendingPathComponent("no/such/dir.png").path) }
        #expect(throws: VisionError.badParameter(name: "quality", reason: "between 0 and 100")) {
            try ImageFile.write(image, to: folder.appendingPathComponent("q.jpg").path, quality: 101)
        }
    }

    @Test func writeReplacesAtomicallyAndLeavesNoTemporaryFile() throws {
        let folder = try TestData.temporaryFolder()
        let path = folder.appendingPathComponent("same.png").path
        try ImageFile.write(SyntheticImages.gray, to: path)
        try ImageFile.write(SyntheticImages.rgb, to: path)
        #expect(try ImageFile.read(path) == SyntheticImages.rgb)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["same.png"])
    }

    @Test func decodedReferenceFilesMatchTheirShape() throws {
        #expect(try ImageFile.read(TestData.image("camera.png")).shape == [512, 512])
        #expect(try ImageFile.read(TestData.image("astronaut.png")).shape == [512, 512, 3])
    }
}

/// The CRC-32 of PNG chunks (bitwise; only used to forge a header in a test).
func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for b in bytes {
        crc ^= UInt32(b)
        for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
}

import QuireArray
import Testing

@testable import QuireVision

/// `augment`: everything off by default, no mirroring unless asked, whole-pixel shifts exact.
@Suite struct AugmentationTests {
    /// An asymmetric 6x5 gray image: no flip or shift of it equals it.
    static let image: NDArray = {
        var v: [UInt8] = []
        for i in 0..<30 {
            let k: Int = (i * 37 + (i / 5) * 11) % 251
            v.append(UInt8(k))
        }
        return NDArray(shape: [6, 5], uint8: v)
    }()

    @Test func defaultsReturnTheImageUnchanged() throws {
        for seed in 0..<50 {
            #expect(try Augmentation().apply(Self.image, seed: UInt64(seed)) == Self.image)
        }
        let float = NDArray(shape: [4, 4, 3], float32: (0..<48).map { Float($0) / 47 })
        #expect(try Augmentation().apply(float, seed: 1) == float)
        #expect(try Augmentation().apply(float, seed: nil) == float)
    }

    static func mirrored(_ a: NDArray) throws -> NDArray { try Transforms.flip(a, .horizontal) }

    @Test func noSeedMirrorsWithoutFlip() throws {
        // Brightness alone keeps every pixel's place: a mirrored result would show at once.
        var a = Augmentation()
        a.brightness = 0.01
        let mirror = try Self.mirrored(Self.image)
        for seed in 0..<200 {
            let out = try a.apply(Self.image, seed: UInt64(seed))
            #expect(out == Self.image || out != mirror)
            #expect(zip(out.doubles, Self.image.doubles).allSatisfy { abs($0 - $1) <= 3 }, "seed \(seed) moved pixels")
        }
    }

    @Test func flipMirrorsAboutHalfTheSeeds() throws {
        var a = Augmentation()
        a.flip = true
        let mirror = try Self.mirrored(Self.image)
        let flipped = try (0..<200).filter { try a.apply(Self.image, seed: UInt64($0)) == mirror }.count
        #expect(flipped > 60 && flipped < 140)
    }

    @Test func wholePixelShiftsCopyPixels() throws {
        var a = Augmentation()
        a.shift = 1
        let source = Self.image.doubles
        var moved = 0
        for seed in 0..<30 {
            let out = try a.apply(Self.image, seed: UInt64(seed)).doubles
            // Every output pixel is 0 or one of the source's pixels one step away at most.
            for y in 0..<6 {
                for x in 0..<5 {
                    let v = out[y * 5 + x]
                    var near: [Double] = []
                    for dy in -1...1 {
                        for dx in -1...1 {
                            let (sx, sy) = (x + dx, y + dy)
                            if sx >= 0, sx < 5, sy >= 0, sy < 6 { near.append(source[sy * 5 + sx]) }
                        }
                    }
                    #expect(v == 0 || near.contains(v))
                }
            }
            if out != source { moved += 1 }
        }
        #expect(moved > 10)
    }

    @Test func datasetKeepsOriginalsFirstAndRepeats() throws {
        let rows = NDArray(shape: [3, 30], float64: (0..<90).map { Double($0 % 17) })
        var a = Augmentation()
        a.rotate = 10
        a.noise = 0.5
        let out = try a.dataset(rows, imageShape: [6, 5], copies: 2, seed: 4)
        #expect(out.shape == [9, 30])
        #expect(Array(out.doubles[0..<90]) == rows.doubles)
        #expect(try a.dataset(rows, imageShape: [6, 5], copies: 2, seed: 4) == out)
        #expect(Array(out.doubles[90..<120]) != Array(rows.doubles[0..<30]))
    }

    @Test func badSettingsAreRefused() {
        var a = Augmentation()
        a.zoom = 1.5
        #expect(throws: VisionError.self) { try a.apply(Self.image, seed: 1) }
        a = Augmentation()
        a.shift = -1
        #expect(throws: VisionError.self) { try a.apply(Self.image, seed: 1) }
    }
}

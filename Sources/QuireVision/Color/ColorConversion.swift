import QuireArray
import QuireSupport

/// Colour conversions with OpenCV's arithmetic.
public enum ColorConversion {
    /// Weights of R, G and B in 1/32768ths: OpenCV's fixed-point RGB-to-gray.
    static let grayWeights = (r: 9798, g: 19235, b: 3735)

    /// Gray from RGB(A) in RGB order: uint8 as `(9798 R + 19235 G + 3735 B + 16384) >> 15`
    /// (OpenCV's exact integer formula), float32 as `0.299 R + 0.587 G + 0.114 B`. A gray image
    /// is returned as it is; gray+alpha drops the alpha.
    public static func gray(_ image: NDArray) throws -> NDArray {
        let layout = try ImageLayout(image)
        let c = layout.channels
        let shape = [layout.height, layout.width]
        if c == 1 { return image.reshaped(shape)! }
        let n = layout.height * layout.width
        if let v = image.uint8Values {
            if c == 2 { return NDArray(shape: shape, uint8: (0..<n).map { v[$0 * 2] }) }
            var out = [UInt8](repeating: 0, count: n)
            v.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in
                    let s = SharedReadPointer(src.baseAddress!), d = SharedPointer(dst.baseAddress!)
                    Parallel.forEach(n, minimumPerChunk: 8192) { _, range in
                        for i in range {
                            let p = s.base + i * c
                            let sum = Int32(p[0]) &* 9798 &+ Int32(p[1]) &* 19235 &+ Int32(p[2]) &* 3735 &+ 16384
                            d.base[i] = UInt8(truncatingIfNeeded: sum >> 15)
                        }
                    }
                }
            }
            return NDArray(shape: shape, uint8: out)
        }
        let v = image.float32Values!
        if c == 2 { return NDArray(shape: shape, float32: (0..<n).map { v[$0 * 2] }) }
        let out = (0..<n).map { i -> Float in
            let p = i * c
            return v[p] * 0.299 + v[p + 1] * 0.587 + v[p + 2] * 0.114
        }
        return NDArray(shape: shape, float32: out)
    }
}

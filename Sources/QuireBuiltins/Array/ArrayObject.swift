import QuireArray
import QuireLang

/// An NDArray in the language: numbers, matrices and images alike.
final class ArrayObject: ArrayConvertible {
    var array: NDArray

    init(_ array: NDArray) { self.array = array }

    var typeName: String { "Array" }
    func toNDArray() throws -> NDArray { array }
    var length: Int? { array.shape.first }
    func displayText() -> String { "array(shape=\(array.shape), dtype=\(array.dtype.rawValue))" }
}

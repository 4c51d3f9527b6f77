import QuireSupport

extension NDArray {
    /// Checks, before anything is allocated, that an array of `shape` and `dtype` can exist and
    /// fit in memory; gives its element count. Every buffer sized by a user's shape comes here.
    @discardableResult
    public static func reserve(_ shape: [Int], _ dtype: DType) throws(ArrayError) -> Int {
        guard shape.allSatisfy({ $0 >= 0 }) else { throw .negativeDimension(shape) }
        do {
            return try Memory.reserve(shape: shape, elementSize: dtype.itemSize)
        } catch {
            throw .size(error)
        }
    }
}

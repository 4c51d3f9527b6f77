import QuireLang

/// A table-like value whose rows can be picked by position (a DataFrame, a Series), so a split
/// returns the same kind of object as it was given.
protocol RowSelectable: NativeObject {
    /// The rows at these 0-based positions, in this order, as a new value of the same kind.
    func selectingRows(_ rows: [Int]) -> Value
}

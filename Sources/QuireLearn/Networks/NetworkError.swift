import QuireSupport

/// What can go wrong with a layered network; data only: the bindings turn each case into a
/// sentence.
public enum NetworkError: Error, Equatable, Sendable {
    /// A layer cannot take what the layer before it gives (`layer` is 1-based; shapes are per row).
    case shapeMismatch(layer: Int, name: String, expected: String, got: [Int])
    /// The rows given to predict or fit do not have the shape the network was built for.
    case inputShape(expected: [Int], got: [Int])
    /// The last layer gives `outputs` values per row but the labels have `classes` classes.
    case outputCount(outputs: Int, classes: Int)
    /// A NaN or infinite value in the input, at this row.
    case notFinite(row: Int)
    /// The training loss became NaN or infinite during this epoch.
    case lossNotFinite(epoch: Int)
    /// A network with no layers, or used before it was built.
    case noLayers
    case notBuilt
    /// No rows to train on (after taking out the validation rows), or an empty batch.
    case empty
    /// A layer's weights or a batch's values are too large to allocate (`layer` is 1-based; 0:
    /// the input rows or a batch of them, `name` then says which).
    case tooLarge(layer: Int, name: String, SizeError)
    /// A setting out of its range.
    case badParameter(name: String, expected: String)
    /// A saved network that cannot be read back.
    case badFile(String)
}

/// An output sink that can also read a line from the user: the Jupyter kernel's, which asks the
/// front end through the stdin channel. `input()` uses the sink's reader when it has one, and
/// standard input otherwise.
public protocol InputReader: AnyObject {
    /// Shows `prompt` and returns the line typed (without its newline), or nil at end of input.
    func readInput(prompt: String, password: Bool) throws -> String?
}

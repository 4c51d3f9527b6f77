import Foundation

/// The operators a native object may implement.
public enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//"
    case modulo = "%", power = "**"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case and = "and", or = "or", bitAnd = "&", bitOr = "|"
    case contains = "in"
}

public enum UnaryOperator: String, Sendable {
    case negate = "-", plus = "+", not = "not"
}

/// How a value of another layer (DataFrame, Series, array, Figure, model, image) joins the
/// language: members, indexing, operators, iteration, truth, and display.
///
/// Methods are not part of this protocol: they are declared in the builtin registry with the
/// object's `typeName` as receiver. Every requirement has a default that refuses politely.
public protocol NativeObject: AnyObject {
    /// The type's name as users see it: "DataFrame", "Series", "Figure".
    var typeName: String { get }
    /// A member that is not a registered attribute, such as a column `df.price`; nil when there
    /// is none. Fixed attributes (`df.shape`) are rows in the builtin registry, like methods.
    func member(_ name: String) throws -> Value?
    /// Assigns `obj.name = value`; returns false when the object has no such settable member.
    func setMember(_ name: String, _ value: Value) throws -> Bool
    /// Names `member` answers (columns), for completion and did-you-mean; registered
    /// attributes and methods come from the registry.
    var memberNames: [String] { get }
    /// `obj[index]`; `index` is a tuple for `a[1:3, :]` and a `SliceValue` object for `a[1:3]`.
    func subscriptGet(_ index: Value) throws -> Value
    /// `obj[index] = value`.
    func subscriptSet(_ index: Value, _ value: Value) throws
    /// `self op other` (or `other op self` when `reflected`); nil when unsupported.
    func binary(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value?
    /// `op self`; nil when unsupported.
    func unary(_ op: UnaryOperator) throws -> Value?
    /// The elements of `for x in obj`; nil when the object is not iterable.
    func elements() throws -> [Value]?
    /// `len(obj)`; nil when the object has no length.
    var length: Int? { get }
    /// The truth of `if obj`; a column throws, saying to use `.any()` or `.all()`.
    func truth() throws -> Bool
    /// The text shown in the terminal and in a notebook's output block.
    func displayText() -> String
    /// Richer forms for notebooks and the REPL (an HTML table, a figure), if any.
    func richDisplay() -> RichDisplay?
}

/// What a value can show beyond text.
public enum RichDisplay {
    /// An HTML fragment, such as a table, for notebook pages.
    case html(String)
    /// A picture, written to files in the formats asked for.
    case figure(any FigureDisplay)
}

/// A value that draws itself into an image file (PNG, SVG or PDF, chosen by the extension).
public protocol FigureDisplay: AnyObject {
    func write(toPath path: String) throws
    /// The format a notebook should store the figure in: "svg" for drawings, "png" for
    /// figures that are mostly pixels (an SVG would embed them as PNG anyway, at more cost).
    var preferredExtension: String { get }
    /// The figure's bytes as "png" or "svg", drawn in memory where the figure can (the Jupyter
    /// kernel sends them without files); by default through a private temporary folder.
    func data(format: String) throws -> Data
}

extension FigureDisplay {
    public var preferredExtension: String { "svg" }

    public func data(format: String) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quire-figure-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("figure.\(format)").path
        try write(toPath: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw QuireError(.io, "the figure was drawn but could not be read back")
        }
        return data
    }
}

extension NativeObject {
    public func member(_ name: String) throws -> Value? { nil }
    public func setMember(_ name: String, _ value: Value) throws -> Bool { false }
    public var memberNames: [String] { [] }
    public func subscriptGet(_ index: Value) throws -> Value {
        throw QuireError(.type, "\(article(typeName)) cannot be indexed")
    }
    public func subscriptSet(_ index: Value, _ value: Value) throws {
        throw QuireError(.type, "\(article(typeName)) does not support item assignment")
    }
    public func binary(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? { nil }
    public func unary(_ op: UnaryOperator) throws -> Value? { nil }
    public func elements() throws -> [Value]? { nil }
    public var length: Int? { nil }
    public func truth() throws -> Bool { true }
    public func displayText() -> String { "<\(typeName)>" }
    public func richDisplay() -> RichDisplay? { nil }
}

/// `start:stop:step` inside brackets, handed to native objects' `subscriptGet`.
public final class SliceValue: NativeObject {
    public let start: Int?
    public let stop: Int?
    public let step: Int?
    public init(start: Int?, stop: Int?, step: Int?) {
        self.start = start
        self.stop = stop
        self.step = step
    }
    public var typeName: String { "slice" }
    public func displayText() -> String {
        "\(start.map(String.init) ?? ""):\(stop.map(String.init) ?? "")" + (step.map { ":\($0)" } ?? "")
    }

    /// The indices this slice selects in a sequence of `count` elements, as Python computes them.
    public func indices(count: Int) -> StrideTo<Int> {
        let (from, to, by) = clampedBounds(count: count)
        return stride(from: from, to: to, by: by)
    }

    /// Python's `slice.indices(count)`: start and stop clamped into the sequence, and the step;
    /// a zero step is an error.
    public func bounds(count: Int) throws -> (start: Int, stop: Int, step: Int) {
        guard step != 0 else { throw QuireError(.value, "slice step cannot be zero") }
        return clampedBounds(count: count)
    }

    private func clampedBounds(count: Int) -> (start: Int, stop: Int, step: Int) {
        let step = self.step ?? 1
        func clamp(_ v: Int?, _ dflt: Int, _ lo: Int, _ hi: Int) -> Int {
            guard var v else { return dflt }
            if v < 0 { v += count }
            return min(max(v, lo), hi)
        }
        if step > 0 {
            return (clamp(start, 0, 0, count), clamp(stop, count, 0, count), step)
        } else {
            return (clamp(start, count - 1, -1, count - 1), clamp(stop, -1, -1, count - 1), step)
        }
    }
}

import Foundation

/// How data values along an axis become positions.
public enum ScaleKind: Sendable, Equatable {
    case linear
    /// Base-10 logarithm; only positive values can be shown.
    case log
    /// Named categories at positions 0, 1, 2, ...
    case categorical([String])

    /// The coordinate used for layout: the value itself, or its logarithm.
    func transform(_ value: Double) -> Double {
        switch self {
        case .log: value > 0 ? log10(value) : -.infinity
        default: value
        }
    }

    func inverse(_ value: Double) -> Double {
        switch self {
        case .log: pow(10, value)
        default: value
        }
    }
}

/// An axis range in data units.
public struct AxisRange: Sendable, Equatable {
    public var low: Double
    public var high: Double
    public init(_ low: Double, _ high: Double) {
        self.low = low
        self.high = high
    }
    public var span: Double { high - low }

    /// Where `value` lies from `low` (0) to `high` (1); halves keep it finite for any finite ends.
    public func fraction(_ value: Double) -> Double {
        (value / 2 - low / 2) / (high / 2 - low / 2)
    }
}

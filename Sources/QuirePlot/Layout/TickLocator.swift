import Foundation

/// Chooses "nice" tick values the way matplotlib's `MaxNLocator` (and so its default
/// `AutoLocator`) does: at most `maxBins + 1` ticks, steps of 1, 2, 2.5 or 5 times a power of ten.
public struct TickLocator: Sendable {
    /// Allowed steps within one decade, as matplotlib's AutoLocator.
    public var steps: [Double] = [1, 2, 2.5, 5, 10]
    public var maxBins: Int
    /// At least this many ticks must fall inside the range.
    public var minTicks = 2

    /// More ticks than this only happen for degenerate ranges; they would be unreadable.
    static let maxTicks = 1000.0

    /// matplotlib caps automatic bins at 9.
    public static let maxAutoBins = 9

    public init(maxBins: Int = TickLocator.maxAutoBins) { self.maxBins = max(1, maxBins) }

    /// The number of bins matplotlib allows for an axis this long (points) with labels of this
    /// font size: x labels need three font sizes each, y labels two.
    public static func autoBins(axisLength: Double, fontSize: Double, horizontal: Bool) -> Int {
        let space = Int((axisLength / (fontSize * (horizontal ? 3 : 2))).rounded(.down))
        return min(max(space, 1), maxAutoBins)
    }

    /// Tick values covering `low...high`; values outside the range are included when matplotlib
    /// would compute them (the caller keeps those inside the view).
    public func ticks(low: Double, high: Double) -> [Double] {
        var (vmin, vmax) = TickLocator.nonsingular(low, high)
        if vmin > vmax { swap(&vmin, &vmax) }
        // A range too wide for doubles has no nice steps; its ends are the best ticks there are.
        guard (vmax - vmin).isFinite else { return [vmin, vmax] }
        let (scale, offset) = TickLocator.scaleRange(vmin, vmax, bins: maxBins)
        let lo = vmin - offset
        let hi = vmax - offset
        // matplotlib's staircase: the steps of the decade below, of this one, and one above.
        let extended = steps.dropLast().map { $0 * 0.1 } + steps + [10 * steps[1]]
        let scaled = extended.map { $0 * scale }
        let rawStep = (hi - lo) / Double(maxBins)
        let firstLarge = scaled.firstIndex { $0 >= rawStep } ?? scaled.count - 1
        var result: [Double] = []
        for step in scaled[...firstLarge].reversed() {
            let best = (lo / step).rounded(.down) * step
            let edge = Edge(step: step, offset: offset)
            let first = edge.lowIndex(lo - best)
            let last = edge.highIndex(hi - best)
            guard first.isFinite, last.isFinite, last >= first, last - first <= TickLocator.maxTicks else { continue }
            result = (Int(first)...Int(last)).map { Double($0) * step + best }
            let inside = result.filter { $0 >= lo && $0 <= hi }.count
            if inside >= minTicks { break }
        }
        return result.map { $0 + offset }
    }

    /// matplotlib's `scale_range`: the power of ten of a bin, and an offset for far-off ranges.
    static func scaleRange(_ vmin: Double, _ vmax: Double, bins: Int) -> (scale: Double, offset: Double) {
        let span = abs(vmax - vmin)
        let mean = (vmax + vmin) / 2
        // An offset only when the range is tiny next to its distance from zero.
        let offsetThreshold = 100.0
        var offset = 0.0
        if abs(mean) / span >= offsetThreshold {
            offset = (mean < 0 ? -1 : 1) * pow(10, log10(abs(mean)).rounded(.down))
        }
        let scale = pow(10, log10(span / Double(bins)).rounded(.down))
        return (scale, offset)
    }

    /// matplotlib's `nonsingular`: widens an empty or degenerate range so ticks exist.
    static func nonsingular(_ a: Double, _ b: Double) -> (Double, Double) {
        guard a.isFinite && b.isFinite else { return (-0.001, 0.001) }
        let tiny = 1e-14
        let expander = 0.001
        if abs(b - a) <= max(abs(a), abs(b)) * tiny || (a == 0 && b == 0) {
            if a == 0 && b == 0 { return (-expander, expander) }
            return (a - expander * abs(a), b + expander * abs(b))
        }
        return (a, b)
    }

    /// Rounding of tick indices that tolerates floating-point error, as matplotlib's `_Edge_integer`.
    struct Edge {
        let step: Double
        let offset: Double
        var tolerance: Double {
            offset > 0 ? max(1e-10, pow(10, log10(offset / step) - 12)) : 1e-10
        }
        func lowIndex(_ x: Double) -> Double {
            let d = (x / step).rounded(.down)
            let m = x / step - d
            return abs(m - 1) < tolerance ? d + 1 : d
        }
        func highIndex(_ x: Double) -> Double {
            let d = (x / step).rounded(.down)
            let m = x / step - d
            return abs(m) < tolerance ? d : d + 1
        }
    }

    /// Ticks at powers of ten covering a positive range, for log axes.
    public static func logTicks(low: Double, high: Double) -> [Double] {
        guard low > 0, high > low, low.isFinite else { return low > 0 && low.isFinite ? [low] : [1] }
        let high = min(high, .greatestFiniteMagnitude)
        let first = Int(log10(low).rounded(.down))
        let last = Int(log10(high).rounded(.up))
        let decades = last - first
        let stride = max(1, Int((Double(decades) / Double(maxAutoBins)).rounded(.up)))
        return Swift.stride(from: first, through: last, by: stride).map { pow(10, Double($0)) }
    }
}

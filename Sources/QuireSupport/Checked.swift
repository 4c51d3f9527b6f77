/// Conversions of user numbers that must not trap: each gives nil where Swift's would crash.
public enum Checked {
    /// `d` truncated toward zero as an Int, or nil when it is NaN, infinite or out of range.
    public static func int(_ d: Double) -> Int? {
        guard d.isFinite else { return nil }
        return Int(exactly: d.rounded(.towardZero))
    }

    /// `d` rounded to the nearest Int (halves away from zero), or nil when out of range.
    public static func rounded(_ d: Double) -> Int? {
        guard d.isFinite else { return nil }
        return Int(exactly: d.rounded())
    }

    /// `-n`, or nil for Int.min.
    public static func negated(_ n: Int) -> Int? {
        let (r, overflow) = Int(0).subtractingReportingOverflow(n)
        return overflow ? nil : r
    }

    /// `a + b`, or nil on overflow.
    public static func sum(_ a: Int, _ b: Int) -> Int? {
        let (r, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : r
    }

    /// `a * b`, or nil on overflow.
    public static func product(_ a: Int, _ b: Int) -> Int? {
        let (r, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : r
    }
}

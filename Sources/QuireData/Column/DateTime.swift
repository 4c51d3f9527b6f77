/// Dates and times as pandas' datetime64 holds them: nanoseconds since 1970-01-01 00:00:00 (no
/// time zone) in an Int64. Calendar arithmetic is Howard Hinnant's days-from-civil algorithm
/// (proleptic Gregorian, as numpy's).
public enum DateTime {
    public static let nanosecondsPerSecond: Int64 = 1_000_000_000
    public static let nanosecondsPerDay: Int64 = 86_400 * nanosecondsPerSecond
    /// pandas' `Timestamp.min`/`max` bound nanoseconds to about the years 1677 to 2262.
    static let yearRange = 1678...2261

    public static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                    "August", "September", "October", "November", "December"]

    /// Days since 1970-01-01 of a civil date.
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    static func civil(days z0: Int64) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), Int(m), Int(d))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The parts of a time stamp.
    public struct Parts: Sendable, Equatable {
        public var year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, nanosecond = 0

        /// Nanoseconds since the epoch; nil for an impossible date (February 30) or one outside
        /// the years datetime64[ns] can hold.
        var nanoseconds: Int64? {
            guard DateTime.yearRange.contains(year), (1...12).contains(month), day >= 1, day <= DateTime.daysIn(month: month, year: year),
                  (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
            let seconds = DateTime.days(year: year, month: month, day: day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
            return seconds * DateTime.nanosecondsPerSecond + Int64(nanosecond)
        }
    }

    public static func parts(_ ns: Int64) -> Parts {
        let day = ns >= 0 ? ns / nanosecondsPerDay : (ns - nanosecondsPerDay + 1) / nanosecondsPerDay
        let rest = ns - day * nanosecondsPerDay
        let (y, m, d) = civil(days: day)
        let seconds = Int(rest / nanosecondsPerSecond)
        return Parts(year: y, month: m, day: d, hour: seconds / 3600, minute: seconds / 60 % 60, second: seconds % 60,
                     nanosecond: Int(rest % nanosecondsPerSecond))
    }

    /// Monday 0 ... Sunday 6, as pandas' `dayofweek`.
    public static func weekday(_ ns: Int64) -> Int {
        let day = ns >= 0 ? ns / nanosecondsPerDay : (ns - nanosecondsPerDay + 1) / nanosecondsPerDay
        return Int(((day % 7) + 7 + 3) % 7)  // 1970-01-01 was a Thursday (3)
    }

    /// The stamp as pandas prints it: `2023-01-05` (`dateOnly`) or `2023-01-05 10:30:00`, with
    /// fractional seconds when there are any.
    public static func text(_ ns: Int64, dateOnly: Bool) -> String {
        let p = parts(ns)
        var s = pad(p.year, 4) + "-" + pad(p.month, 2) + "-" + pad(p.day, 2)
        if dateOnly { return s }
        s += " " + pad(p.hour, 2) + ":" + pad(p.minute, 2) + ":" + pad(p.second, 2)
        if p.nanosecond != 0 {
            var frac = pad(p.nanosecond, 9)
            while frac.hasSuffix("000") { frac.removeLast(3) }
            s += "." + frac
        }
        return s
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let t = String(v)
        return t.count >= width ? t : String(repeating: "0", count: width - t.count) + t
    }

    /// Whether every stamp falls on midnight (pandas then prints dates alone).
    static func allMidnight(_ values: [Int64], valid: (Int) -> Bool) -> Bool {
        values.indices.allSatisfy { !valid($0) || values[$0] % nanosecondsPerDay == 0 }
    }

    /// `parseISO` of a string.
    public static func parseISO(_ text: String) -> Int64? {
        var t = text
        return t.withUTF8 { parseISO($0) }
    }

    /// An ISO 8601 date or date-time: `2023-01-05`, `2023-01-05 10:30`, `2023-01-05T10:30:00`,
    /// `2023-01-05 10:30:00.250`; `2023-01` and `2023` as the first day. Nil when the text is not one.
    public static func parseISO(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        var r = Reader(bytes: text)
        var p = Parts()
        guard let y = r.digits(4, 4) else { return nil }
        p.year = y
        if r.atEnd { return p.nanoseconds }
        guard r.take(UInt8(ascii: "-")), let m = r.digits(2, 2) else { return nil }
        p.month = m
        if r.atEnd { return p.nanoseconds }
        guard r.take(UInt8(ascii: "-")), let d = r.digits(2, 2) else { return nil }
        p.day = d
        if r.atEnd { return p.nanoseconds }
        guard r.take(UInt8(ascii: "T")) || r.take(UInt8(ascii: " ")), let h = r.digits(2, 2) else { return nil }
        p.hour = h
        guard r.take(UInt8(ascii: ":")), let mi = r.digits(2, 2) else { return nil }
        p.minute = mi
        if r.take(UInt8(ascii: ":")) {
            guard let s = r.digits(2, 2) else { return nil }
            p.second = s
            if r.take(UInt8(ascii: ".")) {
                guard let (f, n) = r.fraction() else { return nil }
                p.nanosecond = f * Int(pow10(9 - n))
            }
        }
        return r.atEnd ? p.nanoseconds : nil
    }

    /// Text read with strftime codes (`%Y %m %d %H %M %S %b %B %y`, `%%`); other characters must
    /// appear as they are. Nil when the text does not match.
    public static func parse(_ text: UnsafeBufferPointer<UInt8>, format: [FormatPart]) -> Int64? {
        var r = Reader(bytes: text)
        var p = Parts()
        for part in format {
            switch part {
            case .literal(let byte): guard r.take(byte) else { return nil }
            case .year4: guard let v = r.digits(4, 4) else { return nil }; p.year = v
            case .year2: guard let v = r.digits(2, 2) else { return nil }; p.year = v < 69 ? 2000 + v : 1900 + v  // Python's pivot
            case .month: guard let v = r.digits(1, 2) else { return nil }; p.month = v
            case .day: guard let v = r.digits(1, 2) else { return nil }; p.day = v
            case .hour: guard let v = r.digits(1, 2) else { return nil }; p.hour = v
            case .minute: guard let v = r.digits(1, 2) else { return nil }; p.minute = v
            case .second: guard let v = r.digits(1, 2) else { return nil }; p.second = v
            case .monthName(let full):
                guard let v = r.monthName(full: full) else { return nil }
                p.month = v
            }
        }
        return r.atEnd ? p.nanoseconds : nil
    }

    /// One piece of a strftime format.
    public enum FormatPart: Sendable, Equatable {
        case literal(UInt8)
        case year4, year2, month, day, hour, minute, second
        case monthName(full: Bool)
    }

    /// The pieces of a format; nil when it holds a code Quire does not read (returned second).
    public static func formatParts(_ format: String) -> (parts: [FormatPart], unknown: String?) {
        var parts: [FormatPart] = []
        var bytes = Array(format.utf8)[...]
        while let b = bytes.popFirst() {
            guard b == UInt8(ascii: "%") else { parts.append(.literal(b)); continue }
            guard let code = bytes.popFirst() else { return (parts, "%") }
            switch code {
            case UInt8(ascii: "Y"): parts.append(.year4)
            case UInt8(ascii: "y"): parts.append(.year2)
            case UInt8(ascii: "m"): parts.append(.month)
            case UInt8(ascii: "d"): parts.append(.day)
            case UInt8(ascii: "H"): parts.append(.hour)
            case UInt8(ascii: "M"): parts.append(.minute)
            case UInt8(ascii: "S"): parts.append(.second)
            case UInt8(ascii: "b"): parts.append(.monthName(full: false))
            case UInt8(ascii: "B"): parts.append(.monthName(full: true))
            case UInt8(ascii: "%"): parts.append(.literal(code))
            default: return (parts, "%" + String(UnicodeScalar(code)))
            }
        }
        return (parts, nil)
    }

    private static func pow10(_ n: Int) -> Int64 { (0..<n).reduce(Int64(1)) { a, _ in a * 10 } }
}

/// A cursor over the bytes of one value.
private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { i == bytes.count }

    mutating func take(_ b: UInt8) -> Bool {
        guard i < bytes.count, bytes[i] == b else { return false }
        i += 1
        return true
    }

    /// Between `min` and `max` decimal digits, as a number.
    mutating func digits(_ min: Int, _ max: Int) -> Int? {
        var v = 0, n = 0
        while n < max, i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 {
            v = v * 10 + Int(bytes[i] - 48)
            n += 1
            i += 1
        }
        return n >= min ? v : nil
    }

    /// Up to nine digits of a fraction of a second, and how many were read (more are refused).
    mutating func fraction() -> (Int, Int)? {
        let start = i
        guard let v = digits(1, 9) else { return nil }
        if i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { return nil }
        return (v, i - start)
    }

    /// An English month name (`%B`) or its three-letter abbreviation (`%b`), any case.
    mutating func monthName(full: Bool) -> Int? {
        for (k, name) in DateTime.monthNames.enumerated() {
            let want = Array((full ? name : String(name.prefix(3))).lowercased().utf8)
            var j = i, ok = true
            for w in want {
                guard j < bytes.count, bytes[j] | 0x20 == w else { ok = false; break }
                j += 1
            }
            if ok { i = j; return k + 1 }
        }
        return nil
    }
}

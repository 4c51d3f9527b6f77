import QuireSupport

/// pandas' `to_datetime` and `Series.dt`: text read as time stamps, and their parts.
extension Series {
    /// The strings as time stamps: ISO 8601 dates and date-times, or `format`'s strftime codes.
    /// A value that cannot be read is an error naming it and its row, or missing (`NaT`) when
    /// `coerce`. A Series that already holds time stamps comes back as it is.
    public func toDatetime(format: String? = nil, coerce: Bool = false) throws -> Series {
        if column.isDatetime { return self }
        guard case .string(let values) = column.storage else { throw DataError.notDateText(column: name, type: column.type) }
        var parts: [DateTime.FormatPart]? = nil
        // pandas' format="ISO8601" (and "mixed", which reads each value on its own) name the ISO reading.
        if let format, format != "ISO8601", format != "mixed" {
            let (p, unknown) = DateTime.formatParts(format)
            if let unknown { throw DataError.unknownDateCode(code: unknown, format: format) }
            parts = p
        }
        var out = [Int64](repeating: 0, count: values.count)
        var valid = Bitmap(count: values.count)
        for (i, text) in values.enumerated() {
            if column.isMissing(i) { valid[i] = false; continue }
            var t = text
            let ns = t.withUTF8 { bytes in parts.map { DateTime.parse(bytes, format: $0) } ?? DateTime.parseISO(bytes) }
            if let ns { out[i] = ns } else if coerce { valid[i] = false } else {
                throw DataError.badDate(value: text, row: CellFormat.labels(index.taking([i])).first ?? String(i), format: parts == nil ? nil : format)
            }
            if i & 0xFFF == 0 { try Cancellation.check() }
        }
        var c = Column(.int64(out), validity: valid)
        c.isDatetime = true
        return Series(name: name, column: c, index: index)
    }

    /// The stamps; throws for a Series that holds none (pandas: "Can only use .dt accessor with
    /// datetimelike values").
    public func stamps() throws -> (values: [Int64], validity: Bitmap?) {
        guard column.isDatetime, case .int64(let v) = column.storage else { throw DataError.notDatetime(column: name, type: column.type) }
        return (v, column.validity)
    }

    /// One part of each stamp (`dt.year`, `dt.hour`, `dt.dayofweek` ...): int32 as pandas, or
    /// float64 with NaN when some are missing.
    public func datePart(_ part: DatePart) throws -> Series {
        let (values, validity) = try stamps()
        let numbers = values.map { ns -> Int64 in
            if part == .dayofweek { return Int64(DateTime.weekday(ns)) }
            let p = DateTime.parts(ns)
            switch part {
            case .year: return Int64(p.year)
            case .month: return Int64(p.month)
            case .day: return Int64(p.day)
            case .hour: return Int64(p.hour)
            case .minute: return Int64(p.minute)
            case .second: return Int64(p.second)
            case .dayofweek: return 0
            }
        }
        if let validity {
            return Series(name: name, column: Column(float64: numbers.indices.map { validity[$0] ? Double(numbers[$0]) : .nan }), index: index)
        }
        var s = Series(name: name, column: Column(int64: numbers), index: index)
        s.dtypeName = "int32"
        return s
    }

    /// `dt.day_name()` and `dt.month_name()`: English names, missing where the stamp is.
    public func dateName(month: Bool) throws -> Series {
        let (values, validity) = try stamps()
        let names = values.map { month ? DateTime.monthNames[DateTime.parts($0).month - 1] : DateTime.dayNames[DateTime.weekday($0)] }
        return Series(name: name, column: Column(string: names, validity: validity), index: index)
    }

    /// `dt.date`: the calendar date of each stamp (pandas' `datetime.date` objects, dtype object).
    public func calendarDate() throws -> Series {
        let (values, validity) = try stamps()
        var s = Series(name: name, column: Column(string: values.map { DateTime.text($0, dateOnly: true) }, validity: validity), index: index)
        s.dtypeName = "object"
        return s
    }
}

/// The parts `Series.dt` gives.
public enum DatePart: String, Sendable, CaseIterable {
    case year, month, day, hour, minute, second, dayofweek
}

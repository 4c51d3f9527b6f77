import QuireData
import QuireLang

/// pandas' `Series.dt` on a Series of time stamps (`to_datetime(...)`, `read_csv(parse_dates=)`):
/// `s.dt.year`, `s.dt.day_name()`. Handed out only for time stamps, as pandas refuses others.
final class DatetimeMethodsObject: NativeObject {
    let series: Series

    init(_ series: Series) { self.series = series }

    var typeName: String { "Series.dt" }
    func displayText() -> String { "<Series.dt accessor: use .dt.year, .dt.month, .dt.day_name() ...>" }

    private static func stamps(_ args: Arguments) -> Series { args.receiver(as: DatetimeMethodsObject.self).series }
    private static func wrap(_ body: () throws -> Series) throws -> Value { .object(SeriesObject(try DataConversions.run(body))) }

    static let builtins: [Builtin] = [
        Builtin(attribute: "dt", on: "Series",
                doc: "Parts of each time stamp, as pandas' .dt: year, month, day, hour, minute, second, weekday, dayofweek, date, day_name(), month_name().",
                example: "df.date.dt.year") { args in
            let s = args.receiver(as: SeriesObject.self).series
            _ = try DataConversions.run { try s.stamps() }
            return .object(DatetimeMethodsObject(s))
        },
        Builtin("day_name", on: "Series.dt", doc: "The English name of each day (Monday ... Sunday).", example: "df.date.dt.day_name()") { args in
            try wrap { try stamps(args).dateName(month: false) }
        },
        Builtin("month_name", on: "Series.dt", doc: "The English name of each month (January ... December).", example: "df.date.dt.month_name()") { args in
            try wrap { try stamps(args).dateName(month: true) }
        },
        Builtin(attribute: "date", on: "Series.dt", doc: "The calendar date of each stamp, without the time (dtype object, as pandas).",
                example: "df.date.dt.date") { args in
            try wrap { try stamps(args).calendarDate() }
        },
        Builtin(attribute: "weekday", on: "Series.dt", doc: "The day of the week, Monday 0 to Sunday 6 (as dayofweek).", example: "df.date.dt.weekday") { args in
            try wrap { try stamps(args).datePart(.dayofweek) }
        },
    ] + DatePart.allCases.map { part in
        Builtin(attribute: part.rawValue, on: "Series.dt",
                doc: part == .dayofweek ? "The day of the week, Monday 0 to Sunday 6." : "The \(part.rawValue) of each stamp (int32; float64 with NaN where one is missing).",
                example: "df.date.dt.\(part.rawValue)") { args in
            try wrap { try stamps(args).datePart(part) }
        }
    } + [
        Builtin("to_datetime", [
            Parameter("arg", .oneOf([.object("Series"), .sequence])),
            .opt("format", .optional(.string), .none, doc: "strftime codes (%Y %m %d %H %M %S %b %B %y); none: ISO 8601 dates and date-times"),
            .choice("errors", ["raise", "coerce"], doc: "\"raise\": an unreadable value is an error; \"coerce\": it becomes missing (NaT)"),
        ], doc: "Text read as time stamps (pandas' datetime64): a Series, or a list as a Series; printed as pandas prints dates.",
           example: "df[\"date\"] = to_datetime(df.date, format=\"%d/%m/%Y\")") { args in
            let series: Series
            if case .object(let s as SeriesObject) = args.value("arg") {
                series = s.series
            } else {
                series = Series(name: nil, column: try DataConversions.column(try args.sequence("arg")))
            }
            let format = try args.optionalString("format"), coerce = try args.choice("errors") == "coerce"
            do {
                return try wrap { try series.toDatetime(format: format, coerce: coerce) }
            } catch let e as QuireError {
                throw e.located(argument: e.message.hasPrefix("to_datetime cannot read the code") ? "format" : "arg")
            }
        },
    ]

    /// `read_csv(parse_dates=[...])`: the named columns read as time stamps, after the file is read.
    static func parseDates(_ frame: DataFrame, _ names: [String]) throws -> DataFrame {
        var out = frame
        for name in names {
            let converted = try DataConversions.run { try out.column(name).toDatetime() }
            try DataConversions.run { try out.setColumn(name, converted.column) }
        }
        return out
    }
}

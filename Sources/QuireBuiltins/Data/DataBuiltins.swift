import QuireSupport
import QuireData
import QuireLang

/// `read_csv`, `write_csv`, and the methods of DataFrame, Series and GroupBy, with pandas' names.
enum DataBuiltins {
    static func frame(_ args: Arguments) -> DataFrame { args.receiver(as: DataFrameObject.self).frame }
    static func series(_ args: Arguments) -> Series { args.receiver(as: SeriesObject.self).series }
    static func wrap(_ f: DataFrame) -> Value { .object(DataFrameObject(f)) }
    static func wrap(_ s: Series) -> Value { .object(SeriesObject(s)) }

    static func readCSV(_ args: Arguments) throws -> Value {
        let shown = try args.string("path")
        let sep = try args.string("sep")
        guard sep.utf8.count == 1, let byte = sep.utf8.first, byte < 0x80, byte != UInt8(ascii: "\"") else {
            throw args.bad("sep", expected: "one ASCII character such as \",\" or \";\"")
        }
        // pandas: "Specified \n as separator or delimiter ... does not accept a line terminator".
        guard byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") else {
            throw args.bad("sep", expected: "a field separator, not a line terminator")
        }
        var options = CSVOptions(separator: byte)
        options.maxGzipRatio = try args.int("max_gzip_ratio")
        guard options.maxGzipRatio >= 1 else { throw args.bad("max_gzip_ratio", expected: "an int of at least 1") }
        switch args.value("quoting") {
        // pandas takes csv's constants: QUOTE_MINIMAL 0, QUOTE_ALL 1 (the same when reading), QUOTE_NONE 3.
        case .string("minimal"), .string("all"), .int(0), .int(1): options.quoting = true
        case .string("none"), .int(3): options.quoting = false
        default: throw args.bad("quoting", expected: "\"minimal\" (0) or \"none\" (3)")
        }
        if let names = args.optional("names") { options.names = try DataFrameObject.names(names) }
        if args.has("header") {
            switch args.value("header") {
            case .none: options.hasHeader = false
            case .int(0): options.hasHeader = true
            default: throw args.bad("header", expected: "0 (the first row) or none")
            }
        } else {
            // pandas infers: names given means the file has no header row.
            options.hasHeader = options.names == nil
        }
        try readOptions(args, into: &options)
        let path = try args.filePath(for: .read).path
        let dateColumns = try args.optional("parse_dates").map { try DataFrameObject.names($0) }
        do {
            let frame = try CSVReader.read(path: path, options: options)
            guard let dateColumns else { return wrap(frame) }
            do { return wrap(try DatetimeMethodsObject.parseDates(frame, dateColumns)) } catch let e as QuireError { throw e.located(argument: "parse_dates") }
        } catch let e as CSVError {
            let error = DataConversions.error(e, shownPath: shown)
            throw error.argument == nil ? error.located(argument: "path") : error
        }
    }

    /// Spellings of the encodings that Python's codecs accept for the two `read_csv` reads.
    static let encodingSynonyms: [String: CSVEncoding] = [
        "utf8": .utf8, "UTF-8": .utf8, "UTF8": .utf8, "utf_8": .utf8, "utf-8-sig": .utf8, "utf_8_sig": .utf8,
        "latin1": .latin1, "Latin-1": .latin1, "latin_1": .latin1, "iso-8859-1": .latin1, "ISO-8859-1": .latin1,
        "iso8859-1": .latin1, "iso_8859_1": .latin1, "l1": .latin1,
    ]

    /// usecols, nrows, na_values, encoding and skiprows, with pandas' meaning.
    static func readOptions(_ args: Arguments, into options: inout CSVOptions) throws {
        if args.optional("usecols") != nil {
            let items = try args.sequence("usecols")
            if items.allSatisfy({ if case .string = $0 { true } else { false } }) {
                options.usecols = .names(items.map { if case .string(let s) = $0 { s } else { "" } })
            } else if items.allSatisfy({ if case .int = $0 { true } else { false } }) {
                options.usecols = .positions(items.map { if case .int(let i) = $0 { i } else { 0 } })
            } else {
                throw args.bad("usecols", expected: "a list of column names or a list of column positions (not both)")
            }
        }
        if let n = try args.optionalInt("nrows") {
            guard n >= 0 else { throw args.bad("nrows", expected: "an int of at least 0") }
            options.nrows = n
        }
        if let n = try args.optionalInt("skiprows") {
            guard n >= 0 else { throw args.bad("skiprows", expected: "an int of at least 0") }
            options.skiprows = n
        }
        let encoding = try args.choice("encoding")
        options.encoding = CSVEncoding(rawValue: encoding) ?? encodingSynonyms[encoding] ?? .utf8
        switch args.value("na_values") {
        case .none: break
        case .dict(let box):
            for (key, value) in zip(box.keys, box.values) {
                guard case .string(let column) = key else {
                    throw args.bad("na_values", expected: "a dict whose keys are column names")
                }
                options.naValuesByColumn[column] = try missingWords(value, args)
            }
        case let value:
            options.naValues = try missingWords(value, args)
        }
    }

    /// The spellings of one `na_values` entry: a string, a number or a list of them, as text.
    static func missingWords(_ value: Value, _ args: Arguments) throws -> [String] {
        let items: [Value]
        switch value {
        case .list(let l): items = l.items
        case .tuple(let t): items = t
        default: items = [value]
        }
        return try items.map { item in
            switch item {
            case .string(let s): return s
            case .int(let i): return String(i)
            case .double(let d): return Printer.repr(.double(d))
            default: throw args.bad("na_values", expected: "strings or numbers (a list, or a dict of lists by column)")
            }
        }
    }

    static func writeCSV(_ args: Arguments, frame: DataFrame) throws -> Value {
        let (shown, path) = try args.filePath(for: .write)
        do {
            try CSVWriter.write(frame, path: path, shownAs: shown, index: try args.bool("index"))
        } catch let e as CSVError {
            throw DataConversions.error(e, shownPath: shown).located(argument: "path")
        }
        return .none
    }

    static func reduction(_ r: Reduction, on receiver: String) -> Builtin {
        let doc: String
        switch r {
        case .mean: doc = "The mean, skipping missing values"
        case .sum: doc = "The sum, skipping missing values"
        case .min: doc = "The smallest value"
        case .max: doc = "The largest value"
        case .std: doc = "The standard deviation (ddof=1, as pandas)"
        case .median: doc = "The median"
        case .count: doc = "The number of values that are not missing"
        }
        switch receiver {
        case "DataFrame":
            return Builtin(r.rawValue, on: receiver, doc: doc + " of each column.", example: "df.\(r.rawValue)()") { args in
                wrap(try DataConversions.run { try frame(args).reduce(r) })
            }
        case "Series":
            return Builtin(r.rawValue, on: receiver, doc: doc + ".", example: "df.ram.\(r.rawValue)()") { args in
                let s = series(args), value = try DataConversions.run { try s.reduce(r) }
                // The earliest or latest time stamp, as pandas prints a Timestamp.
                if s.column.isDatetime, r == .min || r == .max, case .int(let ns) = value { return .string(DateTime.text(ns, dateOnly: false)) }
                return DataConversions.value(value)
            }
        default:
            return Builtin(r.rawValue, on: receiver, doc: doc + " in each group.", example: "df.groupby(\"price_range\").\(r.rawValue)()") { args in
                try args.receiver(as: GroupByObject.self).aggregate(r)
            }
        }
    }
}

extension QuireError {
    /// The same error, pointing at one argument of the call.
    func located(argument name: String) -> QuireError {
        var copy = self
        copy.argument = name
        return copy
    }
}

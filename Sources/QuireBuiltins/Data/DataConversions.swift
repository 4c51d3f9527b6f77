import QuireData
import QuireLang
import QuireSupport

/// Values between the language and QuireData, and QuireData's errors as sentences.
enum DataConversions {
    static func value(_ s: Scalar) -> Value {
        switch s {
        case .int(let i): .int(Int(i))
        case .float(let d): .double(d)
        case .bool(let b): .bool(b)
        case .string(let t): .string(t)
        case .missing: .double(.nan)
        }
    }

    /// A scalar cell value; nil for values that cannot be one (lists, objects).
    static func scalar(_ v: Value) -> Scalar? {
        switch v {
        case .int(let i): .int(Int64(i))
        case .double(let d): d.isNaN ? .missing : .float(d)
        case .bool(let b): .bool(b)
        case .string(let s): .string(s)
        case .none: .missing
        default: nil
        }
    }

    /// The other side of an element-wise operation; nil when the value cannot be one.
    static func operand(_ v: Value) -> Operand? {
        if case .object(let o as SeriesObject) = v { return .series(o.series) }
        return scalar(v).map(Operand.scalar)
    }

    /// A column made from a list of values.
    static func column(_ items: [Value]) throws -> Column {
        Column(scalars: try items.map { item in
            guard let s = scalar(item) else {
                throw QuireError(.type, "a column holds numbers, text or bools, not \(item.typeNoun)")
            }
            return s
        })
    }

    /// Columns named in messages: the first few, then how many in all.
    static func columnList(_ names: [String]) -> String {
        /// More names than this make the hint longer than the line it explains.
        let shown = 2
        if names.count <= shown + 1 { return names.joined(separator: ", ") }
        return names.prefix(shown).joined(separator: ", ") + ", ... \(names.count) in all"
    }

    static func typeNoun(_ t: ColumnType) -> String {
        switch t {
        case .int64: "ints"
        case .float64: "floats"
        case .bool: "bools"
        case .string: "text"
        }
    }

    /// The error as users read it.
    static func error(_ e: DataError) -> QuireError {
        switch e {
        case .noSuchColumn(let name, let columns):
            var hint = "(columns: \(columnList(columns)))"
            if let close = Suggest.closest(to: name, in: columns) { hint = "did you mean \"\(close)\"? " + hint }
            if columns.isEmpty { hint = "this DataFrame has no columns" }
            return QuireError(.key, "no column named \"\(name)\" in this DataFrame", hint: hint)
        case .maskLength(let expected, let got):
            return QuireError(.value, "the mask has \(got) values but the DataFrame has \(expected) rows",
                              hint: "make the mask from the same DataFrame, e.g. df[df.price > 0]")
        case .notBoolean(let column):
            return QuireError(.type, "\(column.map { "column \"\($0)\"" } ?? "this Series") holds no bools, so it cannot select or combine rows",
                              hint: "compare it first, e.g. df.x > 0")
        case .wrongType(let column, let type, let operation):
            let what = column.map { "column \"\($0)\"" } ?? "this Series"
            if ["==", "!=", "<", "<=", ">", ">="].contains(operation) {
                return QuireError(.type, "cannot compare \(what) (\(typeNoun(type))) with a number",
                                  hint: "compare text with text, e.g. == \"abc\"")
            }
            if operation == "nlargest" || operation == "nsmallest" {
                return QuireError(.type, "\(operation) needs numbers, but \(what) holds \(typeNoun(type))",
                                  hint: "to order text, use sort_values" + (column.map { "(\"\($0)\")" } ?? "()"))
            }
            if operation.count <= 2 {
                return QuireError(.type, "cannot apply \(operation) to \(what): it holds \(typeNoun(type))")
            }
            return QuireError(.type, "cannot take the \(operation) of \(what): it holds \(typeNoun(type))",
                              hint: type == .string ? "drop text columns first, e.g. df.drop(\"\(column ?? "name")\")" : nil)
        case .lengthMismatch(let left, let right):
            return QuireError(.value, "cannot combine Series of lengths \(left) and \(right) element by element")
        case .columnLength(let name, let expected, let got):
            return QuireError(.value, "the new column \"\(name)\" has \(got) values but the DataFrame has \(expected) rows")
        case .unknownAggregation(let name, let known):
            var hint = "use one of " + known.map { "\"\($0)\"" }.joined(separator: ", ")
            if let close = Suggest.closest(to: name, in: known) { hint = "did you mean \"\(close)\"?" }
            return QuireError(.value, "unknown aggregation \"\(name)\"", hint: hint)
        case .castFailed(let value, let to):
            let hint = to == "int64" && (value == "NaN" || value.contains("inf"))
                ? "fill or drop missing values first: .fillna(0).astype(\"int64\") or .dropna()"
                : "clean the values first, or keep the column as it is"
            return QuireError(.value, "cannot convert \(Printer.repr(.string(value))) to \(to)", hint: hint)
        case .notNumeric(let column):
            return QuireError(.type, "column \"\(column)\" holds text, so the table cannot become a number array",
                              hint: "drop it first: df.drop(\"\(column)\")")
        case .rowOutOfRange(let row, let count):
            return QuireError(.index, "row \(row) is out of range (\(count) rows)")
        case .differentLabels:
            return QuireError(.value, "cannot compare two Series (or DataFrames) whose labels differ: pandas compares only identically labelled ones",
                              hint: "line them up first: a.sort_index() == b.sort_index() when they hold the same labels, or compare by position with a.reset_index(drop=true) == b.reset_index(drop=true)")
        case .duplicateLabels(let name):
            return QuireError(.value, "\(name.map { "Series \"\($0)\"" } ?? "this Series") has repeated labels, so it cannot be lined up with the DataFrame's rows",
                              hint: "give it one value per label, e.g. s.reset_index(drop=true) to match rows by position")
        case .labelsNotColumnNames:
            return QuireError(.value, "the Series' labels are not column names, so it cannot line up with the DataFrame's columns",
                              hint: "to line it up with the rows instead, use the method form with axis=\"index\", e.g. df.sub(s, axis=\"index\")")
        case .maskLabels:
            return QuireError(.value, "the mask's row labels are not the rows' labels, so it cannot select rows",
                              hint: "make the mask from the same DataFrame, e.g. df[df.price > 0]")
        case .columnExists(let name):
            return QuireError(.value, "cannot reset the index: the DataFrame already has a column \"\(name)\"",
                              hint: "use reset_index(drop=true) to discard the labels")
        case .notText(let column, let type):
            // pandas: "Can only use .str accessor with string values, not integer".
            let inferred = type == .int64 ? "integer" : type == .float64 ? "floating" : type == .bool ? "boolean" : typeNoun(type)
            return QuireError(.type, "Can only use .str accessor with string values, not \(inferred)" + (column.map { " (column \"\($0)\")" } ?? ""),
                              hint: type.isNumeric || type == .bool ? "turn the values into text first: .astype(\"str\").str..." : nil)
        case .badPattern(let pattern):
            return QuireError(.value, "\(Printer.repr(.string(pattern))) is not a valid regular expression",
                              hint: "to search for the text as it is, pass regex=false")
        case .zeroStep:
            return QuireError(.value, "slice step cannot be zero")
        case .emptySeparator:
            return QuireError(.value, "empty separator: split needs a pattern of at least one character",
                              hint: "leave pat out to split on white space")
        case .cannotInterpolate(let column, let type):
            return QuireError(.type, "cannot interpolate \(column.map { "column \"\($0)\"" } ?? "this Series"): it holds \(typeNoun(type))",
                              hint: "interpolate fills numbers; for text use ffill() or fillna(value)")
        case .badDate(let value, let row, let format):
            return QuireError(.value, "cannot read \(Printer.repr(.string(value)))\(row.isEmpty ? "" : " (row \(row))") as a date" + (format.map { " with format \(Printer.repr(.string($0)))" } ?? ""),
                              hint: format == nil ? "dates are read as ISO 8601 (2023-01-05 or 2023-01-05 10:30:00); give format=\"%d/%m/%Y\" for other layouts, or errors=\"coerce\" to make unreadable values missing (NaT)"
                                  : "pass errors=\"coerce\" to make unreadable values missing (NaT)")
        case .unknownDateCode(let code, let format):
            return QuireError(.value, "to_datetime cannot read the code \(code) in format \(Printer.repr(.string(format)))",
                              hint: "the codes read are %Y %y %m %d %H %M %S %b %B and %%")
        case .notDateText(let column, let type):
            return QuireError(.type, "to_datetime reads dates written as text, but \(column.map { "column \"\($0)\"" } ?? "this Series") holds \(typeNoun(type))",
                              hint: "numbers are not read as dates yet: write them as text first, e.g. to_datetime(s.astype(\"str\"), format=\"%Y%m%d\")")
        case .notDatetime(let column, let type):
            return QuireError(.type, "Can only use .dt accessor with datetimelike values" + (column.map { " (column \"\($0)\" holds \(typeNoun(type)))" } ?? ""),
                              hint: "turn the column into dates first: to_datetime(df.\(column ?? "col"))")
        }
    }

    /// The CSV error as users read it; `shownPath` is the path as the program wrote it.
    static func error(_ e: CSVError, shownPath: String) -> QuireError {
        switch e {
        case .fileNotFound(let path):
            return QuireError(.io, "no such file: \"\(shownPath)\"", hint: FileHints.nearby(path))
        case .unreadable(_, let reason):
            return QuireError(.io, "cannot read \"\(shownPath)\": \(reason)")
        case .cannotWrite(_, let reason):
            return QuireError(.io, "cannot write \"\(shownPath)\": \(reason)", argument: "path")
        case .corruptGzip:
            return QuireError(.io, "\"\(shownPath)\" is not a valid gzip file (its compressed data is damaged)")
        case .decompressedTooLarge(_, let limit, let ratio):
            return QuireError(
                .value,
                "\"\(shownPath)\" decompresses to more than \(Memory.describe(bytes: Double(limit))), over \(ratio) times its size: it may be a decompression bomb",
                hint: "if the file is genuine, raise the limit: read_csv(\"\(shownPath)\", max_gzip_ratio=\(ratio * 10))")
        case .empty:
            return QuireError(.value, "\"\(shownPath)\" is empty: no header and no rows")
        case .raggedRow(_, let line, let column, let expected, let got):
            return QuireError(.value, "malformed CSV \"\(shownPath)\" at line \(line), column \(column): expected \(expected) field\(expected == 1 ? "" : "s"), got \(got)",
                              hint: "every row needs as many fields as the header")
        case .unterminatedQuote(_, let line, let column):
            return QuireError(.value, "malformed CSV \"\(shownPath)\" at line \(line), column \(column): a quoted field is never closed",
                              hint: "a field that starts with \" must end with \"")
        case .invalidUTF8(_, let line, let column, let byte):
            let hex = String(byte, radix: 16, uppercase: true)
            return QuireError(.value, "\"\(shownPath)\" is not UTF-8 text: byte 0x\(hex.count < 2 ? "0" + hex : hex) at line \(line), column \(column)",
                              hint: "if it was saved as Latin-1 (Windows or Excel often do), read it with read_csv(\"\(shownPath)\", encoding=\"latin-1\"); or save the file as UTF-8")
        case .unknownColumns(_, let option, let names, let available):
            let listed = names.map { "\"\($0)\"" }.joined(separator: ", ")
            var hint = "the columns are " + available.prefix(12).map { "\"\($0)\"" }.joined(separator: ", ") + (available.count > 12 ? ", ..." : "")
            if let first = names.first, let close = Suggest.closest(to: first, in: available) { hint = "did you mean \"\(close)\"? " + hint }
            return QuireError(.value, "\(option) names \(names.count == 1 ? "a column" : "columns") not in \"\(shownPath)\": \(listed)", hint: hint, argument: option)
        case .positionsOutOfRange(_, let positions, let count):
            let listed = positions.map(String.init).joined(separator: ", ")
            return QuireError(.value, "usecols position\(positions.count == 1 ? "" : "s") \(listed) out of range: \"\(shownPath)\" has \(count) column\(count == 1 ? "" : "s") (positions 0 to \(count - 1))",
                              argument: "usecols")
        }
    }

    /// Runs a QuireData call, turning its errors into Quire errors.
    static func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as DataError {
            throw error(e)
        } catch let e as GroupingError {
            throw error(e)
        }
    }
}

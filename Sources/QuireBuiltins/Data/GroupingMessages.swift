import QuireData
import QuireLang

/// `GroupingError` as users read it (pandas' own sentences where pandas has one).
extension DataConversions {
    static func error(_ e: GroupingError) -> QuireError {
        switch e {
        case .sampleSizeTwice:
            return QuireError(.value, "give n or frac, not both (pandas: \"Please enter a value for `frac` OR `n`, not both\")",
                              hint: "n=10 takes 10 rows; frac=0.1 takes a tenth of them")
        case .negativeSampleSize(let argument):
            return QuireError(.value, "a negative number of rows requested: \(argument) must be at least 0", argument: argument)
        case .sampleLargerThanPopulation(let requested, let rows):
            return QuireError(.value, "cannot take a larger sample than population when replace=false (\(requested) of \(rows) rows)",
                              hint: "pass replace=true to draw rows more than once", argument: "n")
        case .upsamplingWithoutReplace:
            return QuireError(.value, "replace has to be true when upsampling the population (frac > 1)",
                              hint: "pass replace=true, or a frac between 0 and 1", argument: "frac")
        case .noKeys:
            return QuireError(.value, "groupby needs at least one column to group by", argument: "by")
        case .tooManyGroups:
            return QuireError(.value, "the group-by keys have too many combinations to number", argument: "by")
        case .duplicateOutput(let name):
            return QuireError(.value, "agg names the output column \"\(name)\" twice")
        }
    }
}

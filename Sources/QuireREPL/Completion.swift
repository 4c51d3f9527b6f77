/// What tab completion offers at the cursor: the partial word there and what may replace it.
public struct Completion: Equatable, Sendable {
    /// The partial word before the cursor; every candidate starts with it.
    public var word: String
    /// The texts that may replace `word`, in the order they are listed.
    public var candidates: [String]
    /// Added after the only candidate once it is chosen: `"]` after a column name in `df["`.
    public var closing: String

    public init(word: String = "", candidates: [String] = [], closing: String = "") {
        self.word = word
        self.candidates = candidates
        self.closing = closing
    }

    /// The text to insert at the cursor: the rest of the only candidate (with `closing`), or the
    /// longest extension that all candidates share; empty when there is nothing to add.
    public var insertion: String {
        if candidates.count == 1 { return String(candidates[0].dropFirst(word.count)) + closing }
        guard var common = candidates.first else { return "" }
        for candidate in candidates.dropFirst() {
            common = String(zip(common, candidate).prefix { $0 == $1 }.map(\.0))
        }
        return common.count > word.count ? String(common.dropFirst(word.count)) : ""
    }

    /// True when the candidates should be shown, because they share nothing more than `word`.
    public var listsCandidates: Bool { candidates.count > 1 && insertion.isEmpty }

    /// The candidates in columns that fit `width` characters, filled row by row; ends in a newline.
    public func listing(width: Int) -> String {
        guard !candidates.isEmpty else { return "" }
        let cell = (candidates.map(\.count).max() ?? 0) + listingGap
        let columns = max(1, width / cell)
        var out = ""
        for (i, candidate) in candidates.enumerated() {
            let lastInRow = (i + 1) % columns == 0 || i == candidates.count - 1
            out += lastInRow ? candidate + "\n" : candidate + String(repeating: " ", count: cell - candidate.count)
        }
        return out
    }
}

/// Spaces between listed candidates, so that neighbouring names stay apart.
let listingGap = 2

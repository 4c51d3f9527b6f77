import QuireLang

/// A split of a DataFrame or Series gives DataFrames or Series, keeping the original row labels
/// (as scikit-learn's `train_test_split` does with pandas).
extension DataFrameObject: RowSelectable {
    func selectingRows(_ rows: [Int]) -> Value { .object(DataFrameObject(frame.taking(rows))) }
}

extension SeriesObject: RowSelectable {
    func selectingRows(_ rows: [Int]) -> Value { .object(SeriesObject(series.taking(rows))) }
}

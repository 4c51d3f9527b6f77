import Foundation

/// Saving and loading models as JSON: `{"format": "quire-model", "version": 1, "type": ..., "model": ...}`.
public enum ModelArchive {
    /// Marks a file as a Quire model.
    static let format = "quire-model"
    /// Bumped when the stored layout changes; older files are then refused, not misread.
    static let version = 1

    private struct Header: Codable {
        let format: String
        let version: Int
        let type: String
    }

    private struct Envelope<Model: Codable>: Codable {
        let format: String
        let version: Int
        let type: String
        let model: Model
    }

    /// The JSON text of a model (a classifier or a scaler).
    public static func encode(_ estimator: any Estimator) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func wrap<M: Codable>(_ model: M) throws -> Data {
            try encoder.encode(Envelope(format: format, version: version, type: estimator.estimatorName, model: model))
        }
        switch estimator {
        case let m as GaussianNB: return try wrap(m)
        case let m as KNeighborsClassifier: return try wrap(m)
        case let m as SVC: return try wrap(m)
        case let m as DecisionTreeClassifier: return try wrap(m)
        case let m as RandomForestClassifier: return try wrap(m)
        case let m as LogisticRegression: return try wrap(m)
        case let m as StandardScaler: return try wrap(m)
        case let m as MinMaxScaler: return try wrap(m)
        default: throw LearnError.badModelFile("\(estimator.estimatorName) cannot be saved")
        }
    }

    /// Reads a model written by `encode`.
    public static func decode(_ data: Data) throws -> any Estimator {
        let decoder = JSONDecoder()
        let header: Header
        do {
            header = try decoder.decode(Header.self, from: data)
        } catch {
            throw LearnError.badModelFile("not a Quire model file")
        }
        guard header.format == format else { throw LearnError.badModelFile("not a Quire model file") }
        guard header.version == version else {
            throw LearnError.badModelFile("written by another version of Quire (format \(header.version))")
        }
        func unwrap<M: Codable & Estimator>(_ type: M.Type) throws -> any Estimator {
            do {
                return try decoder.decode(Envelope<M>.self, from: data).model
            } catch let error as LearnError {
                throw error
            } catch {
                throw LearnError.badModelFile("the \(header.type) in it is damaged")
            }
        }
        switch header.type {
        case "GaussianNB": return try unwrap(GaussianNB.self)
        case "KNeighborsClassifier": return try unwrap(KNeighborsClassifier.self)
        case "SVC": return try unwrap(SVC.self)
        case "DecisionTreeClassifier": return try unwrap(DecisionTreeClassifier.self)
        case "RandomForestClassifier": return try unwrap(RandomForestClassifier.self)
        case "LogisticRegression": return try unwrap(LogisticRegression.self)
        case "StandardScaler": return try unwrap(StandardScaler.self)
        case "MinMaxScaler": return try unwrap(MinMaxScaler.self)
        default: throw LearnError.badModelFile("unknown model type \(header.type)")
        }
    }
}

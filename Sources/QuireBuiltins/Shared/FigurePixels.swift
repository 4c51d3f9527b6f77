import Foundation
import QuireVision

/// Two PNG figures compared pixel by pixel (decoded by QuireVision), for `quire check`: the one
/// home of the comparison, used by the command line and by the tests that check notebooks.
public enum FigurePixels {
    /// nil when at most `tolerance` (a share) of the pixels differ; otherwise the reason, and the
    /// side-by-side image written at `diffPath` + ".png" when it could be written.
    public static func difference(stored: String, fresh: String, tolerance: Double, diffPath: String) -> (reason: String, diffImage: String?)? {
        guard let old = try? ImageFile.read(stored) else {
            return ("the stored figure \(stored) is not a readable PNG", nil)
        }
        guard let new = try? ImageFile.read(fresh), let diff = ImageDiff(old, new) else {
            return ("the new figure could not be read back", nil)
        }
        if diff.sameSize && diff.share <= tolerance { return nil }
        let side = diffPath + ".png"
        let written = (try? ImageFile.write(diff.sideBySide, to: side)) != nil
        let reason =
            diff.sameSize
            ? "\(percent(diff.share)) of the pixels differ (tolerance \(percent(tolerance)))"
            : "the stored figure is \(old.shape[1])x\(old.shape[0]) pixels, the new one \(new.shape[1])x\(new.shape[0])"
        return (reason, written ? side : nil)
    }

    static func percent(_ share: Double) -> String {
        let p = share * 100
        if p == 0 { return "0%" }
        if p < 0.01 { return "under 0.01%" }
        return String(format: p < 10 ? "%.2f%%" : "%.1f%%", p)
    }
}

import Foundation
import QuireNotebook
import QuireSupport
import QuireVision

/// `quire check`'s figure comparison: PNG by pixels (decoded by QuireVision), with a
/// side-by-side diff image; SVG (and the rest) as the notebook library compares them.
struct PixelFigureComparer: FigureComparer {
    func compare(stored: String, fresh: String, tolerance: Double, diffPath: String) -> FigureDifference? {
        guard stored.lowercased().hasSuffix(".png") else {
            return SVGFigureComparer().compare(stored: stored, fresh: fresh, tolerance: tolerance, diffPath: diffPath)
        }
        guard let old = try? ImageFile.read(stored) else {
            return FigureDifference(reason: "the stored figure \(stored) is not a readable PNG")
        }
        guard let new = try? ImageFile.read(fresh), let diff = ImageDiff(old, new) else {
            return FigureDifference(reason: "the new figure could not be read back")
        }
        if diff.sameSize && diff.share <= tolerance { return nil }
        let side = diffPath + ".png"
        let written = (try? ImageFile.write(diff.sideBySide, to: side)) != nil
        let reason =
            diff.sameSize
            ? "\(percent(diff.share)) of the pixels differ (tolerance \(percent(tolerance)))"
            : "the stored figure is \(old.shape[1])x\(old.shape[0]) pixels, the new one \(new.shape[1])x\(new.shape[0])"
        return FigureDifference(reason: reason, diffImage: written ? side : nil)
    }

    func percent(_ share: Double) -> String {
        let p = share * 100
        if p == 0 { return "0%" }
        if p < 0.01 { return "under 0.01%" }
        return String(format: p < 10 ? "%.2f%%" : "%.1f%%", p)
    }
}

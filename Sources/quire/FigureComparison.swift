import Foundation
import QuireBuiltins
import QuireNotebook

/// `quire check`'s figure comparison: PNG by pixels (`FigurePixels`), with a side-by-side diff
/// image; SVG (and the rest) as the notebook library compares them.
struct PixelFigureComparer: FigureComparer {
    func compare(stored: String, fresh: String, tolerance: Double, diffPath: String) -> FigureDifference? {
        guard stored.lowercased().hasSuffix(".png") else {
            return SVGFigureComparer().compare(stored: stored, fresh: fresh, tolerance: tolerance, diffPath: diffPath)
        }
        return FigurePixels.difference(stored: stored, fresh: fresh, tolerance: tolerance, diffPath: diffPath)
            .map { FigureDifference(reason: $0.reason, diffImage: $0.diffImage) }
    }
}

import Foundation
import QuireSupport

/// How a stored figure file differs from the new rendering.
public struct FigureDifference: Sendable, Equatable {
    /// One sentence: "3.2% of the pixels differ (tolerance 0%)".
    public var reason: String
    /// A side-by-side image (stored, new, differences) written for the reader, if one was.
    public var diffImage: String?

    public init(reason: String, diffImage: String? = nil) {
        self.reason = reason
        self.diffImage = diffImage
    }
}

/// Compares figure files by content for `quire check`. The command line hands in one that
/// decodes PNG (the notebook library knows no image codec); `SVGFigureComparer` is the default.
public protocol FigureComparer: Sendable {
    /// nil when the files match; `tolerance` is the share of pixels that may differ (PNG).
    /// A comparer may write a side-by-side image at `diffPath` (without its extension).
    func compare(stored: String, fresh: String, tolerance: Double, diffPath: String) -> FigureDifference?
}

/// SVG documents compared after normalising what changes between equal renderings (Cairo's
/// surface numbers, spacing); a difference writes an SVG that shows the two side by side. Other
/// formats are compared byte for byte.
public struct SVGFigureComparer: FigureComparer {
    public init() {}

    public func compare(stored: String, fresh: String, tolerance: Double, diffPath: String) -> FigureDifference? {
        guard let old = FileManager.default.contents(atPath: stored) else {
            return FigureDifference(reason: "the stored figure \(stored) cannot be read")
        }
        guard let new = FileManager.default.contents(atPath: fresh) else {
            return FigureDifference(reason: "the new figure could not be rendered")
        }
        guard stored.lowercased().hasSuffix(".svg") else {
            return old == new ? nil : FigureDifference(reason: "the figure's file differs from the stored one")
        }
        let a = Self.normalized(String(decoding: old, as: UTF8.self))
        let b = Self.normalized(String(decoding: new, as: UTF8.self))
        guard a != b else { return nil }
        let side = diffPath + ".svg"
        let page = Self.sideBySide(old, new)
        let written = (try? AtomicWrite.write(page, to: side)) != nil
        return FigureDifference(reason: "the drawing differs from the stored SVG", diffImage: written ? side : nil)
    }

    /// The document with Cairo's element ids renumbered in order of first appearance (Cairo
    /// counts surfaces, images, patterns and the like per process, so the same drawing gets
    /// other numbers when other figures were drawn first) and runs of white space made equal.
    static func normalized(_ svg: String) -> String {
        guard let ids = try? NSRegularExpression(pattern: #"\b(surface|image|pattern|source|mask|clip|glyph)([0-9][0-9-]*)"#) else {
            return svg
        }
        var renumbered: [String: Int] = [:]
        var text = ""
        var last = svg.startIndex
        for match in ids.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)) {
            guard let whole = Range(match.range, in: svg), let kind = Range(match.range(at: 1), in: svg) else { continue }
            let id = String(svg[whole])
            let number = renumbered[id] ?? renumbered.count
            renumbered[id] = number
            text += svg[last..<whole.lowerBound] + svg[kind] + "#\(number)"
            last = whole.upperBound
        }
        text += svg[last...]
        text = text.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// An SVG page showing the stored drawing (left) and the new one (right).
    static func sideBySide(_ old: Data, _ new: Data) -> String {
        func image(_ data: Data, x: Int) -> String {
            "<image x=\"\(x)\" y=\"24\" width=\"600\" height=\"450\" href=\"data:image/svg+xml;base64,\(data.base64EncodedString())\"/>"
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="1220" height="480" viewBox="0 0 1220 480">
            <rect width="1220" height="480" fill="white"/>
            <text x="10" y="16" font-family="sans-serif" font-size="14">stored</text>
            <text x="620" y="16" font-family="sans-serif" font-size="14">new</text>
            \(image(old, x: 0))
            \(image(new, x: 620))
            </svg>

            """
    }
}

extension OutputCheck {
    /// Compares each figure the cell made with the file its link names; a sentence per
    /// difference, naming the side-by-side image written.
    func compareFigures(_ result: CellResult, directory: String) -> [String] {
        var problems: [String] = []
        var index = 0
        for item in result.items {
            guard case .figure(let figure) = item else { continue }
            index += 1
            guard index <= result.figureLinks.count else { break }
            let link = result.figureLinks[index - 1]
            let stored = (directory as NSString).appendingPathComponent(link)
            // Figure files are not always kept (`*.out/` is often ignored by git): without one,
            // only the link is compared, as before.
            guard FileManager.default.fileExists(atPath: stored) else { continue }
            let ext = (link as NSString).pathExtension
            let scratch = FigureCheckFolder.path(for: path)
            let fresh = (scratch as NSString).appendingPathComponent("cell-\(result.cell.number)-\(index).new.\(ext)")
            do {
                try figure.write(toPath: fresh)
            } catch {
                problems.append("figure \(index): the new figure could not be rendered: \(error)")
                continue
            }
            let diffPath = (scratch as NSString).appendingPathComponent("cell-\(result.cell.number)-\(index).diff")
            if let difference = figures.compare(stored: stored, fresh: fresh, tolerance: tolerance, diffPath: diffPath) {
                var text = "figure \(index) (\(link)): \(difference.reason)"
                if let image = difference.diffImage { text += "; see \(image)" }
                problems.append(text)
            }
        }
        return problems
    }
}

/// Where `quire check` puts new renderings and diff images: a folder under the temporary
/// directory per notebook, never beside the notebook (check writes nothing there).
enum FigureCheckFolder {
    static func path(for notebook: String) -> String {
        let name = URL(fileURLWithPath: notebook).deletingPathExtension().lastPathComponent
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("quire-check/\(name)")
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }
}

import Foundation
import QuireArray

/// A folder of labelled images, one sub-folder per class, read as Keras'
/// `image_dataset_from_directory` reads it: classes in sorted folder order, images resized to
/// one size (bilinear), all as uint8 with the same channels.
public enum ImageFolder {
    /// File extensions read as images (others, and hidden files, are skipped).
    static let extensions: Set<String> = ["png", "jpg", "jpeg"]

    /// The images (n x height x width x channels; 1 channel when `gray`, else 3) and each one's
    /// class (its folder's name), folders in sorted order and files sorted within each.
    /// `shown` is the folder as the user wrote it, for error messages.
    public static func read(_ path: String, shownAs shown: String? = nil, width: Int, height: Int, gray: Bool) throws
        -> (images: NDArray, labels: [String])
    {
        let shown = shown ?? path
        guard width > 0, height > 0 else { throw VisionError.badParameter(name: "size", reason: "a (width, height) of positive sizes") }
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            throw VisionError.cannotRead(path: shown, reason: "no such folder")
        }
        let classes = try listing(path).filter { name in
            var d: ObjCBool = false
            return fm.fileExists(atPath: (path as NSString).appendingPathComponent(name), isDirectory: &d) && d.boolValue
        }
        guard !classes.isEmpty else { throw VisionError.cannotRead(path: shown, reason: "it has no sub-folders (one per class)") }
        let channels = gray ? 1 : 3
        var values: [UInt8] = []
        var labels: [String] = []
        for name in classes {
            let folder = (path as NSString).appendingPathComponent(name)
            for file in try listing(folder) where extensions.contains((file as NSString).pathExtension.lowercased()) {
                let image = try ImageFile.read((folder as NSString).appendingPathComponent(file))
                let layout = try ImageLayout(image)
                let converted: NDArray
                if gray {
                    converted = try ColorConversion.gray(image)
                } else if layout.channels >= 3 {
                    converted = try rgb(image, layout)
                } else {
                    let g = try ColorConversion.gray(image)
                    converted = NDArray(shape: g.shape + [3], uint8: (g.uint8Values ?? []).flatMap { [$0, $0, $0] })
                }
                let sized = try Resize.resize(converted, width: width, height: height)
                values += sized.uint8Values ?? []
                labels.append(name)
            }
        }
        guard !labels.isEmpty else { throw VisionError.cannotRead(path: shown, reason: "its sub-folders hold no .png or .jpg images") }
        return (NDArray(shape: [labels.count, height, width, channels], uint8: values), labels)
    }

    /// The visible entries of a folder, sorted by code point (as Python's `sorted`).
    static func listing(_ path: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }
                .sorted { Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }
        } catch {
            throw VisionError.cannotRead(path: path, reason: "cannot list the folder")
        }
    }

    /// The first three channels of an RGB(A) image.
    static func rgb(_ image: NDArray, _ layout: ImageLayout) throws -> NDArray {
        guard let v = image.uint8Values else { throw VisionError.notAnImageArray(shape: image.shape, dtype: image.dtype, reason: "dtype") }
        let c = layout.channels
        if c == 3 { return image }
        var out: [UInt8] = []
        out.reserveCapacity(layout.height * layout.width * 3)
        for i in 0..<(layout.height * layout.width) { out += v[(i * c)..<(i * c + 3)] }
        return NDArray(shape: [layout.height, layout.width, 3], uint8: out)
    }
}

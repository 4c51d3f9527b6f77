import Foundation
import Testing

@testable import QuireSupport

/// A fresh, empty folder for one test.
private func scratchFolder() throws -> String {
    let path = NSTemporaryDirectory() + "quire-atomic-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

private func entries(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
}

private struct Refused: Error {}

@Suite struct AtomicWriteTests {
    @Test func writesANewFileAndReplacesAnOldOneKeepingItsPermissions() throws {
        let folder = try scratchFolder()
        let path = folder + "/out.txt"
        try AtomicWrite.write("first\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first\n")
        chmod(path, 0o640)
        try AtomicWrite.write("second\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second\n")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)
        #expect(mode.intValue == 0o640)
        #expect(entries(folder) == ["out.txt"], "no temporary file is left")
    }

    @Test func aFolderIsNotAFile() throws {
        let folder = try scratchFolder()
        #expect(throws: WriteError(path: folder, reason: "it is a folder; give a file name inside it")) {
            try AtomicWrite.write("x", to: folder)
        }
        #expect(throws: WriteError(path: "out/", reason: "the name ends with /, so it names a folder, not a file")) {
            try AtomicWrite.write("x", to: folder + "/out/", shownAs: "out/")
        }
        #expect(entries(folder).isEmpty)
    }

    @Test func aMissingFolderIsNamedAsTheUserWroteIt() throws {
        let folder = try scratchFolder()
        let error = WriteError(path: "a/b/c.csv", reason: "the folder a/b does not exist")
        #expect(throws: error) { try AtomicWrite.write("x", to: folder + "/a/b/c.csv", shownAs: "a/b/c.csv") }
        #expect(error.message == "cannot write a/b/c.csv: the folder a/b does not exist")
        #expect(entries(folder).isEmpty, "no folder is created for a file")
    }

    @Test func aFileWhereAFolderShouldBeIsNamed() throws {
        let folder = try scratchFolder()
        try "data".write(toFile: folder + "/notes", atomically: false, encoding: .utf8)
        #expect(throws: WriteError(path: "notes/x.csv", reason: "notes is a file, not a folder")) {
            try AtomicWrite.write("x", to: folder + "/notes/x.csv", shownAs: "notes/x.csv")
        }
        #expect(throws: WriteError(path: "notes/deep/x.csv", reason: "notes is a file, not a folder")) {
            try AtomicWrite.write("x", to: folder + "/notes/deep/x.csv", shownAs: "notes/deep/x.csv")
        }
        #expect(try String(contentsOfFile: folder + "/notes", encoding: .utf8) == "data", "the file is untouched")
    }

    @Test func aReadOnlyFileIsRefusedAndKept() throws {
        let folder = try scratchFolder()
        let path = folder + "/locked.txt"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o444)
        #expect(throws: WriteError(path: path, reason: "the file is read-only")) { try AtomicWrite.write("new", to: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(entries(folder) == ["locked.txt"])
    }

    @Test func aFailingWriterLeavesTheOldFileAndNoTemporary() throws {
        let folder = try scratchFolder()
        let path = folder + "/plot.svg"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        var seen = ""
        #expect(throws: Refused.self) {
            try AtomicWrite.write(to: path) { temporary in
                seen = temporary
                try "half".write(toFile: temporary, atomically: false, encoding: .utf8)
                throw Refused()
            }
        }
        // The temporary file sat beside the destination, recognisably named, with its extension.
        let name = (seen as NSString).lastPathComponent
        #expect(name.hasPrefix(".plot.svg.quire-tmp-") && name.hasSuffix(".svg"))
        #expect((seen as NSString).deletingLastPathComponent == folder)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(entries(folder) == ["plot.svg"])
        #expect(!TemporaryFiles.isRegistered(seen))
    }

    @Test func theTemporaryFileIsRegisteredForSignalsWhileItExists() throws {
        let folder = try scratchFolder()
        var registered = false
        try AtomicWrite.write(to: folder + "/x.bin") { temporary in registered = TemporaryFiles.isRegistered(temporary) }
        #expect(registered)
    }

    @Test func createFolderMakesParentsAndRefusesAFileInTheWay() throws {
        let folder = try scratchFolder()
        try AtomicWrite.createFolder(folder + "/a/b/c")
        try AtomicWrite.createFolder(folder + "/a/b/c")  // already there: fine
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: folder + "/a/b/c", isDirectory: &isFolder) && isFolder.boolValue)
        try "figures".write(toFile: folder + "/NB.out", atomically: false, encoding: .utf8)
        #expect(throws: WriteError(path: folder + "/NB.out", reason: "a file of that name is in the way, and a folder is needed there")) {
            try AtomicWrite.createFolder(folder + "/NB.out")
        }
        #expect(throws: WriteError(path: folder + "/NB.out/x", reason: "\(folder)/NB.out is a file, not a folder")) {
            try AtomicWrite.createFolder(folder + "/NB.out/x")
        }
        #expect(try String(contentsOfFile: folder + "/NB.out", encoding: .utf8) == "figures")
    }

    @Test func staleTemporariesOfOneFileAreRemovedAndOthersKept() throws {
        let folder = try scratchFolder()
        let path = folder + "/NB.md"
        for name in ["NB.md", ".NB.md.quire-tmp-1a2b.md", ".NB.md.0badf00d.tmp", ".other.md.quire-tmp-9z.md", ".NB.md.notes"] {
            try "x".write(toFile: folder + "/" + name, atomically: false, encoding: .utf8)
        }
        #expect(AtomicWrite.removeStaleTemporaries(of: path) == [".NB.md.0badf00d.tmp", ".NB.md.quire-tmp-1a2b.md"])
        #expect(entries(folder) == [".NB.md.notes", ".other.md.quire-tmp-9z.md", "NB.md"])
    }

    @Test func reasonsArePlainWords() {
        #expect(AtomicWrite.plainReason(ENOSPC, folder: "out") == "the disk is full")
        #expect(AtomicWrite.plainReason(EACCES, folder: "out") == "permission denied (the folder out does not let you create files)")
        #expect(AtomicWrite.plainReason(EROFS, folder: "out") == "the file system is read-only")
    }
}

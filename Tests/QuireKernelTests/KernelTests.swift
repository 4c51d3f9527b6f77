import Foundation
import QuireBuiltins
import QuireLang
import Testing

@testable import QuireKernel

func makeKernel() -> Kernel {
    let info = ConnectionInfo(
        transport: "tcp", ip: "127.0.0.1", key: "k", signatureScheme: "hmac-sha256", shellPort: 0, iopubPort: 0, stdinPort: 0,
        controlPort: 0, hbPort: 0)
    return Kernel(connection: info, setup: Kernel.Setup(version: "test") { try Builtins.makeInterpreter() })
}

@Suite struct KernelRequestTests {
    @Test func completionCountsCursorInCodePoints() throws {
        let kernel = makeKernel()
        let interpreter = try Builtins.makeInterpreter()
        interpreter.setGlobal("words", .int(1))
        // "é" is one code point, and Jupyter counts code points.
        let reply = kernel.complete(["code": "é = 1; wor + 1", "cursor_pos": 10], interpreter)
        #expect(reply["matches"] as? [String] == ["words"])
        #expect(reply["cursor_start"] as? Int == 7)
        #expect(reply["cursor_end"] as? Int == 10)
        // a cursor past the end is clamped, not a crash
        let clamped = kernel.complete(["code": "pri", "cursor_pos": 99], interpreter)
        #expect(clamped["matches"] as? [String] == ["print"])
        // at the start of a line there is nothing to complete (no indentation candidate)
        #expect((kernel.complete(["code": "", "cursor_pos": 0], interpreter)["matches"] as? [String]) == [])
    }

    @Test func inspectFindsBuiltinsAndMethodsOnly() throws {
        let kernel = makeKernel()
        let interpreter = try Builtins.makeInterpreter()
        let found = kernel.inspect(["code": "len([1])", "cursor_pos": 2], interpreter)
        #expect(found["found"] as? Bool == true)
        #expect(((found["data"] as? [String: Any])?["text/plain"] as? String)?.contains("len(x)") == true)
        let missing = kernel.inspect(["code": "zzz_nothing", "cursor_pos": 3], interpreter)
        #expect(missing["found"] as? Bool == false)
    }

    @Test func nameAtCursor() {
        #expect(Kernel.name(in: "df.he", at: 4) == "df.he")
        #expect(Kernel.name(in: "x = len(", at: 8) == "len")
        #expect(Kernel.name(in: "  ", at: 1) == nil)
        #expect(Kernel.name(in: "a.", at: 2) == "a")
    }

    @Test func errorNames() {
        #expect(Kernel.errorName(.name) == "NameError")
        #expect(Kernel.errorName(.zeroDivision) == "ZeroDivisionError")
        #expect(Kernel.errorName(.interrupted) == "KeyboardInterrupt")
    }

    @Test func errorContentIsQuiresTextLineByLine() throws {
        let kernel = makeKernel()
        let interpreter = try Builtins.makeInterpreter()
        do {
            try interpreter.run(Source(name: "<cell>", text: "x = 1\nnope", cell: 4))
            Issue.record("the cell ran")
        } catch {
            let content = kernel.errorContent(error)
            let traceback = try #require(content["traceback"] as? [String])
            #expect(traceback.first == "error: name \"nope\" is not defined")
            #expect(traceback.contains { $0.contains("(cell 4)") })
            #expect(traceback.contains { $0.contains("^^^^") })
        }
    }

    @Test func nextIndentFollowsOpenBlocks() {
        let kernel = makeKernel()
        #expect(kernel.nextIndent("fn f(x) {") == "    ")
        #expect(kernel.nextIndent("fn f(x) {\n    if x {") == "        ")
        #expect(kernel.nextIndent("[1,\n  2,") == "  ")
    }
}

@Suite struct KernelSpecTests {
    @Test func foldersFollowJupytersPlaces() throws {
        let env = ["HOME": "/home/ada", "VIRTUAL_ENV": "/srv/venv"]
        #expect(try KernelSpec.folder(.user, environment: env) == "/home/ada/.local/share/jupyter/kernels/quire")
        #expect(try KernelSpec.folder(.user, environment: env.merging(["JUPYTER_DATA_DIR": "/d"]) { $1 }) == "/d/kernels/quire")
        #expect(try KernelSpec.folder(.sysPrefix, environment: env) == "/srv/venv/share/jupyter/kernels/quire")
        #expect(try KernelSpec.folder(.prefix("/opt/p"), environment: env) == "/opt/p/share/jupyter/kernels/quire")
        #expect(throws: KernelError.self) { try KernelSpec.folder(.sysPrefix, environment: ["HOME": "/h"]) }
    }

    @Test func installWritesKernelJSONAndLogosThenUninstallRemovesThem() throws {
        let prefix = NSTemporaryDirectory() + "quire-kernelspec-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        let folder = try KernelSpec.install(.prefix(prefix), executable: "/usr/local/bin/quire")
        let data = try #require(FileManager.default.contents(atPath: folder + "/kernel.json"))
        let spec = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(spec["argv"] as? [String] == ["/usr/local/bin/quire", "kernel", "--connection-file", "{connection_file}"])
        #expect(spec["language"] as? String == "quire")
        let png = try #require(FileManager.default.contents(atPath: folder + "/logo-64x64.png"))
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        #expect(FileManager.default.fileExists(atPath: folder + "/logo-svg.svg"))
        try KernelSpec.uninstall(.prefix(prefix))
        #expect(!FileManager.default.fileExists(atPath: folder))
        #expect(throws: KernelError.self) { try KernelSpec.uninstall(.prefix(prefix)) }
    }
}

/// ZeroMQ and libcrypto are loaded with dlopen when the kernel starts, not linked.
@Suite struct KernelLibraryTests {
    @Test func zeroMQAndLibcryptoLoad() throws {
        #expect(ZMQLibrary.load() != nil)
        #expect(CryptoLibrary.load() != nil)
        try ZMQLibrary.require()
        try CryptoLibrary.require()
    }

    @Test func aMissingLibraryIsAnErrorThatSaysWhatToInstall() {
        #expect(ZMQLibrary.load(names: ["libquire-no-such-library.so.1"]) == nil)
        #expect(CryptoLibrary.load(names: ["libquire-no-such-library.so.1"]) == nil)
        // a library without the entry points (libm) is as good as missing
        #expect(ZMQLibrary.load(names: ["libm.so.6"]) == nil)
        #expect(CryptoLibrary.load(names: ["libm.so.6"]) == nil)
        expectMissing(ZMQLibrary.self, names: "libzmq.so.5", package: "libzmq5")
        expectMissing(CryptoLibrary.self, names: "libcrypto.so.3", package: "libssl3")
    }

    func expectMissing<L: KernelLibrary>(_ library: L.Type, names soname: String, package: String) {
        do {
            try L.require(nil)
            Issue.record("no error without \(soname)")
        } catch {
            #expect(error.message.contains(soname))
            #expect(error.hint?.contains(package) == true)
        }
    }

    @Test func socketsTalkThroughTheLoadedLibrary() throws {
        let context = try ZMQContext()
        let server = try ZMQSocket(context, .rep)
        let client = try ZMQSocket(context, .req)
        try server.bind("inproc://quire-library-test")
        try client.connect("inproc://quire-library-test")
        try client.send([Data("ping".utf8), Data()])
        #expect(try server.receive() == [Data("ping".utf8), Data()])
        #expect(ZMQSocket.poll([server], milliseconds: 0).sockets == [false])
        server.close()
        client.close()
        context.terminate()
    }
}

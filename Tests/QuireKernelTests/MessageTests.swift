import Foundation
import Testing

@testable import QuireKernel

@Suite struct MessageSigningTests {
    let parts = [#"{"msg_id":"1"}"#, "{}", "{}", #"{"code":"1"}"#].map { Data($0.utf8) }

    /// The digest Python's `hmac.new(b"secret-key", digestmod=hashlib.sha256)` gives over the
    /// same four parts (the way jupyter_client signs).
    @Test func signatureMatchesPythonsHMAC() {
        let signer = MessageSigner(key: "secret-key")
        #expect(signer.signature(parts) == "6e9bbb6a828e1fd1b11aec9f33c97b42d59ed12d05667e03d6a51bff42612e03")
    }

    @Test func emptyKeyMeansNoSigning() {
        let signer = MessageSigner(key: "")
        #expect(signer.signature(parts) == "")
        #expect(signer.verify(Data("anything".utf8), parts))
    }

    @Test func verifyRejectsAlteredPartsAndWrongLengths() {
        let signer = MessageSigner(key: "secret-key")
        let good = Data(signer.signature(parts).utf8)
        #expect(signer.verify(good, parts))
        var altered = parts
        altered[3] = Data(#"{"code":"2"}"#.utf8)
        #expect(!signer.verify(good, altered))
        #expect(!signer.verify(good.dropLast(), parts))
        #expect(!signer.verify(Data(), parts))
    }
}

@Suite struct MessageWireTests {
    let signer = MessageSigner(key: "k")

    @Test func roundTripKeepsIdentitiesContentAndBuffers() throws {
        let message = Message(
            identities: [Data("client-1".utf8)], header: Message.header(type: "execute_request", session: "s"),
            content: ["code": "1 + 1", "silent": false], buffers: [Data([1, 2, 3])])
        let parsed = try Message.parse(message.frames(signer: signer), signer: signer)
        #expect(parsed.identities == [Data("client-1".utf8)])
        #expect(parsed.type == "execute_request")
        #expect(parsed.content["code"] as? String == "1 + 1")
        #expect(parsed.buffers == [Data([1, 2, 3])])
        #expect(parsed.header["version"] as? String == "5.3")
    }

    @Test func badSignatureIsRefused() {
        let message = Message(header: Message.header(type: "execute_request", session: "s"), content: ["code": "1"])
        var frames = message.frames(signer: MessageSigner(key: "other key"))
        #expect(throws: MessageError.badSignature) { try Message.parse(frames, signer: signer) }
        frames = message.frames(signer: signer)
        frames[frames.count - 1] = Data(#"{"code":"rm"}"#.utf8)  // content altered after signing
        #expect(throws: MessageError.badSignature) { try Message.parse(frames, signer: signer) }
    }

    @Test func malformedFramesAreRefused() {
        #expect(throws: MessageError.noDelimiter) { try Message.parse([Data("x".utf8)], signer: signer) }
        #expect(throws: MessageError.tooFewParts) { try Message.parse([Message.delimiter, Data(), Data("{}".utf8)], signer: signer) }
        let parts = ["not json", "{}", "{}", "{}"].map { Data($0.utf8) }
        let frames = [Message.delimiter, Data(signer.signature(parts).utf8)] + parts
        #expect(throws: MessageError.notJSON("header")) { try Message.parse(frames, signer: signer) }
    }

    @Test func timestampIsISO8601InUTC() {
        let stamp = Message.timestamp()
        #expect(stamp.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$"#, options: .regularExpression) != nil)
    }
}

@Suite struct ConnectionFileTests {
    let good = #"{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5, "ip": "127.0.0.1", "key": "abc", "transport": "tcp", "signature_scheme": "hmac-sha256"}"#

    @Test func readsPortsAndKey() throws {
        let info = try ConnectionInfo.parse(Data(good.utf8), path: "c.json")
        #expect(info.shellPort == 1 && info.hbPort == 5 && info.key == "abc")
        #expect(info.endpoint(info.iopubPort) == "tcp://127.0.0.1:2")
    }

    @Test func malformedFilesGiveClearErrors() {
        #expect(throws: KernelError.self) { try ConnectionInfo.parse(Data("{".utf8), path: "c.json") }
        do {
            _ = try ConnectionInfo.parse(Data(#"{"ip": "127.0.0.1"}"#.utf8), path: "c.json")
            Issue.record("a file without ports was accepted")
        } catch {
            #expect(error.message.contains("shell_port"))
        }
        let badScheme = good.replacingOccurrences(of: "hmac-sha256", with: "hmac-md5")
        #expect(throws: KernelError.self) { try ConnectionInfo.parse(Data(badScheme.utf8), path: "c.json") }
        let badPort = good.replacingOccurrences(of: "\"hb_port\": 5", with: "\"hb_port\": 70000")
        #expect(throws: KernelError.self) { try ConnectionInfo.parse(Data(badPort.utf8), path: "c.json") }
    }

    @Test func missingFileNamesIt() {
        do {
            _ = try ConnectionInfo.read(path: "/nonexistent/kernel-1.json")
            Issue.record("a missing file was accepted")
        } catch {
            #expect(error.message.contains("/nonexistent/kernel-1.json"))
        }
    }
}

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

@Suite struct JSONTextTests {
    func parsed(_ data: Data?) throws -> [String: Any] {
        let bytes = try #require(data)
        return try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
    }

    @Test func writesWhatJSONSerializationReadsBack() throws {
        let text = "quote \" backslash \\ slash / newline \n tab \t return \r bell \u{7} nul \u{0} é 🙂"
        let object: JSONObject = [
            "text": text, "int": -42, "double": 0.1, "small": 1e-7, "true": true, "false": false, "null": NSNull(),
            "list": [1, "two", [3.5], ["k": "v"]] as [Any], "nested": ["b": 2, "a": [String]()] as JSONObject,
        ]
        let data = try #require(JSONText.data(object))
        let back = try parsed(data)
        #expect(back["text"] as? String == text)
        #expect(back["int"] as? Int == -42)
        #expect(back["double"] as? Double == 0.1)
        #expect(back["small"] as? Double == 1e-7)
        #expect(back["true"] as? Bool == true && back["false"] as? Bool == false)
        #expect(back["null"] is NSNull)
        #expect((back["list"] as? [Any])?.count == 4)
        #expect(((back["nested"] as? [String: Any])?["b"]) as? Int == 2)
        // sorted keys, booleans as booleans (not 1 and 0), slashes and non-ASCII as they are
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.hasPrefix(#"{"double":0.1,"false":false,"int":-42,"list":[1,"two",[3.5],{"k":"v"}],"nested":{"a":[],"b":2},"null":null"#))
        #expect(json.contains(#"slash / newline \n tab \t return \r bell \u0007 nul \u0000 é 🙂"#))
    }

    @Test func aParsedHeaderIsWrittenBackTheSame() throws {
        // parent headers come from JSONSerialization (numbers may be NSNumber there)
        let header = #"{"date":"2026-11-30T18:00:00.000Z","msg_id":"a/b","n":3,"x":1.5,"ok":true,"v":null,"list":[1,false]}"#
        let object = try #require(try JSONSerialization.jsonObject(with: Data(header.utf8)) as? [String: Any])
        let back = try parsed(JSONText.data(["parent": object]))
        let parent = try #require(back["parent"] as? [String: Any])
        #expect(parent["msg_id"] as? String == "a/b" && parent["n"] as? Int == 3 && parent["x"] as? Double == 1.5)
        #expect(parent["ok"] as? Bool == true && parent["v"] is NSNull)
    }

    @Test func aNaNIsNotWritten() {
        #expect(JSONText.data(["x": Double.nan]) == nil)
        // and the message falls back to an empty object rather than invalid JSON
        #expect(Message.encode(["x": Double.nan]) == Data("{}".utf8))
    }
}


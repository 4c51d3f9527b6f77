import QuireLang
import Testing

/// Inputs deeper or longer than the parser, compiler and interpreter can walk are refused with
/// an error naming the limit, never a stack overflow. Generated here, run on the interpreter's
/// large stack as the command line does.
@Suite struct DepthLimitTests {
    func failureOnLargeStack(_ code: String) -> QuireError? {
        runOnLargeStack { failure(code) }
    }

    // The reproductions had two million terms and a million calls; anything past the limit
    // takes the same path, and a debug build lexes millions of tokens slowly.
    @Test func aLongFlatChainIsRefused() throws {
        let code = "x = 1" + String(repeating: "+1", count: 50_000)
        let error = try #require(failureOnLargeStack(code))
        #expect(error.kind == .syntax)
        #expect(error.message.contains("too long: more than 10000 operations"))
    }

    @Test func aLongChainOfMethodCallsIsRefused() throws {
        let code = "x = v" + String(repeating: ".total()", count: 50_000)
        let error = try #require(failureOnLargeStack(code))
        #expect(error.message.contains("more than 10000 operations"))
    }

    @Test func deepNestingIsRefused() throws {
        let n = 20_000
        for code in [
            String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n),
            String(repeating: "[", count: n) + String(repeating: "]", count: n),
            String(repeating: "while true {\n", count: n) + String(repeating: "}\n", count: n),
            "x = " + String(repeating: "-", count: n) + "1",
            "x = " + String(repeating: "not ", count: n) + "true",
            "x = 2" + String(repeating: " ** 2", count: n),
            "x = " + String(repeating: "f\"{", count: 2000) + "1" + String(repeating: "}\"", count: 2000),
        ] {
            let error = try #require(failureOnLargeStack(code))
            #expect(error.kind == .syntax)
            #expect(error.message.contains("too deeply") || error.message.contains("too long"), "\(error.message)")
        }
    }

    @Test func chainsWithinTheLimitRun() throws {
        let result: String? = runOnLargeStack {
            (try? run("1" + String(repeating: " + 1", count: 5000)))?.value
        }
        #expect(result == "5001")
    }

    @Test func comparingSelfContainingListsIsARecursionError() throws {
        let error = try #require(failureOnLargeStack("a = [0]\na[0] = a\nb = [0]\nb[0] = b\na == b"))
        #expect(error.kind == .recursion)
        #expect(error.message.contains("more than 1000 levels"))
    }

    @Test func aSelfContainingListPrintsAsPythonDoes() throws {
        #expect(try run("a = [1, 0]\na[1] = a\nprint(a)\nd = {\"me\": 0}\nd[\"me\"] = d\nprint(d)").output == "[1, [...]]\n{\"me\": {...}}\n")
    }
}

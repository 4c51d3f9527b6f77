import QuireBuiltins
import QuireLang
import Testing

@testable import QuireREPL

@Suite struct CompleterTests {
    @Test func completesBuiltinsGlobalsAndKeywords() throws {
        let interpreter = try makeTestInterpreter()
        #expect(complete("spl", interpreter).candidates == ["split_rows"])
        #expect(complete("spl", interpreter).insertion == "it_rows")
        #expect(complete("x = tra", interpreter).candidates == ["train"])
        #expect(complete("whi", interpreter).candidates == ["while"])
        #expect(complete("wor", interpreter).candidates == ["words"])
    }

    @Test func unknownPrefixHasNoCandidates() throws {
        let completion = complete("zzz", try makeTestInterpreter())
        #expect(completion.candidates.isEmpty)
        #expect(completion.insertion == "")
        #expect(!completion.listsCandidates)
    }

    @Test func ambiguousNamesInsertTheCommonPartThenList() throws {
        let interpreter = try makeTestInterpreter()
        interpreter.setGlobal("sample_a", .int(1))
        interpreter.setGlobal("sample_b", .int(2))
        let partial = complete("sam", interpreter)
        #expect(partial.candidates == ["sample_a", "sample_b"])
        #expect(partial.insertion == "ple_")
        #expect(!partial.listsCandidates)
        let full = complete("sample_", interpreter)
        #expect(full.insertion == "")
        #expect(full.listsCandidates)
    }

    @Test func membersOfANativeObjectAreColumnsAndRegistryMethods() throws {
        let interpreter = try makeTestInterpreter()
        // "price range" is not a name, so it cannot follow a dot.
        #expect(complete("df.", interpreter).candidates == ["head", "price", "sc_h", "sc_w", "shape_of"])
        #expect(complete("df.sc", interpreter).candidates == ["sc_h", "sc_w"])
        #expect(complete("df.sc", interpreter).insertion == "_")
        #expect(complete("y = df.he", interpreter).insertion == "ad")
    }

    @Test func membersOfDictsListsAndStrings() throws {
        let interpreter = Interpreter(registry: Builtins.registry)
        try interpreter.run(Source(name: "<test>", text: "d = {\"alpha\": 1, \"not a name\": 2}\nxs = [1]\ns = \"text\""))
        #expect(complete("d.al", interpreter).candidates == ["alpha"])
        #expect(complete("d.ke", interpreter).candidates == ["keys"])
        #expect(!complete("d.", interpreter).candidates.contains("not a name"))
        #expect(complete("xs.app", interpreter).candidates == ["append"])
        #expect(complete("s.upp", interpreter).candidates == ["upper"])
        #expect(complete("\"abc\".low", interpreter).candidates == ["lower"])
    }

    @Test func membersFollowDottedChainsThroughDicts() throws {
        let interpreter = try makeTestInterpreter()
        #expect(complete("point.nested.in", interpreter).candidates == ["inner"])
    }

    @Test func unresolvableReceiversGiveNothing() throws {
        let interpreter = try makeTestInterpreter()
        #expect(complete("nothing_here.", interpreter).candidates.isEmpty)
        #expect(complete("f().", interpreter).candidates.isEmpty)
        #expect(complete("df[0].", interpreter).candidates.isEmpty)
        #expect(complete("3.1", interpreter).candidates.isEmpty)
    }

    @Test func columnNamesInsideSubscriptStrings() throws {
        let interpreter = try makeTestInterpreter()
        let all = complete("df[\"", interpreter)
        #expect(all.candidates == ["price", "sc_w", "sc_h", "price range"])
        let one = complete("df[\"price r", interpreter)
        #expect(one.candidates == ["price range"])
        #expect(one.insertion == "ange\"]")
        #expect(complete("x = df['sc_", interpreter).insertion == "")
        #expect(complete("x = df['sc_w", interpreter).insertion == "']")
        #expect(complete("point[\"ne", interpreter).candidates == ["nested"])
    }

    @Test func insideOrdinaryStringsAndCommentsNothingIsOffered() throws {
        let interpreter = try makeTestInterpreter()
        #expect(complete("print(\"spl", interpreter).candidates.isEmpty)
        #expect(complete("x = 1  # spl", interpreter).candidates.isEmpty)
        #expect(complete("unknown[\"a", interpreter).candidates.isEmpty)
        // A closed string leaves code again.
        #expect(complete("x = \"a\" + spl", interpreter).candidates == ["split_rows"])
    }

    @Test func keywordArgumentsOfABuiltin() throws {
        let interpreter = try makeTestInterpreter()
        let completion = complete("split_rows(X, te", interpreter)
        #expect(completion.candidates == ["test_size="])
        #expect(completion.insertion == "st_size=")
        // All named parameters after "(", but not the rest parameter "more".
        let all = complete("split_rows(", interpreter).candidates
        #expect(Array(all.prefix(4)) == ["X=", "test_size=", "train_size=", "random_state="])
        #expect(!all.contains("more="))
        #expect(all.contains("split_rows"))
    }

    @Test func keywordArgumentsAlreadyGivenAreLeftOut() throws {
        let interpreter = try makeTestInterpreter()
        let completion = complete("split_rows(X, test_size=0.2, t", interpreter)
        #expect(completion.candidates.contains("train_size="))
        #expect(!completion.candidates.contains("test_size="))
        #expect(completion.candidates.contains("train"))
    }

    @Test func keywordArgumentsOfQuireFunctionsAndMethods() throws {
        let interpreter = try makeTestInterpreter()
        #expect(complete("train(m, ep", interpreter).candidates == ["epochs="])
        #expect(complete("df.head(", interpreter).candidates.first == "n=")
        // Across the lines of a multi-line input.
        #expect(complete("train(m,\n  lear", interpreter).candidates == ["learning_rate="])
    }

    @Test func keywordArgumentsOnlyAtTheStartOfAnArgument() throws {
        let interpreter = try makeTestInterpreter()
        #expect(complete("split_rows(X + te", interpreter).candidates.isEmpty)
        #expect(complete("split_rows([1, te", interpreter).candidates.isEmpty)
        // In a definition the parentheses hold parameters, not arguments.
        #expect(complete("fn train(a, ep", interpreter).candidates.isEmpty)
    }

    @Test func tabAtTheStartOfALineIndents() throws {
        let interpreter = try makeTestInterpreter()
        #expect(complete("", interpreter).insertion == Completer.indentation)
        #expect(complete("for i in xs {\n  ", interpreter).insertion == Completer.indentation)
    }

    @Test func cursorInTheMiddleCompletesTheTextBeforeIt() throws {
        let interpreter = try makeTestInterpreter()
        let completion = Completer.complete(line: "spl(1)", cursor: 3, interpreter: interpreter)
        #expect(completion.candidates == ["split_rows"])
    }

    @Test func nonASCIINames() throws {
        let interpreter = try makeTestInterpreter()
        interpreter.setGlobal("café", .int(1))
        #expect(complete("ca", interpreter).candidates == ["café"])
        #expect(complete("x = caf", interpreter).insertion == "é")
    }

    @Test func everyKeywordIsReserved() throws {
        // The keyword list is the completer's own; each must be a word the parser refuses as a name.
        let interpreter = Interpreter(registry: testRegistry)
        for keyword in Completer.keywords {
            #expect(throws: QuireError.self, "\(keyword)") {
                try interpreter.run(Source(name: "<test>", text: "\(keyword) = 1"))
            }
        }
    }

    @Test func listingFillsColumnsToTheWidth() {
        let completion = Completion(word: "s", candidates: ["show", "sorted", "sqrt", "str", "sum"])
        #expect(completion.listing(width: 20) == "show    sorted\nsqrt    str\nsum\n")
        #expect(completion.listing(width: 3) == "show\nsorted\nsqrt\nstr\nsum\n")
        #expect(Completion().listing(width: 80) == "")
    }

    @Test func choicesOfAStringArgumentFromItsDeclaration() throws {
        let interpreter = Interpreter(registry: Builtins.registry)
        let one = complete("m = svc(kernel=\"li", interpreter)
        #expect(one.candidates == ["linear"])
        #expect(one.insertion == "near\"")
        #expect(complete("svc(C=1, kernel = 'p", interpreter).candidates == ["poly"])
        #expect(complete("svc(kernel=\"", interpreter).candidates == ["rbf", "linear", "poly", "sigmoid"])
        // A parameter without choices, and a string that is not a keyword argument, offer nothing.
        #expect(complete("read_csv(path=\"da", interpreter).candidates.isEmpty)
        #expect(complete("svc(\"li", interpreter).candidates.isEmpty)
    }

    @Test func registeredAttributesAreCompletedAfterADot() throws {
        let interpreter = Interpreter(registry: Builtins.registry)
        try interpreter.run(Source(name: "<test>", text: "m = random_forest()"))
        #expect(complete("m.feat", interpreter).candidates == ["feature_importances"])
        #expect(complete("m.", interpreter).candidates.contains("params"))
        #expect(complete("m.", interpreter).candidates.contains("predict"))
        // An attribute's value is followed: m.params is a dict with the settings as keys.
        #expect(complete("m.params.leaf", interpreter).candidates.isEmpty)
        #expect(complete("m.params.n_est", interpreter).candidates == ["n_estimators"])
    }
}

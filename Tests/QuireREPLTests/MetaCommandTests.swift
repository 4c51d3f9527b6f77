import Testing

@testable import QuireREPL

@Suite struct MetaCommandTests {
    @Test func parsesEachCommand() {
        #expect(MetaCommand.parse(":help") == .help(nil))
        #expect(MetaCommand.parse(":help read_csv") == .help("read_csv"))
        #expect(MetaCommand.parse(":vars") == .vars)
        #expect(MetaCommand.parse(":time fib(20)") == .time("fib(20)"))
        #expect(MetaCommand.parse(":load helpers.qr") == .load("helpers.qr"))
        #expect(MetaCommand.parse(":save session.md") == .save("session.md"))
        #expect(MetaCommand.parse(":reset") == .reset)
        #expect(MetaCommand.parse(":quit") == .quit)
    }

    @Test func spacesAndQuotesAroundArguments() {
        #expect(MetaCommand.parse("  :time   sum(range(10))  ") == .time("sum(range(10))"))
        #expect(MetaCommand.parse(":load \"my notes.md\"") == .load("my notes.md"))
        #expect(MetaCommand.parse(":save 'out file.md'") == .save("out file.md"))
        #expect(MetaCommand.parse(":load my notes.qr") == .load("my notes.qr"))
    }

    @Test func aliasesFromOtherREPLs() {
        #expect(MetaCommand.parse(":q") == .quit)
        #expect(MetaCommand.parse(":exit") == .quit)
        #expect(MetaCommand.parse(":? len") == .help("len"))
    }

    @Test func codeIsNotACommand() {
        #expect(MetaCommand.parse("x = 1") == nil)
        #expect(MetaCommand.parse("xs[1:2]") == nil)
        #expect(MetaCommand.parse("") == nil)
    }

    @Test func unknownCommandsSuggestTheClosest() {
        #expect(MetaCommand.parse(":hlep") == .unknown("hlep", suggestion: "help"))
        #expect(MetaCommand.parse(":var") == .unknown("var", suggestion: "vars"))
        #expect(MetaCommand.parse(":frobnicate") == .unknown("frobnicate", suggestion: nil))
        #expect(MetaCommand.parse(":") == .unknown("", suggestion: nil))
    }

    @Test func missingOrExtraArgumentsGiveTheUsage() {
        #expect(MetaCommand.parse(":time") == .usage(":time CODE"))
        #expect(MetaCommand.parse(":load") == .usage(":load FILE"))
        #expect(MetaCommand.parse(":save  ") == .usage(":save FILE.md"))
        #expect(MetaCommand.parse(":vars x") == .usage(":vars"))
        #expect(MetaCommand.parse(":reset now") == .usage(":reset"))
        #expect(MetaCommand.parse(":quit 1") == .usage(":quit"))
    }
}

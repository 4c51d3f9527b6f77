import Testing

@testable import QuireSupport

@Suite struct QuireSupportTests {
    @Test func moduleLoads() {
        #expect(String(describing: QuireSupport.self) == "QuireSupport")
    }
}

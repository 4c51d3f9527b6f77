#if os(Linux)  // the names are Linux sonames
import Testing

@testable import QuireSupport

@Suite struct SharedLibraryTests {
    typealias UnaryMath = @convention(c) (Double) -> Double

    @Test func loadsALibraryAndFindsASymbolThatWorks() throws {
        let libm = try #require(SharedLibrary("libm.so.6"))
        #expect(libm.name == "libm.so.6")
        let cosine = try #require(libm.symbol("cos", as: UnaryMath.self))
        #expect(cosine(0) == 1)
    }

    @Test func loadsTheFirstNameThatExists() throws {
        let lib = try #require(SharedLibrary("libquire-no-such-library.so.1", "libm.so.6"))
        #expect(lib.name == "libm.so.6")
    }

    @Test func aMissingLibraryGivesNil() {
        #expect(SharedLibrary("libquire-no-such-library.so.1") == nil)
        #expect(SharedLibrary(names: []) == nil)
    }

    @Test func aMissingSymbolGivesNil() throws {
        let libm = try #require(SharedLibrary("libm.so.6"))
        #expect(libm.symbol("quire_no_such_symbol", as: UnaryMath.self) == nil)
    }
}
#endif

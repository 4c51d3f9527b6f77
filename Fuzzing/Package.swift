// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets for Quire, in a package of their own so that the normal `swift build` and
// `swift test` of the repository never build them. Built only by scripts/fuzz.sh:
//
//     swift build --package-path Fuzzing --sanitize fuzzer --sanitize address
//
// One executable holds every target; the first argument picks one (see docs/fuzzing.md).
let package = Package(
    name: "QuireFuzz",
    dependencies: [.package(name: "Quire", path: "..")],
    targets: [
        .executableTarget(
            name: "quire-fuzz",
            dependencies: [.product(name: "QuireFuzzable", package: "Quire")]),
    ],
    // Swift 5 mode: the globals are read from libFuzzer's C callbacks and a watchdog thread.
    swiftLanguageModes: [.v5]
)

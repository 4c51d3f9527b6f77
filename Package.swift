// swift-tools-version: 6.0
import PackageDescription

/// The release binary carries the Swift runtime and Foundation (linked statically): the dynamic
/// loader no longer resolves their symbols at every start, about 10 ms of a 26 ms start (issue
/// 19). Each module is compiled with the flag too, as `swift build --static-swift-stdlib` does, so
/// that what it imports (Foundation) names its static libraries for the linker. Debug, test and
/// sanitizer builds stay dynamic.
let staticInRelease: [SwiftSetting] = [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))] + staticInRelease

// Layers (see docs/architecture.md): pure domain libraries at the bottom, the language in the
// middle, bindings between them (QuireBuiltins), front ends on top.
let package = Package(
    name: "Quire",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "quire", targets: ["quire"]),
        // For the fuzzing package in Fuzzing/ (built only by scripts/fuzz.sh), which reaches the
        // libraries through this product.
        .library(name: "QuireFuzzable", targets: ["QuireLang", "QuireBuiltins", "QuireArray", "QuireData", "QuireNotebook", "QuireVision"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // C system libraries, reached only through these module maps.
        .systemLibrary(name: "CEditLine", path: "Sources/CEditLine", pkgConfig: "libedit"),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng"),
        .systemLibrary(name: "CTurboJPEG", path: "Sources/CTurboJPEG"),
        .systemLibrary(name: "CSVM", path: "Sources/CSVM"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib"),
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        // Declarations only, loaded with dlopen at first use (QuireSupport's SharedLibrary) so that
        // the loader does not load them at every start: ZeroMQ and libcrypto (the kernel's
        // ZMQ.swift, Signer.swift), OpenBLAS (Gemm.swift). No pkgConfig: it would add -l flags.
        .systemLibrary(name: "CZMQ", path: "Sources/CZMQ"),
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto"),
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
        // Cairo's declarations and a forwarder for each function Quire calls, which loads the
        // library with dlopen at the first drawing (Sources/CCairo/include/CCairo.h).
        // DWARF 4: valgrind (bench/README.md's instruction counts) cannot read clang's DWARF 5.
        .target(name: "CCairo", cSettings: [.unsafeFlags(["-gdwarf-4"])]),

        // The lowest layer: helpers shared by the libraries above it (one home for each).
        .target(name: "QuireSupport", dependencies: ["CMalloc"], swiftSettings: optimisedInDebug),

        // Domain libraries: plain Swift APIs, no dependency on the language. Their numeric loops
        // are optimised in debug builds too, so that the test suite (a debug build) trains the
        // tutorials' models and filters their images in seconds rather than minutes.
        .target(name: "QuireArray", dependencies: ["QuireSupport", "COpenBLAS"], swiftSettings: optimisedInDebug),
        .target(name: "QuireData", dependencies: ["QuireSupport", "CZlib"], swiftSettings: optimisedInDebug),
        .target(name: "QuirePlot", dependencies: ["QuireArray", "QuireSupport", "CCairo", "CZlib"], swiftSettings: optimisedInDebug),
        .target(name: "QuireLearn", dependencies: ["QuireArray", "QuireSupport", "CSVM"], swiftSettings: optimisedInDebug),
        .target(
            name: "QuireVision", dependencies: ["QuireArray", "QuireSupport", "CPNG", "CTurboJPEG"],
            swiftSettings: optimisedInDebug),
        // The pretrained sentence encoder: safetensors, WordPiece, BERT on Gemm, model folders.
        .target(name: "QuireText", dependencies: ["QuireArray", "QuireSupport"], swiftSettings: optimisedInDebug),

        // The language, its builtins, and the front ends.
        .target(
            name: "QuireLang",
            dependencies: ["QuireSupport"],
            // Variables live in class-owned buffers touched on every step; the interpreter is
            // single-threaded, so run-time exclusivity checks only cost time there.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])] + staticInRelease),
        .target(
            name: "QuireBuiltins",
            dependencies: [
                "QuireLang", "QuireArray", "QuireData", "QuirePlot", "QuireLearn", "QuireVision", "QuireSupport",
                "QuireText",
            ],
            swiftSettings: staticInRelease),
        .target(name: "QuireNotebook", dependencies: ["QuireLang", "QuireSupport"], swiftSettings: staticInRelease),
        .target(name: "QuireREPL", dependencies: ["QuireLang", "QuireSupport", "CEditLine"], swiftSettings: staticInRelease),
        // The Jupyter kernel: the messaging protocol over ZeroMQ, signed with OpenSSL's HMAC.
        .target(name: "QuireKernel", dependencies: ["QuireLang", "QuireREPL", "QuireSupport", "CZMQ", "CCrypto"], swiftSettings: staticInRelease),
        .executableTarget(
            name: "quire",
            dependencies: [
                "QuireLang", "QuireBuiltins", "QuireNotebook", "QuireREPL", "QuireSupport", "QuireVision", "QuireKernel", "QuireText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: staticInRelease,
            // See `staticInRelease`. The release binary is also linked at a fixed address (not
            // position-independent), as Debian builds its own /usr/bin/python3: the static runtime's
            // 85,000 absolute pointers are then filled in by the linker instead of by the dynamic
            // loader at every start, which writes (and so copies) 170 pages. A start takes 1.1 M
            // fewer instructions and 1.5 to 2 ms less (bench/README.md, issue 19).
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-Xclang-linker", "-no-pie"], .when(configuration: .release))]),

        .testTarget(name: "QuireSupportTests", dependencies: ["QuireSupport"]),
        .testTarget(name: "QuireArrayTests", dependencies: ["QuireArray"]),
        .testTarget(name: "QuireDataTests", dependencies: ["QuireData"]),
        .testTarget(name: "QuirePlotTests", dependencies: ["QuirePlot"]),
        .testTarget(name: "QuireLearnTests", dependencies: ["QuireLearn"]),
        .testTarget(name: "QuireVisionTests", dependencies: ["QuireVision"]),
        .testTarget(name: "QuireTextTests", dependencies: ["QuireText", "QuireSupport"]),
        .testTarget(name: "QuireLangTests", dependencies: ["QuireLang"]),
        .testTarget(name: "QuireBuiltinsTests", dependencies: ["QuireBuiltins", "QuireLang"]),
        .testTarget(name: "QuireNotebookTests", dependencies: ["QuireNotebook", "QuireBuiltins"]),
        .testTarget(name: "QuireREPLTests", dependencies: ["QuireREPL", "QuireBuiltins"]),
        .testTarget(name: "QuireKernelTests", dependencies: ["QuireKernel", "QuireBuiltins"]),
        .testTarget(
            name: "GoldenTests", dependencies: ["QuireLang", "QuireBuiltins", "QuireSupport"],
            exclude: []),
    ],
    swiftLanguageModes: [.v6]
)

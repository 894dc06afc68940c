// swift-tools-version: 6.1
// libFuzzer targets for Quartier's decoders and parsers. Kept out of the main package (as Benchmarks/
// is) so that building Quartier never builds them. Run with `bash Fuzz/run.sh TARGET SECONDS`, which
// builds with `--sanitize=fuzzer --sanitize=address` and starts from the committed corpus.
//
// Each target is an executable whose only entry point is `LLVMFuzzerTestOneInput`: libFuzzer brings
// `main`. A target calls one decoder on the bytes and checks an invariant of its result (a round trip
// where the codec has one); a thrown codec error is a correct answer, a trap or sanitizer report a bug.
import PackageDescription

func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: products.map { .product(name: $0, package: "Quartier") },
        path: "Targets/\(name)",
        swiftSettings: [.swiftLanguageMode(.v6), .unsafeFlags(["-parse-as-library"])]
    )
}

let package = Package(
    name: "QuartierFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Quartier", path: "../")],
    targets: [
        fuzzTarget("FuzzGeoJSON", ["QuartierGeometry"]),
        fuzzTarget("FuzzWKB", ["QuartierGeometry"]),
        fuzzTarget("FuzzGeoPackageBlob", ["QuartierGeometry"]),
        fuzzTarget("FuzzCSV", ["QuartierTable"]),
        fuzzTarget("FuzzFilter", ["QuartierTable"]),
        fuzzTarget("FuzzSpec", ["QuartierMonitoring", "Quartier"]),
    ]
)

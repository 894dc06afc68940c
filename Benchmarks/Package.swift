// swift-tools-version: 6.1
// Benchmarks of Quartier (ordo-one/benchmark). Run from this folder:
//   swift package benchmark                       # all suites
//   swift package benchmark --target Aggregation  # one suite
// Kept out of the main package so that building Quartier never needs the benchmark tooling.
import PackageDescription

let package = Package(
    name: "QuartierBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Quartier", path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "Aggregation",
            dependencies: [
                .product(name: "Quartier", package: "Quartier"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Aggregation",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)

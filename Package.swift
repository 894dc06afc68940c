// swift-tools-version: 6.1
// Quartier: a Swift engine for small-area social planning.
//
// Layers, bottom to top (each folder under Sources/ is one target):
//   C modules      CGEOS, CPROJ, CShapelib, CXLSXWriter, CGLPK,       system libraries from Debian
//                  COpenSSL
//   base           QuartierBase                                       input errors, atomic output, progress
//   values         QuartierGeometry, QuartierTable                    plain Sendable Swift data + codecs
//   wrappers       QuartierGEOS, QuartierPROJ, QuartierShapefile,     one owner per C handle, typed errors
//                  QuartierXLSX, QuartierGLPK, QuartierDigest
//   domain         QuartierMethods, QuartierDisclosure,               pure Swift methods (no C module)
//                  QuartierAggregation, QuartierGeocoding             (points into areas; addresses to coordinates)
//   engine         Quartier                                           areas, aggregation job, spatial, synthetic data
//   monitoring     QuartierMonitoring                                 spec, sources, runner, store, exports
//   presentation   QuartierReport                                     HTML/SVG report
//   CLI            QuartierCommands (library), QuartierCLI (`quartier`)
import PackageDescription

let swiftSettings: [SwiftSetting] = [.swiftLanguageMode(.v6)]

/// A Debian C library seen through a module map with one shim header.
func systemLibrary(_ name: String, apt: [String]) -> Target {
    .systemLibrary(name: name, path: "Sources/\(name)", providers: [.apt(apt)])
}

let package = Package(
    name: "Quartier",
    platforms: [.macOS(.v14)],
    products: [
        // MARK: - Public API
        .library(name: "Quartier", targets: ["Quartier"]),
        .library(name: "QuartierMonitoring", targets: ["QuartierMonitoring"]),
        .library(name: "QuartierMethods", targets: ["QuartierMethods"]),
        .library(name: "QuartierReport", targets: ["QuartierReport"]),
        .library(name: "QuartierReach", targets: ["QuartierReach"]),
        // The value layers alone, for the fuzz targets in Fuzz/ (nothing above them is linked there).
        .library(name: "QuartierGeometry", targets: ["QuartierGeometry"]),
        .library(name: "QuartierTable", targets: ["QuartierTable"]),
        .executable(name: "quartier", targets: ["QuartierCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // MARK: - C libraries (Debian packages)
        systemLibrary("CGEOS", apt: ["libgeos-dev"]),
        systemLibrary("CPROJ", apt: ["libproj-dev"]),
        systemLibrary("CShapelib", apt: ["libshp-dev"]),
        systemLibrary("CXLSXWriter", apt: ["libxlsxwriter-dev"]),
        systemLibrary("CGLPK", apt: ["libglpk-dev"]),
        systemLibrary("COpenSSL", apt: ["libssl-dev"]),

        // MARK: - Values and codecs (pure Swift)
        .target(name: "QuartierBase", swiftSettings: swiftSettings),
        .target(name: "QuartierGeometry", dependencies: ["QuartierBase"], swiftSettings: swiftSettings),
        .target(name: "QuartierTable", dependencies: ["QuartierBase"], swiftSettings: swiftSettings),

        // MARK: - Wrappers of the C libraries
        .target(name: "QuartierGEOS", dependencies: ["CGEOS", "QuartierGeometry"], swiftSettings: swiftSettings),
        .target(name: "QuartierPROJ", dependencies: ["CPROJ", "QuartierGeometry"], swiftSettings: swiftSettings),
        .target(name: "QuartierShapefile", dependencies: ["CShapelib", "QuartierGeometry"], swiftSettings: swiftSettings),
        .target(name: "QuartierXLSX", dependencies: ["CXLSXWriter", "QuartierBase"], swiftSettings: swiftSettings),
        .target(name: "QuartierGLPK", dependencies: ["CGLPK"], swiftSettings: swiftSettings),
        .target(name: "QuartierDigest", dependencies: ["COpenSSL"], swiftSettings: swiftSettings),

        // MARK: - Domain (pure Swift: imports no C module)
        .target(name: "QuartierMethods", dependencies: ["QuartierGeometry", "QuartierTable"], swiftSettings: swiftSettings),
        .target(name: "QuartierDisclosure", dependencies: ["QuartierTable", "QuartierGLPK"], swiftSettings: swiftSettings),
        .target(name: "QuartierAggregation", dependencies: ["QuartierBase", "QuartierGeometry", "QuartierTable"], swiftSettings: swiftSettings),
        .target(name: "QuartierGeocoding", dependencies: ["QuartierBase", "QuartierTable"], swiftSettings: swiftSettings),

        // MARK: - Engine
        .target(
            name: "Quartier",
            dependencies: [
                "QuartierGeometry", "QuartierTable", "QuartierGEOS", "QuartierPROJ", "QuartierShapefile",
                "QuartierXLSX", "QuartierDigest", "QuartierMethods", "QuartierDisclosure", "QuartierAggregation",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"), // the C API, for bulk inserts
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Monitoring (a city's yearly routine over the engine: spec, sources, runner, store, exports)
        .target(
            name: "QuartierMonitoring",
            dependencies: [
                "Quartier", "QuartierGeometry", "QuartierTable", "QuartierGeocoding", "QuartierDigest", "QuartierMethods", "QuartierXLSX",
                "QuartierAccess", // `[[offers]]`: access counts per area (issue 14)
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Access (issue 14: offers, network graph, shortest paths, floating catchments; pure Swift)
        .target(name: "QuartierAccess", dependencies: ["QuartierBase", "QuartierGeometry", "QuartierTable"], swiftSettings: swiftSettings),
        .testTarget(name: "QuartierAccessTests", dependencies: ["QuartierAccess", "QuartierMethods", "QuartierTestSupport"], swiftSettings: swiftSettings),
        // MARK: - Target-group reach (project register, participants, coverage, focusing, reach by need)
        .target(name: "QuartierReach", dependencies: ["Quartier", "QuartierMonitoring", "QuartierMethods", "QuartierTable", "QuartierGeocoding"], swiftSettings: swiftSettings),
        .target(name: "QuartierReachReport", dependencies: ["QuartierReach", "QuartierReport", "QuartierMonitoring"], swiftSettings: swiftSettings),
        .testTarget(name: "QuartierReachTests", dependencies: ["QuartierReach", "QuartierReachReport", "QuartierMonitoring", "QuartierTestSupport"], swiftSettings: swiftSettings),

        // MARK: - Evaluation (issue 17: funded Quartiere against comparable ones: DiD, Callaway & Sant'Anna, matching)
        .target(name: "QuartierEvaluation", dependencies: ["Quartier", "QuartierBase", "QuartierTable", "QuartierMethods", "QuartierMonitoring", "QuartierReach", "QuartierGeocoding"], swiftSettings: swiftSettings),
        .target(name: "QuartierEvaluationReport", dependencies: ["QuartierEvaluation", "QuartierReport", "QuartierBase"], swiftSettings: swiftSettings),
        .testTarget(name: "QuartierEvaluationTests", dependencies: ["QuartierEvaluation", "QuartierEvaluationReport", "QuartierMethods", "QuartierTestSupport"], swiftSettings: swiftSettings),

        // MARK: - Presentation
        .target(name: "QuartierReport", dependencies: ["Quartier", "QuartierMonitoring", "QuartierMethods"], swiftSettings: swiftSettings),
        // The interactive atlas (one offline HTML file): beside the report, reusing its coverage arcs and escaping.
        .target(name: "QuartierAtlas", dependencies: ["Quartier", "QuartierMonitoring", "QuartierMethods", "QuartierReport", "QuartierGeometry", "QuartierTable", "QuartierDigest"], swiftSettings: swiftSettings),
        .testTarget(name: "QuartierAtlasTests", dependencies: ["QuartierAtlas", "QuartierMonitoring", "QuartierReport", "QuartierTestSupport"], swiftSettings: swiftSettings),

        // MARK: - Command line
        .target(
            name: "QuartierCommands",
            dependencies: ["Quartier", "QuartierMonitoring", "QuartierReport", "QuartierAtlas", "QuartierGeocoding", "QuartierAccess",
                           "QuartierPostGIS", "QuartierReach", "QuartierReachReport",
                           "QuartierEvaluation", "QuartierEvaluationReport",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "QuartierCLI", dependencies: ["QuartierCommands", "QuartierBase"], swiftSettings: swiftSettings),

        // MARK: - The monitoring store in PostgreSQL/PostGIS (libpq from Debian's libpq-dev), beside the GeoPackage default
        systemLibrary("CLibPQ", apt: ["libpq-dev"]),
        .target(name: "QuartierPostGIS", dependencies: ["CLibPQ", "QuartierMonitoring", "Quartier", "QuartierGeometry", "QuartierPROJ", "QuartierBase"],
                swiftSettings: swiftSettings),
        .testTarget(name: "QuartierPostGISTests", dependencies: ["QuartierPostGIS", "QuartierMonitoring", "QuartierBase", "QuartierTestSupport",
                                                                 .product(name: "GRDB", package: "GRDB.swift")],
                    swiftSettings: swiftSettings),

        // MARK: - Tests
        .target(name: "QuartierTestSupport", path: "Tests/QuartierTestSupport"),
        .testTarget(name: "QuartierBaseTests", dependencies: ["QuartierBase", "QuartierTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "QuartierGeometryTests", dependencies: ["QuartierGeometry", "QuartierTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "QuartierTableTests", dependencies: ["QuartierTable", "QuartierMethods", "QuartierTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "QuartierWrapperTests", dependencies: ["QuartierGEOS", "QuartierPROJ", "QuartierShapefile", "QuartierXLSX", "QuartierGLPK", "QuartierDigest", "QuartierTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "QuartierMethodsTests", dependencies: ["QuartierMethods", "QuartierTestSupport"], swiftSettings: swiftSettings),
        // GEOS is the independent oracle of the locator's tests, not a dependency of the target.
        .testTarget(name: "QuartierAggregationTests", dependencies: ["QuartierAggregation", "QuartierGEOS", "QuartierMethods", "QuartierTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "QuartierDisclosureTests", dependencies: ["QuartierDisclosure", "QuartierMethods", "QuartierTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "QuartierGeocodingTests", dependencies: ["QuartierGeocoding", "QuartierTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "QuartierTests", dependencies: ["Quartier", "QuartierTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "QuartierMonitoringTests", dependencies: ["QuartierMonitoring", "QuartierTestSupport", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: swiftSettings),
        .testTarget(name: "QuartierReportTests", dependencies: ["QuartierReport", "QuartierMonitoring", "QuartierTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "QuartierCommandsTests", dependencies: ["QuartierCommands", "QuartierTestSupport"], swiftSettings: swiftSettings),
    ]
)

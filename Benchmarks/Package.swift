// swift-tools-version: 6.1
import PackageDescription

// Benchmarks of moderate, kept in a package of their own so that building and testing the project
// never builds the benchmark framework. Run from this folder: `swift package benchmark`.
let package = Package(
    name: "moderate-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "moderate", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "ModerateBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "ModerationRules", package: "moderate"),
                .product(name: "ModerationStore", package: "moderate"),
                .product(name: "ModerationStoreSQLite", package: "moderate"),
            ],
            path: "Benchmarks/ModerateBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        )
    ],
    swiftLanguageModes: [.v6]
)

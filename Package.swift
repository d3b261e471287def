// swift-tools-version: 6.1
import PackageDescription

/// Settings every target shares, each with its reason.
let swiftSettings: [SwiftSetting] = [
    // `if let x` shorthand and bare `some` are fine; this flags accidental existentials in new code.
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "moderate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "moderate", targets: ["moderate"]),
        .library(name: "ModerationRules", targets: ["ModerationRules"]),
        .library(name: "ModerationStore", targets: ["ModerationStore"]),
        .library(name: "ModerationStoreSQLite", targets: ["ModerationStoreSQLite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/onevcat/Rainbow", from: "4.2.2"),
    ],
    targets: [
        // libpcre2-8 from Debian's libpcre2-dev, found with pkg-config.
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]
        ),
        .target(name: "PCRE2", dependencies: ["CPCRE2"], swiftSettings: swiftSettings),
        // The control characters a form field may hold: one rule for the policy and every store.
        .target(name: "FieldText", swiftSettings: swiftSettings),
        // Text normalization: NFKC, confusables, leetspeak, invisible characters, repeats; spans mapped back.
        .target(
            name: "TextFolding",
            // Unicode's confusables.txt (UTS #39) with its license: data for folding look-alike letters.
            resources: [.copy("Resources/Confusables")],
            swiftSettings: swiftSettings
        ),
        // The literal and feature prefilter that decides which rules PCRE2 runs on a comment.
        .target(name: "RulePrefilter", swiftSettings: swiftSettings),
        // Comment model, policy, rules files, engine and verdict.
        .target(
            name: "ModerationRules",
            dependencies: ["PCRE2", "TextFolding", "RulePrefilter", "FieldText", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(name: "ModerationStore", dependencies: ["FieldText"], swiftSettings: swiftSettings),
        .target(
            name: "ModerationStoreSQLite",
            dependencies: ["ModerationStore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ModerationStorePostgres",
            dependencies: [
                "ModerationStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ModerationWorker",
            dependencies: [
                "ModerationRules", "ModerationStore", "TextFolding",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // What the commands do, as a library so that tests call it: settings, input, output, stores by URL.
        .target(
            name: "ModerationApp",
            dependencies: [
                "ModerationRules", "ModerationStore", "ModerationStoreSQLite", "ModerationStorePostgres",
                "ModerationWorker", "FieldText", "TextFolding",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Rainbow", package: "Rainbow"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        // The one executable: argument parsing only.
        .executableTarget(
            name: "moderate",
            dependencies: [
                "ModerationApp", "ModerationRules", "ModerationStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // A seeded generator the test targets share.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "PCRE2Tests", dependencies: ["PCRE2"], swiftSettings: swiftSettings),
        .testTarget(name: "TextFoldingTests", dependencies: ["TextFolding", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "RulePrefilterTests",
            dependencies: ["RulePrefilter", "ModerationRules", "PCRE2", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ModerationRulesTests", dependencies: ["ModerationRules", "PCRE2", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ModerationStoreTests",
            dependencies: [
                "ModerationStore", "ModerationStoreSQLite", "ModerationStorePostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ModerationStorePostgresTests",
            dependencies: [
                "ModerationStorePostgres", "ModerationStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ModerationWorkerTests",
            dependencies: [
                "ModerationWorker", "ModerationRules", "ModerationStore", "PCRE2",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ModerationAppTests",
            dependencies: [
                "ModerationApp", "ModerationRules", "ModerationStore", "ModerationStoreSQLite", "PCRE2", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Runs the built `moderate` binary end to end.
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "moderate", "ModerationStore", "ModerationStoreSQLite", "ModerationStorePostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "assay",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "AssayProtocol", targets: ["AssayProtocol"]),
        .library(name: "AssayAnalysis", targets: ["AssayAnalysis"]),
        .library(name: "AssayServer", targets: ["AssayServer"]),
        .library(name: "AssayClient", targets: ["AssayClient"]),
        .executable(name: "assay", targets: ["AssayCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-protobuf.git", exact: "1.39.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", exact: "0.2.0"),
    ],
    targets: [
        // zlib, linked from the system (Debian zlib1g-dev).
        .target(
            name: "CAssayZlib",
            linkerSettings: [.linkedLibrary("z")]
        ),
        // The tagger's weight-row sums in C, with AVX2 when the CPU has it (chosen at start).
        .target(name: "CAssayScores"),
        // Generated messages, frame types, the framing codec and compression.
        .target(
            name: "AssayProtocol",
            dependencies: [
                "CAssayZlib",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: swiftSettings
        ),
        // The analysis engine: text pipeline, knowledge base, entity linking, salience. Foundation only.
        .target(
            name: "AssayAnalysis",
            dependencies: ["CAssayScores"],
            resources: [.copy("Resources/Knowledge"), .copy("Resources/Model"), .copy("Resources/Risk")],
            swiftSettings: swiftSettings
        ),
        // The server: connection handling, stream state machines, engine ↔ protobuf mapping.
        .target(
            name: "AssayServer",
            dependencies: [
                "AssayProtocol",
                "AssayAnalysis",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: swiftSettings
        ),
        // The Swift client library.
        .target(
            name: "AssayClient",
            dependencies: [
                "AssayProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: swiftSettings
        ),
        // The `assay` command-line tool.
        .executableTarget(
            name: "AssayCLI",
            dependencies: [
                "AssayProtocol",
                "AssayAnalysis",
                "AssayServer",
                "AssayClient",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AssayAnalysisTests",
            dependencies: ["AssayAnalysis", "CAssayScores"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AssayProtocolTests",
            dependencies: [
                "AssayProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AssayServerTests",
            dependencies: [
                "AssayServer",
                "AssayClient",
                "AssayProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AssayClientTests",
            dependencies: [
                "AssayClient",
                "AssayServer",
                "AssayAnalysis",
                "AssayProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Runs the built `assay` executable against an in-process server.
        .testTarget(
            name: "AssayCLITests",
            dependencies: [
                "AssayCLI",
                "AssayServer",
                "AssayAnalysis",
                "AssayProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: swiftSettings
        ),
        // The load generator's logic (`assay bench`): histograms, rate scheduling, reports.
        .testTarget(
            name: "AssayBenchTests",
            dependencies: [
                "AssayCLI",
                "AssayServer",
                "AssayAnalysis",
                "AssayClient",
                "AssayProtocol",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)

// swift-tools-version:6.3
import PackageDescription

// Engine, codec and transport benchmarks. Never built by CI.
//   ordo-one benchmarks: cd Benchmarks && swift package --allow-writing-to-package-directory benchmark
//   transport peers:     cd Benchmarks && swift run -c release PeerBench compare
let package = Package(
    name: "AssayBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "assay", path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/grpc/grpc-swift-2.git", exact: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", exact: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", exact: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-protobuf.git", exact: "1.39.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", exact: "0.2.0"),
    ],
    targets: [
        // A plain timing loop for profilers (perf record, valgrind --tool=callgrind).
        .executableTarget(
            name: "EngineProfile",
            dependencies: [.product(name: "AssayAnalysis", package: "assay")]
        ),
        .executableTarget(
            name: "EngineBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "AssayAnalysis", package: "assay"),
            ],
            path: "Benchmarks/EngineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Frames encoded and decoded per second, with and without compression.
        .executableTarget(
            name: "CodecBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "AssayProtocol", package: "assay"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            path: "Benchmarks/CodecBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The same streaming service over Assay's protocol, grpc-swift 2 and a bare SwiftNIO loop,
        // driven by `assay bench`'s load generator (Sources/PeerBench/Bench links to
        // ../../../Sources/AssayCLI/Bench), servers in child processes.
        .executableTarget(
            name: "PeerBench",
            dependencies: [
                .product(name: "AssayProtocol", package: "assay"),
                .product(name: "AssayAnalysis", package: "assay"),
                .product(name: "AssayServer", package: "assay"),
                .product(name: "AssayClient", package: "assay"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
    ]
)

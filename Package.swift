// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "jobnet-gateway",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "jobnet-gateway", targets: ["jobnet-gateway"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        // Hummingbird's own: the HTTP request parts a channel handler of ours sees (`RequestPaceHandler`).
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        // The shared ledger of several instances (`--database postgres://…`).
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // System-library shims: nothing but the module maps.
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),

        // Europe/Copenhagen: Planner's offset-less local times and Jobnet's offsets.
        .target(name: "CopenhagenTime", swiftSettings: swiftSettings),
        // libxml2 wrapper: safe parsing, schema validation, the writer, SOAP envelopes and faults.
        .target(name: "SOAP", dependencies: ["CLibXML2"], swiftSettings: swiftSettings),
        // Planner.External.Api: the REST client on libcurl and its models.
        .target(
            name: "Planner",
            dependencies: ["CCurl", "CopenhagenTime", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings),
        // JCSS v10: typed requests and responses, their XML mapping, the STAR error catalogue (no YAML: the gateway reads the files).
        .target(
            name: "Jobnet",
            dependencies: ["SOAP", "CopenhagenTime"],
            swiftSettings: swiftSettings),
        // The operations, the mappings, the HTTP surface.
        .target(
            name: "Gateway",
            dependencies: [
                "SOAP", "Jobnet", "Planner", "CopenhagenTime", "CCurl",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings),
        // The in-memory Planner.
        .target(
            name: "PlannerSimulator",
            dependencies: [
                "Planner", "CopenhagenTime",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings),
        // The request path with the simulator in-process, for the fuzzer and its regression inputs.
        .target(
            name: "GatewayFuzzing",
            dependencies: ["Gateway", "PlannerSimulator", "Planner", "SOAP", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings),
        // libFuzzer's entry point (make fuzz); without -DFUZZING, a seed writer and input runner.
        .executableTarget(
            name: "jobnet-gateway-fuzz",
            dependencies: ["GatewayFuzzing", "Gateway"],
            // @_extern(c): libFuzzer's driver, declared with the C calling convention.
            swiftSettings: swiftSettings + [.enableExperimentalFeature("Extern")]),
        // Commands only.
        .executableTarget(
            name: "jobnet-gateway",
            dependencies: [
                "Gateway", "PlannerSimulator", "CopenhagenTime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway", "PlannerSimulator", "SOAP", "Jobnet", "Planner", "CopenhagenTime", "GatewayFuzzing",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings),
    ]
)

// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "dpsbulk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dpsbulk", targets: ["dpsbulk"]),
        .library(name: "DPSModel", targets: ["DPSModel"]),
        .library(name: "DPSManifest", targets: ["DPSManifest"]),
        .library(name: "DPSWireFormats", targets: ["DPSWireFormats"]),
        .library(name: "DPSValidation", targets: ["DPSValidation"]),
        .library(name: "DPSEmulator", targets: ["DPSEmulator"]),
        .library(name: "DPSClient", targets: ["DPSClient"]),
        .library(name: "DPSJournal", targets: ["DPSJournal"]),
        .library(name: "DPSEngine", targets: ["DPSEngine"]),
        .library(name: "DPSAge", targets: ["DPSAge"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // The DPS wire model: Codable service types, connection strings and SAS tokens.
        .target(
            name: "DPSModel",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // The system zlib, for reading gzip streams member by member.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // The age v1 file format (c2sp.org/age): X25519 recipients, streaming encryption and decryption.
        .target(
            name: "DPSAge",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // Streaming manifest readers (CSV, JSON lines, plain or gzip) that yield records with their source position.
        .target(
            name: "DPSManifest",
            dependencies: ["DPSModel", "DPSAge", "CZlib"]
        ),
        // Byte-level formats the service's values use: strict base64, TPM2B_PUBLIC, PEM and DER certificates.
        // Shared by validation and the emulator, so that neither depends on the other's rules.
        .target(
            name: "DPSWireFormats",
            dependencies: [
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Validation rules that report every finding before any network call.
        .target(
            name: "DPSValidation",
            dependencies: [
                "DPSModel",
                "DPSManifest",
                "DPSWireFormats",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // A local DPS service (REST API 2021-10-01) for tests and the embedded default.
        .target(
            name: "DPSEmulator",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                "DPSModel",
                "DPSWireFormats",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // A client of the DPS service API: SAS tokens, bulk operations, queries, typed errors.
        .target(
            name: "DPSClient",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                "DPSModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        // The SQLite journal of a run: what was sent, what succeeded, what failed, so a run resumes.
        .target(
            name: "DPSJournal",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Import, export and migrate: pure decisions (batching, retry, rate) and the engines that use them.
        .target(
            name: "DPSEngine",
            dependencies: [
                "DPSAge",
                "DPSModel",
                "DPSManifest",
                "DPSValidation",
                "DPSWireFormats",
                "DPSClient",
                "DPSJournal",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        // Stamps the executable with the commit it is built from (scripts/build-version.sh, before every build).
        .plugin(name: "BuildVersion", capability: .buildTool()),
        // The thin command-line tool.
        .executableTarget(
            name: "dpsbulk",
            dependencies: [
                "DPSAge",
                "DPSModel",
                "DPSManifest",
                "DPSValidation",
                "DPSEmulator",
                "DPSClient",
                "DPSJournal",
                "DPSEngine",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            plugins: ["BuildVersion"]
        ),
        // bench/import.sh's transport floor: the client's bulk sending alone (see its main.swift).
        .executableTarget(
            name: "TransportFloor",
            dependencies: ["DPSClient", "DPSModel"],
            path: "bench/TransportFloor"
        ),
        .testTarget(
            name: "DPSModelTests",
            dependencies: ["DPSModel"],
            resources: [.copy("Examples")]
        ),
        .testTarget(
            name: "DPSManifestTests",
            dependencies: ["DPSManifest", "DPSModel", "DPSAge"]
        ),
        .testTarget(
            name: "DPSWireFormatsTests",
            dependencies: ["DPSWireFormats"]
        ),
        .testTarget(
            name: "DPSValidationTests",
            dependencies: ["DPSValidation", "DPSWireFormats", "DPSManifest", "DPSModel"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DPSEmulatorTests",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                "DPSEmulator",
                "DPSModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "DPSAgeTests",
            dependencies: ["DPSAge"]
        ),
        .testTarget(
            name: "DPSJournalTests",
            dependencies: ["DPSJournal", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "DPSEngineTests",
            dependencies: [
                "DPSManifest",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                "DPSAge",
                "DPSEngine",
                "DPSValidation",
                "DPSWireFormats",
                "DPSClient",
                "DPSEmulator",
                "DPSModel",
                "DPSJournal",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ]
        ),
        // Generated inputs (thousands per run) for every parser of outside data: no trap, bounded results.
        .testTarget(
            name: "DPSPropertyTests",
            dependencies: [
                "DPSEmulator",
                "DPSModel",
                "DPSManifest",
                "DPSValidation",
                "DPSWireFormats",
                "DPSEngine",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "DPSBulkCLITests",
            dependencies: [
                "DPSModel",
                "DPSClient",
                "DPSJournal",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ]
)

// swift-tools-version: 6.0
//
// mldebt: a terminal workbench that shows an ML team the hidden technical debt in its system.
// docs/architecture.md explains what each target does and how they depend on one another.

import PackageDescription

let package = Package(
  name: "mldebt",
  platforms: [.macOS(.v14)],
  products: [
    .library(name: "MLDebt", targets: ["MLDebt"]),
    .executable(name: "mldebt", targets: ["mldebt"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
  ],
  targets: [
    // System libraries, each with a small C header for what Swift cannot import.
    .systemLibrary(
      name: "CNcurses",
      pkgConfig: "ncursesw",
      providers: [.apt(["libncurses-dev"])]
    ),
    .systemLibrary(
      name: "CLua",
      pkgConfig: "lua5.4",
      providers: [.apt(["liblua5.4-dev"])]
    ),

    // libcurl, loaded on first use (the MLflow tracking server reader), not linked.
    .target(
      name: "CCurl",
      linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]
    ),

    // The analysis core: model, ingest, lineage, drift, runs, checklist, store. No terminal code.
    .target(
      name: "MLDebt",
      dependencies: [
        "CCurl",
        .product(name: "Yams", package: "Yams"),
        .product(name: "GRDB", package: "GRDB.swift"),
        // The SQLite C API GRDB is built on: the run cache's warm read steps one statement.
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
        .product(name: "OrderedCollections", package: "swift-collections"),
      ]
    ),

    // The terminal app: views render into a cell buffer; one backend file talks to ncurses.
    .target(name: "MLDebtTUI", dependencies: ["MLDebt", "CNcurses"]),

    // Lua 5.4 bindings over the analysis core.
    .target(name: "MLDebtScript", dependencies: ["MLDebt", "CLua"]),

    // The command-line executable.
    .executableTarget(
      name: "mldebt",
      dependencies: [
        "MLDebt", "MLDebtTUI", "MLDebtScript",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // What more than one test target uses (golden files).
    .target(name: "MLDebtTestSupport", path: "Tests/MLDebtTestSupport"),
    .testTarget(
      name: "MLDebtTests", dependencies: ["MLDebt", "MLDebtTestSupport"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "MLDebtTUITests", dependencies: ["MLDebtTUI", "MLDebtScript", "MLDebtTestSupport"]),
    .testTarget(name: "MLDebtScriptTests", dependencies: ["MLDebtScript"]),
    .testTarget(
      name: "MLDebtCLITests",
      dependencies: ["mldebt", "MLDebt", "MLDebtTUI", "MLDebtScript", "MLDebtTestSupport"]),
  ]
)

// The libFuzzer targets (Fuzz/, docs/reliability.md). Only `Fuzz/run` sets MLDEBT_FUZZ=1 and
// builds them, with `-sanitize=fuzzer,address`; ordinary builds and tests never see them.
// mldebt's own modules are instrumented here, per target, so that `Fuzz/run --shared-build`
// (the CI smoke run) can reuse the dependencies `swift build` already compiled in .build;
// a plain `Fuzz/run` adds the same flags to every module, dependencies included.
if Context.environment["MLDEBT_FUZZ"] == "1" {
  let instrumented: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]
  for target in package.targets where ["MLDebt", "MLDebtTUI"].contains(target.name) {
    target.swiftSettings = (target.swiftSettings ?? []) + instrumented
  }
  package.targets.append(
    .executableTarget(
      name: "mldebt-fuzz", dependencies: ["MLDebt", "MLDebtTUI"], path: "Fuzz/Sources",
      swiftSettings: instrumented + [.unsafeFlags(["-parse-as-library"])],
      linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]))
}

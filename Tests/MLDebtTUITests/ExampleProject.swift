import Foundation
import MLDebt

@testable import MLDebtTUI

/// The example project `examples/car-loans`, analysed as of 2026-11-23 (the date its checks are
/// judged at), and temporary copies of it for tests that write.
enum ExampleProject {
  /// 2026-11-23T00:00:00Z.
  static let now = Date(timeIntervalSince1970: 1_795_392_000)

  /// The example's directory.
  static let root = EndToEndTests.packageRoot.appendingPathComponent("examples/car-loans").path

  /// The loaded example (loaded once).
  static let loaded: Result<Project, ProjectLoadError> = Result { () throws(ProjectLoadError) in
    try Project.load(at: root)
  }

  /// The example, or a test failure.
  static func project() throws -> Project { try loaded.get() }

  /// Its analysis with the built-in detectors (computed once).
  static let builtInAnalysis: ProjectAnalysis? = try? ProjectAnalysis.compute(
    loaded.get(), now: now)

  /// A workbench state on the example with its analysis and an empty score history.
  static func state(width: Int = 80, height: Int = 24, analysed: Bool = true) throws -> AppState {
    var state = AppState(
      project: try project(), analysis: analysed ? builtInAnalysis : nil,
      size: Size(width: width, height: height))
    state.scoreHistory = .loaded([])
    state.user = "tester"
    return state
  }

  /// A fresh copy of the example in a temporary directory (callers remove it).
  static func copy() throws -> String {
    let target = FileManager.default.temporaryDirectory
      .appendingPathComponent("mldebt-example-\(getpid())-\(UUID().uuidString.prefix(8))").path
    try FileManager.default.copyItem(atPath: root, toPath: target)
    return target
  }
}

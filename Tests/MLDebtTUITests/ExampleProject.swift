import Foundation
import MLDebt

@testable import MLDebtTUI

/// The bundled example project (`examples/car-loans`), loaded once and analysed as of a fixed
/// day, so goldens of it are deterministic.
enum ExampleProject {
  /// The day the example's checks are judged at.
  static let now = Date(timeIntervalSince1970: ISODates.day("2026-11-23")!)

  /// The example's absolute path.
  static var path: String {
    EndToEndTests.packageRoot.appendingPathComponent("examples/car-loans").path
  }

  /// The loaded project and its analysis (`nil` if the example failed to load).
  static let loaded: (project: Project, analysis: ProjectAnalysis)? = {
    guard let project = try? Project.load(at: path) else { return nil }
    return (project, ProjectAnalysis.compute(project, now: now))
  }()

  /// A state on the example, analysed unless `analysed` is false, showing the Lineage view.
  static func state(width: Int = 80, height: Int = 24, analysed: Bool = true) -> AppState? {
    guard let loaded else { return nil }
    var state = AppState(
      project: loaded.project, analysis: analysed ? loaded.analysis : nil,
      size: Size(width: width, height: height))
    state.view = .lineage
    return state
  }
}

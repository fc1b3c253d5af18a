import Foundation
import MLDebtTestSupport
import Testing

/// Golden text files under `Tests/MLDebtTUITests/Goldens/`.
///
/// To update them deliberately after a change in rendering, run the tests with
/// `MLDEBT_UPDATE_GOLDENS=1`, then review the diff with `git diff Tests/MLDebtTUITests/Goldens`.
enum Golden {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Goldens")

  static var updating: Bool { GoldenFile.updating }

  /// Compares `text` with the golden file `name.txt` (or rewrites it when updating).
  static func check(
    _ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    GoldenFile.check(
      text, at: directory.appendingPathComponent(name + ".txt"), showingOutput: true,
      sourceLocation: sourceLocation)
  }
}

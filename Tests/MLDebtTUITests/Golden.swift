import Foundation
import Testing

/// Golden text files under `Tests/MLDebtTUITests/Goldens/`.
///
/// To update them deliberately after a change in rendering, run the tests with
/// `MLDEBT_UPDATE_GOLDENS=1`, then review the diff with `git diff Tests/MLDebtTUITests/Goldens`.
enum Golden {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Goldens")

  static var updating: Bool { ProcessInfo.processInfo.environment["MLDEBT_UPDATE_GOLDENS"] == "1" }

  /// Compares `text` with the golden file `name.txt` (or rewrites it when updating).
  static func check(
    _ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let url = directory.appendingPathComponent(name + ".txt")
    if updating {
      try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try? text.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record(
        "missing golden \(url.path); run with MLDEBT_UPDATE_GOLDENS=1 to create it",
        sourceLocation: sourceLocation)
      return
    }
    if text != expected {
      let got = text.split(separator: "\n", omittingEmptySubsequences: false)
      let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let line = Array(zip(got, want)).firstIndex { $0.0 != $0.1 } ?? min(got.count, want.count)
      let gotLine = line < got.count ? String(got[line]) : "<end>"
      let wantLine = line < want.count ? String(want[line]) : "<end>"
      Issue.record(
        """
        golden \(name) differs at line \(line + 1):
          expected: \(wantLine)
          got:      \(gotLine)
        full output:
        \(text)
        (if the change is intended, rerun with MLDEBT_UPDATE_GOLDENS=1)
        """, sourceLocation: sourceLocation)
    }
  }
}

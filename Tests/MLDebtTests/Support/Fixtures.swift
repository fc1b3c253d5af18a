import Foundation

/// Paths of the committed fixtures that the real tools wrote (see Fixtures/README.md).
enum Fixtures {
  /// The absolute path of the fixtures folder in the test bundle.
  static let root: String = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.path

  /// The absolute path of a fixture, such as `path("dvc")` or `path("broken/dvc-unknown-field")`.
  static func path(_ relative: String) -> String { root + "/" + relative }

  /// The absolute path of the bundled example project.
  static var example: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
        "examples/car-loans"
      ).path
  }
}

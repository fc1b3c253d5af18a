import Foundation
import MLDebtTUI

/// The settings a CLI command runs with (docs/config.md). The project layer needs the project's
/// directory, which `ProjectOptions` learns while the command line is parsed; it notes it here so
/// that options parsed beside it (`--format`) resolve through the same layers.
enum CommandSettings {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var projectPath: String?
  /// The settings resolved for `projectPath`, kept because a command may ask for its format
  /// several times and each resolve reads the config files and builds the key map.
  nonisolated(unsafe) private static var resolved: (path: String?, settings: Settings)?

  /// Records the project path the command line names.
  static func noteProject(path: String) {
    lock.withLock { projectPath = path }
  }

  /// The project directory for a path given on the command line (a directory, or its manifest),
  /// or `nil` when it names neither.
  static func projectRoot(for path: String) -> String? {
    let expanded = (path as NSString).expandingTildeInPath
    let absolute =
      expanded.hasPrefix("/")
      ? expanded : FileManager.default.currentDirectoryPath + "/" + expanded
    let standard = (absolute as NSString).standardizingPath
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: standard, isDirectory: &isDirectory) else {
      return nil
    }
    return isDirectory.boolValue ? standard : (standard as NSString).deletingLastPathComponent
  }

  /// The settings without flags: environment, project, user, defaults. They are resolved
  /// once per project path: the files are read when a command starts, not again.
  static func current() -> Settings {
    lock.withLock {
      if let resolved, resolved.path == projectPath { return resolved.settings }
      let settings = Settings.resolve(
        environment: ProcessInfo.processInfo.environment,
        projectRoot: projectPath.flatMap(projectRoot(for:)))
      resolved = (projectPath, settings)
      return settings
    }
  }
}

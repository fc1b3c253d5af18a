import Foundation
import MLDebt

/// Carries out the export effects (``AppEffect/writeFile(path:contents:what:)`` and
/// ``AppEffect/exportReview(format:path:)``): the run loop calls it, and reports its message.
enum ExportWriter {
  /// The directory `e` writes views to: `MLDEBT_EXPORT_DIR`, else `TMPDIR`, else `/tmp` — but
  /// never inside the project (mldebt writes a project's files only where the user says so).
  static func defaultDirectory(environment: [String: String], projectRoot: String) -> String {
    let candidates = [environment["MLDEBT_EXPORT_DIR"], environment["TMPDIR"], "/tmp"]
    let root = absolute(projectRoot, environment: environment)
    for case let candidate? in candidates where !candidate.isEmpty {
      let path = absolute(candidate, environment: environment)
      let explicit = candidate == environment["MLDEBT_EXPORT_DIR"]
      if explicit || !(path == root || path.hasPrefix(root + "/")) { return path }
    }
    return "/tmp"
  }

  /// A path as the user typed it made absolute: `~` is the home directory, relative paths start
  /// at the current directory.
  static func absolute(_ path: String, environment: [String: String]) -> String {
    var expanded = path
    if path == "~" || path.hasPrefix("~/"), let home = environment["HOME"] {
      expanded = home + path.dropFirst()
    }
    if !expanded.hasPrefix("/") {
      expanded = FileManager.default.currentDirectoryPath + "/" + expanded
    }
    return (expanded as NSString).standardizingPath
  }

  /// Writes `contents` atomically; returns the status message and whether it is an error.
  static func write(
    _ contents: String, to path: String, what: String, environment: [String: String]
  ) -> (message: String, isError: Bool) {
    let target = absolute(path, environment: environment)
    do {
      try AtomicFile.write(Data(contents.utf8), to: target)
      return ("wrote \(what) to \(target)", false)
    } catch {
      return ("export failed: \(error.description)", true)
    }
  }

  /// Builds the whole review of the state's analysis (with the project's history, read without
  /// creating it) and writes it; returns the status message and whether it is an error.
  static func review(
    _ state: AppState, format: ReviewFormat, to path: String, environment: [String: String]
  ) -> (message: String, isError: Bool) {
    guard let analysis = state.analysis else {
      return ("the analysis is still running; export the review when it is done", true)
    }
    let history: ReviewHistory
    do {
      history = try ReviewHistory.load(for: state.project)
    } catch {
      return ("export failed: \(error.description)", true)
    }
    let review = DebtReview.build(analysis, history: history)
    do {
      let text = try format.write(review, width: 100, ascii: state.glyphs == .ascii)
      return write(
        text, to: path, what: "the \(format.rawValue) review", environment: environment)
    } catch {
      return ("export failed: \(error)", true)
    }
  }
}

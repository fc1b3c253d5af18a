import ArgumentParser
import Foundation
import MLDebt
import MLDebtTUI

/// Dynamic shell completions: the view names, node ids and run ids of the project in the current
/// directory. The shell scripts swift-argument-parser generates call the binary back with the
/// words typed so far, and these closures answer; a folder without a project completes nothing.
enum ProjectCompletions {
  /// The workbench's view names.
  static let views = CompletionKind.list(ViewID.allCases.map(\.rawValue))

  /// Node ids (`kind:name`) of the project in the current directory.
  static let nodes = CompletionKind.custom { _, _, prefix in
    matching(prefix, nodeIDs(of: currentProject()))
  }

  /// Run ids of the project in the current directory.
  static let runs = CompletionKind.custom { _, _, prefix in
    matching(prefix, runIDs(of: currentProject()))
  }

  /// Node ids and run ids, for options that take either.
  static let nodesAndRuns = CompletionKind.custom { _, _, prefix in
    let project = currentProject()
    return matching(prefix, nodeIDs(of: project) + runIDs(of: project))
  }

  /// The project in the current directory, loaded quickly (latest metrics only, no environment,
  /// so `MLFLOW_TRACKING_URI` is not contacted), or `nil` when there is none.
  static func currentProject() -> Project? {
    var options = LoadOptions()
    options.metricHistories = false
    return try? Project.load(at: FileManager.default.currentDirectoryPath, options: options)
  }

  /// Every node id of a project, sorted.
  static func nodeIDs(of project: Project?) -> [String] {
    guard let project else { return [] }
    var ids = Set(project.nodeIDs.map(\.description))
    for edge in project.edges {
      ids.insert(edge.from.description)
      ids.insert(edge.to.description)
    }
    return ids.sorted()
  }

  /// Every run id of a project, in load order.
  static func runIDs(of project: Project?) -> [String] {
    project?.runs.map(\.id) ?? []
  }

  /// The candidates that start with what has been typed, made safe for a shell to print (no
  /// control characters, no whitespace, which would split a candidate).
  static func matching(_ prefix: String, _ candidates: [String]) -> [String] {
    candidates.filter { $0.hasPrefix(prefix) }.filter { candidate in
      !candidate.isEmpty
        && !candidate.unicodeScalars.contains {
          $0.properties.generalCategory == .control || $0.properties.isWhitespace
        }
    }
  }
}

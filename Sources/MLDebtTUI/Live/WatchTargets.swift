import Foundation
import MLDebt

/// A folder live mode watches: changes to its entries (or, when `recursive`, to anything below
/// it) mean the project may have changed.
public struct WatchTarget: Sendable, Hashable {
  /// The folder's absolute path.
  public var path: String
  /// Whether to watch its subfolders too.
  public var recursive: Bool

  /// Creates a target.
  public init(path: String, recursive: Bool) {
    self.path = path
    self.recursive = recursive
  }
}

/// What live mode watches for a project: the project folder itself (the manifest, `dvc.yaml`,
/// `dvc.lock`, the attestations file, a SQLite store beside them), every source folder
/// recursively (an MLflow file store, OpenLineage logs), the folder of every other source file,
/// and the folders of the monitoring files (where new windows appear).
public enum WatchTargets {
  /// The folders to watch for `project`, without duplicates, sorted.
  public static func of(_ project: Project) -> [WatchTarget] {
    let root = project.root
    var targets: Set<WatchTarget> = [WatchTarget(path: root, recursive: false)]
    func add(file relative: String) {
      let absolute = FileAccess.resolve(relative, relativeTo: root)
      switch FileAccess.entry(at: absolute) {
      case .directory: targets.insert(WatchTarget(path: absolute, recursive: true))
      case .file:
        targets.insert(
          WatchTarget(path: (absolute as NSString).deletingLastPathComponent, recursive: false))
      default: break
      }
    }
    for source in project.sources where source.kind != .mlflowServer {
      add(file: source.path)
    }
    for monitoring in project.monitoring {
      let files =
        [monitoring.reference, monitoring.current, monitoring.histograms].compactMap { $0 }
        + monitoring.windows
      for file in files {
        let absolute = FileAccess.resolve(file, relativeTo: root)
        let folder = (absolute as NSString).deletingLastPathComponent
        if FileAccess.entry(at: folder) == .directory {
          targets.insert(WatchTarget(path: folder, recursive: false))
        }
      }
    }
    // A recursive target covers the non-recursive ones inside it.
    let recursive = targets.filter(\.recursive).map(\.path)
    let kept = targets.filter { target in
      target.recursive
        || !recursive.contains { target.path == $0 || target.path.hasPrefix($0 + "/") }
    }
    return kept.sorted { ($0.path, $0.recursive ? 1 : 0) < ($1.path, $1.recursive ? 1 : 0) }
  }

  /// Whether the project reads a tracking server, which can only be polled.
  public static func needsPolling(_ project: Project) -> Bool {
    project.sources.contains { $0.kind == .mlflowServer }
  }

  /// Every folder a set of targets covers: each target, and for recursive ones every folder
  /// below it (hidden folders skipped), at most `limit` in all.
  public static func folders(_ targets: [WatchTarget], limit: Int = 8192) -> [String] {
    var result: [String] = []
    var seen: Set<String> = []
    for target in targets {
      var queue = [target.path]
      while let folder = queue.popLast(), result.count < limit {
        guard seen.insert(folder).inserted else { continue }
        result.append(folder)
        guard target.recursive else { continue }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names.sorted().reversed() where !name.hasPrefix(".") {
          let child = folder + "/" + name
          if FileAccess.entry(at: child) == .directory { queue.append(child) }
        }
      }
    }
    return result
  }
}

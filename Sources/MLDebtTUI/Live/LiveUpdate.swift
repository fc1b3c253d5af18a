import MLDebt

/// How live mode judges a reloaded project against the one on screen.
enum LiveUpdate {
  /// The sources that loaded cleanly before and no longer do (a half-saved `dvc.yaml`, a
  /// truncated metric file), each with its first error; empty when the reload can be shown.
  static func broken(from old: Project, to new: Project) -> [String] {
    var before: [String: SourceSummary.Status] = [:]
    for source in old.sources { before["\(source.kind.rawValue) \(source.path)"] = source.status }
    var problems: [String] = []
    for source in new.sources where source.status != .loaded || source.errorCount > 0 {
      let key = "\(source.kind.rawValue) \(source.path)"
      guard let previous = before[key], previous == .loaded else { continue }
      let error = new.diagnostics.first {
        $0.source == source.kind && $0.severity == .error
      }
      problems.append(error?.description ?? "\(source.path): \(source.status.rawValue)")
    }
    return problems
  }
}

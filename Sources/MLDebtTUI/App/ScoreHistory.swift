import MLDebt

/// The score history the Overview draws trends from: the snapshots in `.mldebt/history.sqlite`,
/// read once at start-up (read-only; `mldebt snapshot` records them).
public enum ScoreHistory: Sendable, Hashable {
  /// Not read (tests, or before start-up finished).
  case notLoaded
  /// The snapshots, oldest first (possibly none).
  case loaded([HistoryStore.Snapshot])
  /// The file exists but cannot be read: why.
  case unreadable(String)

  /// Reads a project's history without writing anything.
  public static func load(for project: Project) -> ScoreHistory {
    do {
      return .loaded(try HistoryStore.readSnapshots(at: HistoryStore.path(for: project)))
    } catch {
      return .unreadable("\(error)")
    }
  }

  /// The snapshots, or none.
  public var snapshots: [HistoryStore.Snapshot] {
    if case .loaded(let snapshots) = self { return snapshots }
    return []
  }

  /// An area's score in each snapshot, oldest first (NaN where a snapshot lacks the area).
  public func series(for area: DebtArea) -> [Double] {
    snapshots.map { $0.areas[area.rawValue] ?? .nan }
  }

  /// The overall score in each snapshot, oldest first.
  public var overallSeries: [Double] { snapshots.map(\.overall) }
}

import Foundation

/// The recorded history a review compares with: the snapshots (for trend sparklines) and,
/// when a baseline is chosen, that snapshot's findings (for new, fixed and unchanged).
///
/// It is a plain value, so a review is a pure function of the analysis and this history;
/// ``load(for:baseline:trendFrom:)`` reads it from `.mldebt/history.sqlite` without creating it.
public struct ReviewHistory: Sendable, Hashable {
  /// The snapshots shown in trends, oldest first.
  public var snapshots: [HistoryStore.Snapshot]
  /// The baseline snapshot and the findings recorded in it.
  public var baseline: (snapshot: HistoryStore.Snapshot, findings: [HistoryStore.RecordedFinding])?

  /// No history: trends are the score now alone, and there is no baseline.
  public static let none = ReviewHistory(snapshots: [], baseline: nil)

  /// Creates a history from its parts.
  public init(
    snapshots: [HistoryStore.Snapshot],
    baseline: (snapshot: HistoryStore.Snapshot, findings: [HistoryStore.RecordedFinding])?
  ) {
    self.snapshots = snapshots
    self.baseline = baseline
  }

  /// Compares the snapshots and the baseline's findings.
  public static func == (lhs: ReviewHistory, rhs: ReviewHistory) -> Bool {
    lhs.snapshots == rhs.snapshots && lhs.baseline?.snapshot == rhs.baseline?.snapshot
      && lhs.baseline?.findings == rhs.baseline?.findings
  }

  /// Hashes the snapshots and the baseline's findings.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(snapshots)
    hasher.combine(baseline?.snapshot)
    hasher.combine(baseline?.findings)
  }

  /// Why a history could not be read.
  public struct LoadError: Error, CustomStringConvertible {
    /// What went wrong, where, and what to do.
    public var description: String
  }

  /// A snapshot chosen on the command line: a number, or `latest`.
  public enum SnapshotReference: Sendable, Hashable {
    /// Snapshot N.
    case number(Int64)
    /// The most recent snapshot.
    case latest

    /// Parses `N` or `latest`.
    public init?(_ text: String) {
      if text.lowercased() == "latest" {
        self = .latest
      } else if let number = Int64(text), number > 0 {
        self = .number(number)
      } else {
        return nil
      }
    }
  }

  /// Reads the history of a project from `.mldebt/history.sqlite` (never creating it). The
  /// trend starts at `trendFrom` when given (else it holds every snapshot); `baseline` picks the
  /// snapshot to compare with. A project with no history file has no snapshots; asking for a
  /// baseline then is an error that says how to record one.
  public static func load(
    for project: Project, baseline: SnapshotReference? = nil,
    trendFrom: SnapshotReference? = nil
  ) throws(LoadError) -> ReviewHistory {
    let path = HistoryStore.path(for: project)
    guard FileAccess.entry(at: path) != .missing else {
      if baseline != nil || trendFrom != nil {
        throw LoadError(
          description:
            "no history in \(path); record a snapshot with `mldebt snapshot \(project.root)` "
            + "and pass its number (see `mldebt history`)")
      }
      return .none
    }
    do {
      let store = try HistoryStore(path: path)
      let all = try store.snapshots()
      func resolve(_ reference: SnapshotReference) throws(LoadError) -> HistoryStore.Snapshot {
        let found: HistoryStore.Snapshot?
        switch reference {
        case .latest: found = all.last
        case .number(let id): found = all.first { $0.id == id }
        }
        guard let found else {
          let known = all.isEmpty ? "none" : "\(all.first!.id)–\(all.last!.id)"
          throw LoadError(
            description:
              "no snapshot \(reference.text) in \(path) (snapshots: \(known)); see `mldebt history`"
          )
        }
        return found
      }
      let start = try trendFrom.map(resolve)
      let chosen = try baseline.map(resolve)
      return ReviewHistory(
        snapshots: all.filter { $0.id >= (start?.id ?? 0) },
        baseline: try chosen.map { ($0, try store.findings(in: $0.id)) })
    } catch let error as LoadError {
      throw error
    } catch {
      throw LoadError(description: "cannot read the history in \(path): \(error)")
    }
  }
}

extension ReviewHistory.SnapshotReference {
  /// The reference as written: `latest` or the number.
  public var text: String {
    switch self {
    case .latest: "latest"
    case .number(let id): String(id)
    }
  }
}

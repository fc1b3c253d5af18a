/// Two or more runs side by side: what differs in their attributes, commit, data, params,
/// metrics and tags.
///
/// Every key any of the runs has becomes a row; ``rows(hidingEqual:)`` leaves out the rows where
/// all runs agree (runs with hundreds of params differ in few).
public struct RunDiff: Sendable, Codable {
  /// The part of a run a row belongs to.
  public enum Section: String, Sendable, Hashable, Codable, CaseIterable {
    /// Name, status, times.
    case run
    /// The code version.
    case commit
    /// Dataset inputs.
    case data
    /// Parameters.
    case params
    /// Latest metric values.
    case metrics
    /// Tags.
    case tags
  }

  /// One compared key.
  public struct Row: Sendable, Hashable, Codable {
    /// Its section.
    public var section: Section
    /// The key (`C`, `auc`, `git commit`).
    public var key: String
    /// One value per run, `nil` where the run has none.
    public var values: [String?]
    /// For metrics, each run's value minus the first run's (`nil` where either is missing).
    public var deltas: [Double?]?
    /// Whether every run has the same value.
    public var isEqual: Bool
  }

  /// The compared runs' ids, in order.
  public var runIDs: [String]
  /// The compared runs' names (the id where there is none).
  public var runNames: [String]
  /// Every row, by section and then key.
  public var rows: [Row]

  /// Compares runs (the first is the baseline for metric deltas).
  public init(_ runs: [Run]) {
    runIDs = runs.map(\.id)
    runNames = runs.map { $0.name ?? String($0.id.prefix(8)) }
    var rows: [Row] = []
    func add(_ section: Section, _ key: String, _ values: [String?], deltas: [Double?]? = nil) {
      let isEqual = values.allSatisfy { $0 == values.first! }
      rows.append(
        Row(section: section, key: key, values: values, deltas: deltas, isEqual: isEqual))
    }
    add(.run, "name", runs.map(\.name))
    add(.run, "experiment", runs.map(\.experimentID))
    add(.run, "status", runs.map(\.status.rawValue))
    add(.run, "start", runs.map { $0.startTime.map { RunTime.timestamp(milliseconds: $0) } })
    add(
      .run, "duration",
      runs.map { $0.durationMilliseconds.map { RunTime.duration(milliseconds: $0) } })
    add(.run, "parent", runs.map(\.parentRunID))
    add(.commit, "git commit", runs.map(\.gitCommit))
    for key in RunAuditor.dirtyKeys where runs.contains(where: { $0.tags[key] != nil }) {
      add(.commit, key, runs.map { $0.tags[key] })
    }
    let contexts = Set(runs.flatMap { $0.inputs.map { $0.context ?? "" } }).sorted()
    for context in contexts {
      add(
        .data, context.isEmpty ? "input" : "input (\(context))",
        runs.map { run in
          let inputs = run.inputs.filter { ($0.context ?? "") == context }
          guard !inputs.isEmpty else { return nil }
          return inputs.map { "\($0.name)@\($0.digest ?? "?")" }.sorted().joined(separator: ", ")
        })
    }
    for key in RunIndex.paramKeys(runs) { add(.params, key, runs.map { $0.params[key] }) }
    for key in RunIndex.metricKeys(runs) {
      let values = runs.map { $0.metrics[key] }
      let base = values.first ?? nil
      let deltas = values.map { value -> Double? in
        guard let value, let base else { return nil }
        return value - base
      }
      add(.metrics, key, values.map { $0.map(RunValue.format) }, deltas: deltas)
    }
    for key in RunIndex.tagKeys(runs) { add(.tags, key, runs.map { $0.tags[key] }) }
    self.rows = rows
  }

  /// The rows, without those where every run agrees when `hidingEqual`.
  public func rows(hidingEqual: Bool) -> [Row] {
    hidingEqual ? rows.filter { !$0.isEqual } : rows
  }

  /// How many rows differ.
  public var differingCount: Int { rows.count { !$0.isEqual } }

}

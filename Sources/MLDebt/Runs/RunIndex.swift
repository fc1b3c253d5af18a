import Foundation

/// All runs of a project, ready to be filtered, sorted and grouped by parent run.
///
/// Build one from a ``Project``; ``select(_:)`` answers a ``RunQuery`` the way MLflow's
/// `search_runs` does (deleted runs and experiments left out unless asked for).
public struct RunIndex: Sendable {
  /// Every run, deleted ones included.
  public let runs: [Run]
  /// Every experiment.
  public let experiments: [Experiment]
  private let positions: RunPositions
  private let childIDs: [String: [String]]

  /// Indexes a project's runs.
  public init(_ project: Project) {
    self.init(runs: project.runs, experiments: project.experiments)
  }

  /// Indexes runs and their experiments.
  public init(runs: [Run], experiments: [Experiment]) {
    self.runs = runs
    self.experiments = experiments
    var children: [String: [String]] = [:]
    for run in runs {
      if let parent = run.parentRunID { children[parent, default: []].append(run.id) }
    }
    self.positions = RunPositions()
    self.childIDs = children
  }

  /// From how many runs ``select(_:)`` filters on every core.
  static let parallelFilterThreshold = 4096

  /// The run with an id.
  public func run(_ id: String) -> Run? { positions.position(of: id, in: runs).map { runs[$0] } }

  /// Finds a run by id, a unique id prefix, or a unique run name.
  public func find(_ reference: String) -> Run? {
    if let exact = run(reference) { return exact }
    let byPrefix = runs.filter { $0.id.hasPrefix(reference) }
    if byPrefix.count == 1 { return byPrefix[0] }
    let byName = runs.filter { $0.name == reference && !$0.deleted }
    return byName.count == 1 ? byName[0] : nil
  }

  /// The experiment with an id, or else the one with a name.
  public func experiment(_ reference: String) -> Experiment? {
    experiments.first { $0.id == reference } ?? experiments.first { $0.name == reference }
  }

  /// The runs nested under a run (`mlflow.parentRunId`).
  public func children(of id: String) -> [Run] { (childIDs[id] ?? []).compactMap(run) }

  /// Whether any run is nested under a run (cheaper than ``children(of:)``).
  public func hasChildren(_ id: String) -> Bool {
    // Most stores have no nested runs: then no id is hashed.
    !childIDs.isEmpty && childIDs[id]?.isEmpty == false
  }

  /// The runs a query selects, sorted and limited.
  public func select(_ query: RunQuery) -> [Run] {
    let deletedExperiments = Set(experiments.filter(\.deleted).map(\.id))
    let wanted: Set<String>? =
      query.experiments.isEmpty
      ? nil : Set(query.experiments.compactMap { experiment($0)?.id ?? $0 })
    let includeDeleted = query.includeDeleted
    let filter = query.filter
    let selects: @Sendable (Run) -> Bool = { run in
      if !includeDeleted
        && (run.deleted
          || (!deletedExperiments.isEmpty && deletedExperiments.contains(run.experimentID)))
      {
        return false
      }
      if let wanted, !wanted.contains(run.experimentID) { return false }
      return filter.matches(run)
    }
    // A selected run's sort values are read as it is tested, while its memory is at hand, and
    // runs are kept as positions: no run is copied until the sorted, limited list is made. A
    // large index is filtered on every core (each run's test reads memory no other test
    // touches, so a single thread mostly waits for it).
    let runs = self.runs
    let sort = query.sort
    let select = { @Sendable (range: Range<Int>) -> (positions: [Int], values: RunSortValues) in
      var positions: [Int] = []
      var values = RunSortValues(sort)
      // Read in place: an array's element is copied (retained, then released) when read.
      runs.withUnsafeBufferPointer { runs in
        for position in range where selects(runs[position]) {
          positions.append(position)
          values.append(runs[position])
        }
      }
      return (positions, values)
    }
    var chunks: [(positions: [Int], values: RunSortValues)]
    if runs.count >= Self.parallelFilterThreshold {
      let chunkSize = max(1024, runs.count / (ProcessInfo.processInfo.activeProcessorCount * 4))
      chunks = ParallelChunks.map(count: runs.count, chunkSize: chunkSize, select)
    } else {
      chunks = [select(runs.indices)]
    }
    var positions = chunks[0].positions
    var values = chunks[0].values
    for chunk in chunks.dropFirst() {
      positions += chunk.positions
      values.append(contentsOf: chunk.values)
    }
    chunks = []
    return values.order(limit: query.limit) { runs[positions[$0]].id }.map { runs[positions[$0]] }
  }

  /// Runs in tree order: each parent followed by its children (indented one level deeper), in
  /// the order given; a run whose parent is not among `runs` is a root.
  public func grouped(_ runs: [Run]) -> [(run: Run, depth: Int)] {
    let present = Set(runs.map(\.id))
    var byParent: [String: [Run]] = [:]
    var roots: [Run] = []
    for run in runs {
      if let parent = run.parentRunID, parent != run.id, present.contains(parent) {
        byParent[parent, default: []].append(run)
      } else {
        roots.append(run)
      }
    }
    var result: [(run: Run, depth: Int)] = []
    var visited: Set<String> = []
    func visit(_ run: Run, _ depth: Int) {
      guard visited.insert(run.id).inserted else { return }
      result.append((run, depth))
      for child in byParent[run.id] ?? [] { visit(child, depth + 1) }
    }
    for root in roots { visit(root, 0) }
    // Runs caught in a parent cycle have no root; list them flat rather than lose them.
    for run in runs where !visited.contains(run.id) { visit(run, 0) }
    return result
  }

  /// Every metric key among runs, sorted.
  public static func metricKeys(_ runs: [Run]) -> [String] {
    Set(runs.flatMap(\.metrics.keys)).sorted()
  }

  /// Every parameter key among runs, sorted.
  public static func paramKeys(_ runs: [Run]) -> [String] {
    Set(runs.flatMap(\.params.keys)).sorted()
  }

  /// Every tag key among runs, sorted.
  public static func tagKeys(_ runs: [Run]) -> [String] {
    Set(runs.flatMap(\.tags.keys)).sorted()
  }
}

/// What to select from a ``RunIndex``.
public struct RunQuery: Sendable {
  /// Experiment ids or names; empty means every experiment.
  public var experiments: [String]
  /// The filter.
  public var filter: RunFilter
  /// Sort keys, most significant first (newest start first breaks ties).
  public var sort: [RunSort]
  /// At most this many runs.
  public var limit: Int?
  /// Whether deleted runs and runs of deleted experiments are included.
  public var includeDeleted: Bool

  /// Creates a query; the default selects every live run, newest first.
  public init(
    experiments: [String] = [], filter: RunFilter = .everything, sort: [RunSort] = [],
    limit: Int? = nil, includeDeleted: Bool = false
  ) {
    self.experiments = experiments
    self.filter = filter
    self.sort = sort
    self.limit = limit
    self.includeDeleted = includeDeleted
  }
}

/// The position of each run id in a ``RunIndex``, built on the first lookup: a listing that
/// looks no run up by its id (a filtered, sorted list) hashes none of 20,000 ids.
private final class RunPositions: @unchecked Sendable {
  // Guarded by `lock`.
  private let lock = NSLock()
  private var positions: [String: Int]?

  /// The position of the first run with `id` among `runs` (always the index's runs).
  func position(of id: String, in runs: [Run]) -> Int? {
    lock.withLock {
      if let positions { return positions[id] }
      var built: [String: Int] = [:]
      built.reserveCapacity(runs.count)
      // Backwards, so that the first run with an id keeps it.
      for index in runs.indices.reversed() { built[runs[index].id] = index }
      positions = built
      return built[id]
    }
  }
}

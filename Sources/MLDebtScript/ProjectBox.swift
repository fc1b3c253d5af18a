import Foundation
import MLDebt

/// A loaded project as scripts see it, with the analyses computed on first use.
final class ProjectBox {
  let project: Project
  let now: Date

  init(_ project: Project, now: Date) {
    self.project = project
    self.now = now
  }

  /// Nodes by id.
  private(set) lazy var features = Dictionary(
    project.features.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
  private(set) lazy var datasets = Dictionary(
    project.datasets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
  private(set) lazy var models = Dictionary(
    project.models.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
  private(set) lazy var consumers = Dictionary(
    project.consumers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
  private(set) lazy var jobs = Dictionary(
    project.jobs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

  /// The lineage graph over the project's edges.
  private(set) lazy var graph = ProjectGraph(project)

  /// The checklist (built-in detectors only).
  private(set) lazy var checklist = Checklist.evaluate(project, now: now)

  /// Run indices by run id.
  private(set) lazy var runIndex = Dictionary(
    project.runs.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })

  /// Experiment names by id.
  private(set) lazy var experimentNames = Dictionary(
    project.experiments.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })

  /// Whether the project declares (or a source mentions) a node with this id.
  func contains(_ id: NodeID) -> Bool {
    switch id.kind {
    case .feature: features[id] != nil
    case .dataset: datasets[id] != nil
    case .model: models[id] != nil
    case .consumer: consumers[id] != nil
    case .job: jobs[id] != nil
    case .column: graph.contains(id)
    }
  }

  /// A run by id, or by a unique prefix of at least 6 characters.
  func runIndex(for text: String) -> Int? {
    if let index = runIndex[text] { return index }
    guard text.count >= 6 else { return nil }
    let matches = project.runs.indices.filter { project.runs[$0].id.hasPrefix(text) }
    return matches.count == 1 ? matches[0] : nil
  }
}

/// The lineage queries scripts use, answered by the core's ``LineageGraph``.
struct ProjectGraph {
  let lineage: LineageGraph

  init(_ project: Project) { lineage = LineageGraph(project) }

  /// Whether the graph has the node.
  func contains(_ id: NodeID) -> Bool { lineage.index(of: id) != nil }

  /// Every node reached from `start` going up or down, with its distance, nearest first
  /// (ties by id). `depth` limits the distance; `nil` means no limit.
  func reach(from start: NodeID, downstream: Bool, depth: Int?) -> [(id: NodeID, depth: Int)] {
    guard let index = lineage.index(of: start) else { return [] }
    return lineage.closure(
      of: index, direction: downstream ? .downstream : .upstream, maxDepth: depth
    ).map { (lineage.id($0.node), $0.depth) }
  }

  /// A shortest path from `from` to `to` (both included) and how they are connected
  /// (`directed`, `reversed` or `undirected`); `nil` when they are not connected.
  func path(from: NodeID, to: NodeID) -> (nodes: [NodeID], connection: String)? {
    guard let a = lineage.index(of: from), let b = lineage.index(of: to) else { return nil }
    let path = lineage.path(from: a, to: b)
    if path.connection == .none { return nil }
    return (path.nodes.map(lineage.id), path.connection.rawValue)
  }

  /// Every cycle, as the nodes (in id order) of each strongly connected component that holds
  /// one, ordered by their first node.
  func cycles() -> [[NodeID]] {
    lineage.cyclicComponents.map { $0.map(lineage.id) }
  }
}

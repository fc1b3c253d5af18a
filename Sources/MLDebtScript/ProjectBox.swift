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

/// Reachability over a project's lineage edges.
///
/// The core's lineage module (`LineageGraph`) is the long-term home of these queries; this
/// small graph keeps the Lua API working on what `Project` already has, and is the one place to
/// switch over.
struct ProjectGraph {
  private var downstreamOf: [NodeID: [(NodeID, EdgeKind)]] = [:]
  private var upstreamOf: [NodeID: [(NodeID, EdgeKind)]] = [:]
  private var nodes: Set<NodeID> = []

  init(_ project: Project) {
    for edge in project.edges {
      downstreamOf[edge.from, default: []].append((edge.to, edge.kind))
      upstreamOf[edge.to, default: []].append((edge.from, edge.kind))
      nodes.insert(edge.from)
      nodes.insert(edge.to)
    }
    for key in downstreamOf.keys { downstreamOf[key]?.sort { $0.0 < $1.0 } }
    for key in upstreamOf.keys { upstreamOf[key]?.sort { $0.0 < $1.0 } }
    nodes.formUnion(project.nodeIDs)
  }

  /// Whether an edge mentions the node.
  func contains(_ id: NodeID) -> Bool { nodes.contains(id) }

  /// Every node reached from `start` going up or down, with its distance, nearest first
  /// (ties by id). `depth` limits the distance; `nil` means no limit.
  func reach(from start: NodeID, downstream: Bool, depth: Int?) -> [(id: NodeID, depth: Int)] {
    var seen: Set<NodeID> = [start]
    var result: [(id: NodeID, depth: Int)] = []
    var frontier = [start]
    var level = 0
    while !frontier.isEmpty {
      level += 1
      if let depth, level > depth { break }
      var next: [NodeID] = []
      for node in frontier {
        for (neighbour, _) in (downstream ? downstreamOf[node] : upstreamOf[node]) ?? []
        where seen.insert(neighbour).inserted {
          next.append(neighbour)
        }
      }
      next.sort()
      result += next.map { ($0, level) }
      frontier = next
    }
    return result
  }

  /// A shortest path following edges from `from` to `to`, both included; `nil` if none.
  func path(from: NodeID, to: NodeID) -> [NodeID]? {
    if from == to { return [from] }
    var previous: [NodeID: NodeID] = [:]
    var frontier = [from]
    var seen: Set<NodeID> = [from]
    while !frontier.isEmpty {
      var next: [NodeID] = []
      for node in frontier {
        for (neighbour, _) in downstreamOf[node] ?? [] where seen.insert(neighbour).inserted {
          previous[neighbour] = node
          if neighbour == to {
            var path = [to]
            var cursor = to
            while let before = previous[cursor] {
              path.append(before)
              cursor = before
            }
            return path.reversed()
          }
          next.append(neighbour)
        }
      }
      frontier = next
    }
    return nil
  }

  /// Every cycle, as the sorted nodes of each strongly connected component with more than one
  /// node (or a node with an edge to itself). Components are sorted by their first node.
  func cycles() -> [[NodeID]] {
    var index: [NodeID: Int] = [:]
    var low: [NodeID: Int] = [:]
    var onStack: Set<NodeID> = []
    var stack: [NodeID] = []
    var counter = 0
    var components: [[NodeID]] = []

    // Iterative Tarjan, so deep graphs cannot overflow the Swift stack.
    for root in nodes.sorted() where index[root] == nil {
      var work: [(node: NodeID, next: Int)] = [(root, 0)]
      index[root] = counter
      low[root] = counter
      counter += 1
      stack.append(root)
      onStack.insert(root)
      while let top = work.last {
        let neighbours = downstreamOf[top.node] ?? []
        if top.next < neighbours.count {
          work[work.count - 1].next += 1
          let neighbour = neighbours[top.next].0
          if index[neighbour] == nil {
            index[neighbour] = counter
            low[neighbour] = counter
            counter += 1
            stack.append(neighbour)
            onStack.insert(neighbour)
            work.append((neighbour, 0))
          } else if onStack.contains(neighbour) {
            low[top.node] = min(low[top.node]!, index[neighbour]!)
          }
        } else {
          work.removeLast()
          if let parent = work.last {
            low[parent.node] = min(low[parent.node]!, low[top.node]!)
          }
          if low[top.node] == index[top.node] {
            var component: [NodeID] = []
            while let member = stack.popLast() {
              onStack.remove(member)
              component.append(member)
              if member == top.node { break }
            }
            let selfLoop = (downstreamOf[top.node] ?? []).contains { $0.0 == top.node }
            if component.count > 1 || selfLoop { components.append(component.sorted()) }
          }
        }
      }
    }
    return components.sorted { $0[0] < $1[0] }
  }
}

import MLDebt

/// Look-ups over a project that views need on every frame, computed once when it loads.
public struct ProjectIndex: Sendable {
  /// Every node: the project's own plus any that only edges mention (columns), sorted.
  public let nodes: [NodeID]
  /// Each node's owner, where declared.
  public let owners: [NodeID: String]
  /// Each node's description, where declared.
  public let descriptions: [NodeID: String]
  /// The run parameters shown as table columns: the most common ones.
  public let paramKeys: [String]
  /// The run metrics shown as table columns: the most common ones.
  public let metricKeys: [String]

  /// Indexes a project.
  public init(_ project: Project) {
    var all = Set(project.nodeIDs)
    for edge in project.edges {
      all.insert(edge.from)
      all.insert(edge.to)
    }
    nodes = all.sorted()
    var owners: [NodeID: String] = [:]
    var descriptions: [NodeID: String] = [:]
    func note(_ id: NodeID, _ owner: String?, _ description: String?) {
      if let owner { owners[id] = owner }
      if let description { descriptions[id] = description }
    }
    for node in project.datasets { note(node.id, node.owner, node.description) }
    for node in project.features { note(node.id, node.owner, node.description) }
    for node in project.models { note(node.id, node.owner, node.description) }
    for node in project.consumers { note(node.id, node.owner, node.description) }
    for node in project.jobs { note(node.id, node.owner, node.description) }
    self.owners = owners
    self.descriptions = descriptions
    paramKeys = Self.mostCommon(project.runs.flatMap(\.params.keys), limit: 2)
    metricKeys = Self.mostCommon(project.runs.flatMap(\.metrics.keys), limit: 3)
  }

  private static func mostCommon(_ keys: [String], limit: Int) -> [String] {
    var counts: [String: Int] = [:]
    for key in keys { counts[key, default: 0] += 1 }
    return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      .prefix(limit).map(\.key)
  }
}

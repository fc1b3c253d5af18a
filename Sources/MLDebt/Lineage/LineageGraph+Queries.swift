/// A node reached by a walk of the graph, with how far it is and how it was reached.
public struct LineageReach: Sendable, Hashable {
  /// The node reached.
  public let node: Int
  /// How many edges away from the start it is (on a shortest path).
  public let depth: Int
  /// The node it was first reached from (one step closer to the start).
  public let via: Int
  /// The kind of the edge between `via` and `node`.
  public let edge: EdgeKind
}

/// Everything downstream of a node, grouped the way an owner asks "who do I have to tell?".
public struct LineageImpact: Sendable {
  /// The nodes of one kind and one owner that a change reaches.
  public struct Group: Sendable, Hashable {
    /// Their kind.
    public let kind: NodeKind
    /// Their owner, or `nil` for nodes nobody owns.
    public let owner: String?
    /// The node indices, in id order.
    public let nodes: [Int]
  }

  /// The kinds that impact groups list: what a change can break for somebody.
  public static let kinds: [NodeKind] = [.feature, .model, .consumer, .job]

  /// The node whose change is considered.
  public let node: Int
  /// The whole downstream closure (every kind), by depth then id.
  public let reached: [LineageReach]
  /// Features, models, consumers and jobs downstream, grouped by kind (in ``kinds`` order) and
  /// owner (by name, unowned last).
  public let groups: [Group]

  /// The downstream nodes of one kind, in id order.
  public func nodes(ofKind kind: NodeKind) -> [Int] {
    groups.filter { $0.kind == kind }.flatMap(\.nodes).sorted()
  }

  /// The owners a change reaches (those of the grouped nodes), sorted, without `nil`.
  public var owners: [String] {
    Array(Set(groups.compactMap(\.owner))).sorted()
  }
}

/// A shortest path between two nodes, and whether it follows the data flow.
public struct LineagePath: Sendable, Hashable {
  /// How the two nodes are connected.
  public enum Connection: String, Sendable, Hashable, Codable {
    /// Data flows from the first node to the second.
    case directed
    /// Data flows from the second node to the first (the steps still start at the first).
    case reversed
    /// They are connected only if edge directions are ignored.
    case undirected
    /// They are not connected at all.
    case none
  }

  /// One node of a path, with the edge that led to it from the previous node.
  public struct Step: Sendable, Hashable {
    /// The node.
    public let node: Int
    /// The edge from the previous step's node, `nil` for the first step.
    public let edge: EdgeKind?
    /// Whether that edge points from the previous node to this one (with the data flow).
    public let forward: Bool

    /// Creates a step.
    public init(node: Int, edge: EdgeKind?, forward: Bool) {
      self.node = node
      self.edge = edge
      self.forward = forward
    }
  }

  /// How the nodes are connected.
  public let connection: Connection
  /// The steps from the first node to the second; empty when there is no connection.
  public let steps: [Step]

  /// The number of edges on the path.
  public var length: Int { max(0, steps.count - 1) }

  /// The node indices along the path.
  public var nodes: [Int] { steps.map(\.node) }
}

/// A cycle through a node: the node, the way round, and the strongly connected component.
public struct LineageCycle: Sendable, Hashable {
  /// The steps round the cycle, starting at a node and ending back at it (so the first and last
  /// step name the same node). A self-loop has two steps.
  public let steps: [LineagePath.Step]
  /// Every node of the strongly connected component the cycle lies in, in id order.
  public let component: [Int]

  /// The distinct nodes of the cycle, in order (the start is not repeated).
  public var nodes: [Int] { steps.dropLast().map(\.node) }

  /// The edge kinds round the cycle, in order.
  public var edgeKinds: [EdgeKind] { steps.compactMap(\.edge) }
}

// MARK: - Closures and impact

extension LineageGraph {
  /// Every node upstream or downstream of `node`, by breadth-first search.
  ///
  /// - Parameters:
  ///   - node: the start (not part of the result).
  ///   - direction: `upstream` walks against the data flow, `downstream` with it.
  ///   - maxDepth: the most edges to walk (`nil` for no limit; `1` gives the direct neighbours).
  ///   - kinds: only walk edges of these kinds (`nil` for every kind).
  /// - Returns: the nodes reached, by depth and then id.
  public func closure(
    of node: Int, direction: LineageDirection, maxDepth: Int? = nil,
    kinds: Set<EdgeKind>? = nil
  ) -> [LineageReach] {
    var reached: [LineageReach] = []
    walk(
      from: [node], direction: direction, maxDepth: maxDepth, mask: EdgeKindMask(kinds)
    ) { reach in
      reached.append(reach)
      return true
    }
    // Breadth-first order is by depth already; sort each depth by node.
    var start = 0
    while start < reached.count {
      var end = start + 1
      while end < reached.count && reached[end].depth == reached[start].depth { end += 1 }
      reached[start..<end].sort { $0.node < $1.node }
      start = end
    }
    return reached
  }

  /// What changing `node` would reach: its whole downstream closure, and the features, models,
  /// consumers and jobs in it grouped by kind and owner.
  public func impact(of node: Int, maxDepth: Int? = nil) -> LineageImpact {
    let reached = closure(of: node, direction: .downstream, maxDepth: maxDepth)
    var buckets: [NodeKind: [String?: [Int]]] = [:]
    for reach in reached where LineageImpact.kinds.contains(kinds[reach.node]) {
      buckets[kinds[reach.node], default: [:]][nodes[reach.node].owner, default: []].append(
        reach.node)
    }
    var groups: [LineageImpact.Group] = []
    for kind in LineageImpact.kinds {
      guard let byOwner = buckets[kind] else { continue }
      let owners = byOwner.keys.sorted { a, b in
        switch (a, b) {
        case (nil, _): false
        case (_, nil): true
        case (let a?, let b?): a < b
        }
      }
      for owner in owners {
        groups.append(
          LineageImpact.Group(kind: kind, owner: owner, nodes: byOwner[owner]!.sorted()))
      }
    }
    return LineageImpact(node: node, reached: reached, groups: groups)
  }

  /// Breadth-first walk from several starts at once. `visit` is called once per node reached
  /// (starts excluded) and returns whether to walk on from it.
  func walk(
    from starts: [Int], direction: LineageDirection, maxDepth: Int? = nil,
    mask: EdgeKindMask = .all, visit: (LineageReach) -> Bool
  ) {
    var seen = [Bool](repeating: false, count: nodeCount)
    var queue: [Int32] = []
    var depth: [Int32] = []
    for start in starts where !seen[start] {
      seen[start] = true
      queue.append(Int32(start))
      depth.append(0)
    }
    let limit = maxDepth ?? Int.max
    var head = 0
    while head < queue.count {
      let node = Int(queue[head])
      let level = Int(depth[head])
      head += 1
      if level >= limit { continue }
      if direction == .downstream {
        for edge in Int(outStart[node])..<Int(outStart[node + 1]) {
          let kind = edgeKind[edge]
          guard mask.contains(kind) else { continue }
          let next = Int(edgeTo[edge])
          if seen[next] { continue }
          seen[next] = true
          if visit(LineageReach(node: next, depth: level + 1, via: node, edge: kind)) {
            queue.append(Int32(next))
            depth.append(Int32(level + 1))
          }
        }
      } else {
        for slot in Int(inStart[node])..<Int(inStart[node + 1]) {
          let edge = Int(inEdges[slot])
          let kind = edgeKind[edge]
          guard mask.contains(kind) else { continue }
          let next = Int(edgeFrom[edge])
          if seen[next] { continue }
          seen[next] = true
          if visit(LineageReach(node: next, depth: level + 1, via: node, edge: kind)) {
            queue.append(Int32(next))
            depth.append(Int32(level + 1))
          }
        }
      }
    }
  }
}

// MARK: - Paths

extension LineageGraph {
  /// The shortest path from `source` to `target`.
  ///
  /// Tries, in order: a directed path with the data flow (`directed`), one against it
  /// (`reversed`: data flows from `target` to `source`), and one that ignores edge directions
  /// (`undirected`). Steps always run from `source` to `target`.
  public func path(from source: Int, to target: Int) -> LineagePath {
    if source == target {
      return LineagePath(
        connection: .directed, steps: [LineagePath.Step(node: source, edge: nil, forward: true)])
    }
    if let steps = shortestPath(from: source, to: target, down: true, up: false) {
      return LineagePath(connection: .directed, steps: steps)
    }
    if let steps = shortestPath(from: source, to: target, down: false, up: true) {
      return LineagePath(connection: .reversed, steps: steps)
    }
    if let steps = shortestPath(from: source, to: target, down: true, up: true) {
      return LineagePath(connection: .undirected, steps: steps)
    }
    return LineagePath(connection: .none, steps: [])
  }

  /// Breadth-first search for a shortest path, walking out-edges (`down`), in-edges (`up`) or
  /// both, optionally only within one component.
  func shortestPath(
    from source: Int, to target: Int, down: Bool, up: Bool, within component: Int32? = nil
  ) -> [LineagePath.Step]? {
    var parent = [Int32](repeating: -1, count: nodeCount)
    var parentEdge = [Int32](repeating: -1, count: nodeCount)
    var queue: [Int32] = [Int32(source)]
    parent[source] = Int32(source)
    var head = 0
    var found = false
    search: while head < queue.count {
      let node = Int(queue[head])
      head += 1
      if down {
        for edge in Int(outStart[node])..<Int(outStart[node + 1]) {
          let next = Int(edgeTo[edge])
          if parent[next] != -1 { continue }
          if let component, componentOf[next] != component { continue }
          parent[next] = Int32(node)
          parentEdge[next] = Int32(edge)
          if next == target {
            found = true
            break search
          }
          queue.append(Int32(next))
        }
      }
      if up {
        for slot in Int(inStart[node])..<Int(inStart[node + 1]) {
          let edge = Int(inEdges[slot])
          let next = Int(edgeFrom[edge])
          if parent[next] != -1 { continue }
          if let component, componentOf[next] != component { continue }
          parent[next] = Int32(node)
          parentEdge[next] = Int32(edge)
          if next == target {
            found = true
            break search
          }
          queue.append(Int32(next))
        }
      }
    }
    guard found else { return nil }
    var steps: [LineagePath.Step] = []
    var node = target
    while node != source {
      let edge = Int(parentEdge[node])
      steps.append(
        LineagePath.Step(node: node, edge: edgeKind[edge], forward: Int(edgeTo[edge]) == node))
      node = Int(parent[node])
    }
    steps.append(LineagePath.Step(node: source, edge: nil, forward: true))
    return steps.reversed()
  }
}

// MARK: - Cycles

extension LineageGraph {
  /// The number of strongly connected components (a node on no cycle is a component by itself).
  public var componentCount: Int { componentStart.count - 1 }

  /// The index of the strongly connected component of a node.
  ///
  /// Components are numbered so that a component comes after every component it reaches.
  public func componentIndex(of node: Int) -> Int { Int(componentOf[node]) }

  /// The nodes of the strongly connected component of `node` (itself included), in id order.
  public func component(of node: Int) -> [Int] {
    members(ofComponent: Int(componentOf[node]))
  }

  /// Whether a node lies on a cycle: its component has other nodes, or it has an edge to itself.
  public func isOnCycle(_ node: Int) -> Bool {
    let component = Int(componentOf[node])
    if componentStart[component + 1] - componentStart[component] > 1 { return true }
    return (Int(outStart[node])..<Int(outStart[node + 1])).contains { Int(edgeTo[$0]) == node }
  }

  /// Every strongly connected component that holds a cycle, each in id order, ordered by their
  /// first node.
  public var cyclicComponents: [[Int]] {
    var result: [[Int]] = []
    for component in 0..<componentCount {
      let members = members(ofComponent: component)
      if members.count > 1 || isOnCycle(members[0]) { result.append(members) }
    }
    return result.sorted { $0[0] < $1[0] }
  }

  /// A shortest cycle through `node` (by breadth-first search within its component), or `nil`
  /// when the node is on no cycle.
  public func cycle(through node: Int) -> LineageCycle? {
    guard isOnCycle(node) else { return nil }
    let component = componentOf[node]
    let members = members(ofComponent: Int(component))
    // A self-loop is the shortest cycle there is.
    for edge in Int(outStart[node])..<Int(outStart[node + 1]) where Int(edgeTo[edge]) == node {
      return LineageCycle(
        steps: [
          LineagePath.Step(node: node, edge: nil, forward: true),
          LineagePath.Step(node: node, edge: edgeKind[edge], forward: true),
        ], component: members)
    }
    // The shortest way back: the shortest path to any predecessor inside the component, plus
    // the edge from that predecessor.
    var best: (steps: [LineagePath.Step], edge: Int)?
    var parent = [Int32](repeating: -1, count: nodeCount)
    var parentEdge = [Int32](repeating: -1, count: nodeCount)
    var queue: [Int32] = [Int32(node)]
    parent[node] = Int32(node)
    var head = 0
    while head < queue.count, best == nil {
      let current = Int(queue[head])
      head += 1
      for edge in Int(outStart[current])..<Int(outStart[current + 1]) {
        let next = Int(edgeTo[edge])
        if next == node {
          var steps: [LineagePath.Step] = [
            LineagePath.Step(node: node, edge: edgeKind[edge], forward: true)
          ]
          var walk = current
          while walk != node {
            let via = Int(parentEdge[walk])
            steps.append(LineagePath.Step(node: walk, edge: edgeKind[via], forward: true))
            walk = Int(parent[walk])
          }
          steps.append(LineagePath.Step(node: node, edge: nil, forward: true))
          best = (steps.reversed(), edge)
          break
        }
        if parent[next] != -1 || componentOf[next] != component { continue }
        parent[next] = Int32(current)
        parentEdge[next] = Int32(edge)
        queue.append(Int32(next))
      }
    }
    guard let best else { return nil }
    return LineageCycle(steps: best.steps, component: members)
  }

  func members(ofComponent component: Int) -> [Int] {
    componentMembers[Int(componentStart[component])..<Int(componentStart[component + 1])]
      .map(Int.init).sorted()
  }
}

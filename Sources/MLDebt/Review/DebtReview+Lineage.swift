extension DebtReview {
  /// The features a review draws the lineage of: those findings point at (most severe finding
  /// first), then those named like a drifted monitoring column, at most
  /// ``ReviewOptions/neighbourhoods``.
  static func affectedFeatures(_ analysis: ProjectAnalysis) -> [(node: Int, reasons: [String])] {
    let graph = analysis.graph
    var order: [Int] = []
    var reasons: [Int: [String]] = [:]
    func add(_ node: Int, _ reason: String) {
      if reasons[node] == nil { order.append(node) }
      if !(reasons[node] ?? []).contains(reason) { reasons[node, default: []].append(reason) }
    }
    for finding in analysis.checklist.findings {
      for case .node(let id) in finding.evidence where id.kind == .feature {
        if let node = graph.index(of: id) { add(node, finding.rule) }
      }
    }
    for drift in analysis.drift {
      for series in drift.report?.series ?? [] where series.drifted.contains(true) {
        if let node = graph.index(of: NodeID(.feature, series.column)) { add(node, "drift") }
      }
    }
    return order.map { ($0, reasons[$0] ?? []) }
  }

  static func neighbourhoods(_ analysis: ProjectAnalysis, options: ReviewOptions)
    -> [Neighbourhood]
  {
    let graph = analysis.graph
    return affectedFeatures(analysis).prefix(options.neighbourhoods).map { node, reasons in
      var members: Set<Int> = []
      let upstream = tree(
        node, edge: "", direction: .upstream, depth: 2, graph: graph,
        breadth: options.treeBreadth, members: &members)
      let downstream = tree(
        node, edge: "", direction: .downstream, depth: 2, graph: graph,
        breadth: options.treeBreadth, members: &members)
      let subgraph = LineageSubgraph(inducedBy: members, in: graph, highlighted: [node])
      return Neighbourhood(
        node: graph.id(node).description, reasons: reasons, upstream: upstream,
        downstream: downstream, mermaid: LineageDiagram.mermaid(subgraph, in: graph))
    }
  }

  /// The tree of `node`'s neighbours in one direction, `depth` steps deep, never revisiting a
  /// node on the way (so cycles end), at most `breadth` children per node (the rest counted in
  /// ``TreeNode/omitted``). Adds every node it lists to `members`.
  static func tree(
    _ node: Int, edge: String, direction: LineageDirection, depth: Int, graph: LineageGraph,
    breadth: Int, members: inout Set<Int>, path: Set<Int> = []
  ) -> TreeNode {
    members.insert(node)
    let onPath = path.union([node])
    var seen: Set<Int> = []
    let neighbours = graph.neighbours(of: node, direction: direction).filter {
      !onPath.contains($0.node) && seen.insert($0.node).inserted
    }
    .sorted { graph.id($0.node) < graph.id($1.node) }
    let shown = depth > 0 ? Array(neighbours.prefix(breadth)) : []
    var children: [TreeNode] = []
    for neighbour in shown {
      children.append(
        tree(
          neighbour.node, edge: neighbour.kind.rawValue, direction: direction, depth: depth - 1,
          graph: graph, breadth: breadth, members: &members, path: onPath))
    }
    return TreeNode(
      node: graph.id(node).description, edge: edge, children: children,
      omitted: neighbours.count - shown.count)
  }
}

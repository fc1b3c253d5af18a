/// Which way to walk the lineage graph: against the data flow or with it.
public enum LineageDirection: String, Sendable, Hashable, Codable, CaseIterable {
  /// Towards the sources: what a node is computed from.
  case upstream
  /// Towards the consumers: what a node feeds.
  case downstream

  /// The other direction.
  public var reversed: LineageDirection { self == .upstream ? .downstream : .upstream }
}

/// One edge seen from a node: the node at the other end, the edge's kind, and the edge's index.
public struct LineageNeighbour: Sendable, Hashable {
  /// The node at the other end (a node index of the graph).
  public let node: Int
  /// How the two nodes are linked.
  public let kind: EdgeKind
  /// The edge's index (for ``LineageGraph/edge(_:)``).
  public let edge: Int
  /// `downstream` when the edge leaves the node, `upstream` when it arrives at it.
  public let direction: LineageDirection
}

/// The lineage of a whole project as a compact, immutable graph.
///
/// Every dataset, column (where column lineage is known), feature, model, consumer and job is a
/// node with an integer index; the indices follow ``NodeID`` order, so output is deterministic.
/// Edges are typed (``EdgeKind``) and point the way data flows. Adjacency is kept in compressed
/// sparse row form in both directions, so walking a 100,000-node graph allocates only the result.
///
/// The graph is built once from a ``Project`` — from its `edges` and from the node fields the
/// edges derive from (`derivedFrom`, `inputs`, `trainingData`, `outputs`, `reads`, `influences`)
/// — and never changes; it is `Sendable`, so views and analyses can share it across tasks.
/// Strongly connected components are computed when the graph is built (iterative Tarjan).
///
/// Queries (closures, impact, paths, cycles, search) are in extensions of this type; debt
/// signals are in ``LineageSignals``. docs/lineage.md describes both.
public struct LineageGraph: Sendable {
  /// A typed edge by node indices.
  public struct Edge: Sendable, Hashable {
    /// The upstream node's index.
    public let from: Int
    /// The downstream node's index.
    public let to: Int
    /// How the upstream feeds the downstream.
    public let kind: EdgeKind
    /// Which sources stated the edge.
    public let provenance: [Provenance]
  }

  /// The details of every node, by index (sorted by id).
  public let nodes: [LineageNode]
  let kinds: [NodeKind]
  let indexByID: [NodeID: Int32]
  // Lower-cased names, for search.
  let searchNames: [String]

  // Edges sorted by (from, to, kind), so the out-adjacency of `v` is `outStart[v]..<outStart[v+1]`.
  let edgeFrom: [Int32]
  let edgeTo: [Int32]
  let edgeKind: [EdgeKind]
  let edgeProvenance: [[Provenance]]
  let outStart: [Int32]
  // In-adjacency: `inEdges[inStart[v]..<inStart[v+1]]` are the indices of the edges into `v`.
  let inStart: [Int32]
  let inEdges: [Int32]

  // Strongly connected components, in Tarjan's emission order (every component comes after all
  // the components it reaches, so the reverse is a topological order of the condensation).
  let componentOf: [Int32]
  let componentStart: [Int32]
  let componentMembers: [Int32]

  /// How many nodes the graph has.
  public var nodeCount: Int { nodes.count }

  /// How many distinct edges (by source, target and kind) the graph has.
  public var edgeCount: Int { edgeFrom.count }

  /// The index of a node, or `nil` when the graph has no such node.
  public func index(of id: NodeID) -> Int? {
    indexByID[id].map(Int.init)
  }

  /// The details of the node at `index`.
  public subscript(index: Int) -> LineageNode { nodes[index] }

  /// The id of the node at `index`.
  public func id(_ index: Int) -> NodeID { nodes[index].id }

  /// The kind of the node at `index`.
  public func kind(_ index: Int) -> NodeKind { kinds[index] }

  /// The edge at `index` (from 0 to ``edgeCount`` - 1).
  public func edge(_ index: Int) -> Edge {
    Edge(
      from: Int(edgeFrom[index]), to: Int(edgeTo[index]), kind: edgeKind[index],
      provenance: edgeProvenance[index])
  }

  /// Every edge, sorted by source, target and kind.
  public var edges: [Edge] { (0..<edgeCount).map(edge) }

  /// The edges leaving a node (towards what it feeds), sorted by target.
  public func outgoing(_ node: Int) -> [LineageNeighbour] {
    (Int(outStart[node])..<Int(outStart[node + 1])).map {
      LineageNeighbour(
        node: Int(edgeTo[$0]), kind: edgeKind[$0], edge: $0, direction: .downstream)
    }
  }

  /// The edges arriving at a node (from what feeds it), sorted by source.
  public func incoming(_ node: Int) -> [LineageNeighbour] {
    (Int(inStart[node])..<Int(inStart[node + 1])).map {
      let edge = Int(inEdges[$0])
      return LineageNeighbour(
        node: Int(edgeFrom[edge]), kind: edgeKind[edge], edge: edge, direction: .upstream)
    }
  }

  /// The direct neighbours of a node in one direction, optionally only over some edge kinds.
  public func neighbours(
    of node: Int, direction: LineageDirection, kinds: Set<EdgeKind>? = nil
  ) -> [LineageNeighbour] {
    let all = direction == .downstream ? outgoing(node) : incoming(node)
    guard let kinds else { return all }
    return all.filter { kinds.contains($0.kind) }
  }

  /// The direct neighbours of a node in one direction, grouped by edge kind (in
  /// ``EdgeKind`` declaration order; kinds with no neighbour are left out).
  public func neighboursByKind(
    of node: Int, direction: LineageDirection
  ) -> [(kind: EdgeKind, nodes: [Int])] {
    let all = neighbours(of: node, direction: direction)
    return EdgeKind.allCases.compactMap { kind in
      let matching = all.filter { $0.kind == kind }.map(\.node)
      return matching.isEmpty ? nil : (kind, matching)
    }
  }

  /// How many edges leave a node.
  public func outDegree(_ node: Int) -> Int { Int(outStart[node + 1] - outStart[node]) }

  /// How many edges arrive at a node.
  public func inDegree(_ node: Int) -> Int { Int(inStart[node + 1] - inStart[node]) }

  /// The indices of every node of one kind, in id order.
  public func nodes(ofKind kind: NodeKind) -> [Int] {
    kinds.indices.filter { kinds[$0] == kind }
  }
}

// MARK: - Building

extension LineageGraph {
  /// Builds the graph of a project.
  ///
  /// Edges come from `project.edges` and from the node fields (the same rules as the project
  /// builder), without duplicates. A node that an edge names but no list declares (for example a
  /// `column:` node from OpenLineage column lineage) becomes a stub node.
  public init(_ project: Project) {
    var pending: [LineageNode] = []
    pending.reserveCapacity(
      project.datasets.count + project.features.count + project.models.count
        + project.consumers.count + project.jobs.count)
    var position: [NodeID: Int32] = [:]
    position.reserveCapacity(pending.capacity)
    func add(_ node: LineageNode) {
      guard position[node.id] == nil else { return }
      position[node.id] = Int32(pending.count)
      pending.append(node)
    }
    for dataset in project.datasets { add(LineageNode(dataset)) }
    for feature in project.features { add(LineageNode(feature)) }
    for model in project.models { add(LineageNode(model)) }
    for consumer in project.consumers { add(LineageNode(consumer)) }
    for job in project.jobs { add(LineageNode(job)) }

    // Raw edges by pending position; provenance kept aside and merged after sorting.
    var rawFrom: [Int32] = []
    var rawTo: [Int32] = []
    var rawKind: [EdgeKind] = []
    var rawProvenance: [[Provenance]] = []
    let expected = project.edges.count
    rawFrom.reserveCapacity(expected)
    rawTo.reserveCapacity(expected)
    rawKind.reserveCapacity(expected)
    rawProvenance.reserveCapacity(expected)
    // Edges come sorted by source and node fields list one node's neighbours together, so the
    // last lookup of each end is remembered.
    var lastFrom: (id: NodeID, index: Int32)?
    var lastTo: (id: NodeID, index: Int32)?
    func endpoint(_ id: NodeID, _ provenance: [Provenance]) -> Int32 {
      if let known = position[id] { return known }
      add(
        LineageNode(
          id: id, provenance: id.kind == .column ? [] : provenance, isStub: true))
      return Int32(pending.count - 1)
    }
    func link(_ from: NodeID, _ to: NodeID, _ kind: EdgeKind, _ provenance: [Provenance]) {
      let source: Int32
      if let last = lastFrom, last.id == from {
        source = last.index
      } else {
        source = endpoint(from, provenance)
        lastFrom = (from, source)
      }
      let target: Int32
      if let last = lastTo, last.id == to {
        target = last.index
      } else {
        target = endpoint(to, provenance)
        lastTo = (to, target)
      }
      rawFrom.append(source)
      rawTo.append(target)
      rawKind.append(kind)
      rawProvenance.append(provenance)
    }
    for edge in project.edges { link(edge.from, edge.to, edge.kind, edge.provenance) }
    for feature in project.features {
      for source in feature.derivedFrom { link(source, feature.id, .derives, feature.provenance) }
    }
    for model in project.models {
      for input in model.inputs + model.trainingData {
        link(input, model.id, .trains, model.provenance)
      }
      for output in model.outputs { link(model.id, output, .serves, model.provenance) }
    }
    for consumer in project.consumers {
      for read in consumer.reads { link(read, consumer.id, .consumes, consumer.provenance) }
      for target in consumer.influences {
        link(consumer.id, target, .influences, consumer.provenance)
      }
    }
    for job in project.jobs {
      for input in job.inputs { link(input, job.id, .reads, job.provenance) }
      for output in job.outputs { link(job.id, output, .writes, job.provenance) }
    }
    self.init(
      nodes: pending, position: position, from: rawFrom, to: rawTo, kinds: rawKind,
      provenance: rawProvenance)
  }

  private init(
    nodes pending: [LineageNode], position: [NodeID: Int32], from rawFrom: [Int32],
    to rawTo: [Int32], kinds rawKind: [EdgeKind], provenance rawProvenance: [[Provenance]]
  ) {
    let count = pending.count
    precondition(count < 1 << 29, "a lineage graph holds fewer than 2^29 nodes")

    // Sort nodes by id; rank maps a pending position to the final index. Nodes arrive grouped
    // by kind and (from a loaded project) already sorted, so each kind is sorted only if needed.
    var byKind: [NodeKind: [Int]] = [:]
    for index in pending.indices { byKind[pending[index].id.kind, default: []].append(index) }
    var order: [Int] = []
    order.reserveCapacity(count)
    for kind in NodeKind.allCases.sorted() {
      guard var group = byKind[kind] else { continue }
      let sorted = zip(group, group.dropFirst()).allSatisfy {
        pending[$0].id.name < pending[$1].id.name
      }
      if !sorted { group.sort { pending[$0].id.name < pending[$1].id.name } }
      order += group
    }
    var rank = [Int32](repeating: 0, count: count)
    for (index, old) in order.enumerated() { rank[old] = Int32(index) }
    nodes = order.map { pending[$0] }
    kinds = nodes.map(\.id.kind)
    indexByID = position.mapValues { rank[Int($0)] }
    searchNames = nodes.map { node in
      let name = node.id.name
      let plain = name.utf8.allSatisfy { $0 < 0x80 && !(0x41...0x5A).contains($0) }
      return plain ? name : name.lowercased()
    }

    // Sort edges by a packed (from, to, kind) key and merge duplicates.
    var keyed: [(key: UInt64, raw: Int32)] = []
    keyed.reserveCapacity(rawFrom.count)
    for index in rawFrom.indices {
      let key =
        UInt64(rank[Int(rawFrom[index])]) << 32 | UInt64(rank[Int(rawTo[index])]) << 3
        | UInt64(rawKind[index].bit.trailingZeroBitCount)
      keyed.append((key, Int32(index)))
    }
    keyed.sort { $0.key < $1.key }
    var from: [Int32] = []
    var to: [Int32] = []
    var kind: [EdgeKind] = []
    var provenance: [[Provenance]] = []
    from.reserveCapacity(keyed.count)
    to.reserveCapacity(keyed.count)
    kind.reserveCapacity(keyed.count)
    provenance.reserveCapacity(keyed.count)
    var previous: UInt64?
    for (key, raw) in keyed {
      let stated = rawProvenance[Int(raw)]
      if key == previous {
        if !stated.isEmpty {
          let last = provenance.count - 1
          let known = Set(provenance[last])
          provenance[last] += stated.filter { !known.contains($0) }
        }
        continue
      }
      previous = key
      from.append(Int32(truncatingIfNeeded: key >> 32))
      to.append(Int32(truncatingIfNeeded: (key >> 3) & 0x1FFF_FFFF))
      kind.append(rawKind[Int(raw)])
      provenance.append(stated)
    }
    edgeFrom = from
    edgeTo = to
    edgeKind = kind
    edgeProvenance = provenance

    // Compressed sparse rows: out-adjacency is the edge order itself; in-adjacency by counting.
    var outStart = [Int32](repeating: 0, count: count + 1)
    var inStart = [Int32](repeating: 0, count: count + 1)
    for index in from.indices {
      outStart[Int(from[index]) + 1] += 1
      inStart[Int(to[index]) + 1] += 1
    }
    for node in 0..<count {
      outStart[node + 1] += outStart[node]
      inStart[node + 1] += inStart[node]
    }
    var fill = inStart
    var inEdges = [Int32](repeating: 0, count: from.count)
    for index in from.indices {
      let target = Int(to[index])
      inEdges[Int(fill[target])] = Int32(index)
      fill[target] += 1
    }
    self.outStart = outStart
    self.inStart = inStart
    self.inEdges = inEdges

    let components = StronglyConnected.components(
      nodeCount: count, outStart: outStart, targets: to, include: nil, kinds: kind)
    componentOf = components.componentOf
    componentStart = components.start
    componentMembers = components.members
  }
}

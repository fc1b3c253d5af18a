/// A set of edge kinds as a bit mask, for the inner loops of graph walks.
struct EdgeKindMask: Sendable, Hashable {
  var bits: UInt8

  static let all = EdgeKindMask(bits: 0x7F)

  init(bits: UInt8) { self.bits = bits }

  init(_ kinds: some Sequence<EdgeKind>) {
    bits = kinds.reduce(0) { $0 | $1.bit }
  }

  init(_ kinds: Set<EdgeKind>?) {
    if let kinds { self.init(kinds as Set<EdgeKind>) } else { self = .all }
  }

  @inline(__always) func contains(_ kind: EdgeKind) -> Bool { bits & kind.bit != 0 }
}

extension EdgeKind {
  @inline(__always) var bit: UInt8 {
    switch self {
    case .derives: 1
    case .trains: 2
    case .serves: 4
    case .consumes: 8
    case .influences: 16
    case .reads: 32
    case .writes: 64
    }
  }
}

/// Tarjan's strongly connected components, without recursion (lineage can be 100,000 nodes deep).
enum StronglyConnected {
  struct Result {
    /// The component of each node.
    var componentOf: [Int32]
    /// `members[start[c]..<start[c+1]]` are the nodes of component `c`.
    var start: [Int32]
    var members: [Int32]

    var count: Int { start.count - 1 }
  }

  /// The components of the graph given by out-adjacency (`targets[outStart[v]..<outStart[v+1]]`),
  /// using only edges whose kind is in `include` (all edges when `nil`).
  ///
  /// Components are numbered in the order Tarjan's algorithm completes them: a component comes
  /// after every component it can reach, so walking them backwards is a topological order.
  static func components(
    nodeCount: Int, outStart: [Int32], targets: [Int32], include: EdgeKindMask?, kinds: [EdgeKind]
  ) -> Result {
    let unvisited: Int32 = -1
    var index = [Int32](repeating: unvisited, count: nodeCount)
    var low = [Int32](repeating: 0, count: nodeCount)
    var onStack = [Bool](repeating: false, count: nodeCount)
    var componentOf = [Int32](repeating: 0, count: nodeCount)
    var stack: [Int32] = []
    var calls: [(node: Int32, edge: Int32)] = []
    var start: [Int32] = [0]
    var members: [Int32] = []
    members.reserveCapacity(nodeCount)
    var counter: Int32 = 0
    let mask = include ?? .all
    let filtered = include != nil

    for root in 0..<nodeCount where index[root] == unvisited {
      index[root] = counter
      low[root] = counter
      counter += 1
      stack.append(Int32(root))
      onStack[root] = true
      calls.append((Int32(root), outStart[root]))
      while !calls.isEmpty {
        let top = calls.count - 1
        let node = Int(calls[top].node)
        let edge = calls[top].edge
        if edge < outStart[node + 1] {
          calls[top].edge = edge + 1
          if filtered && !mask.contains(kinds[Int(edge)]) { continue }
          let next = Int(targets[Int(edge)])
          if index[next] == unvisited {
            index[next] = counter
            low[next] = counter
            counter += 1
            stack.append(Int32(next))
            onStack[next] = true
            calls.append((Int32(next), outStart[next]))
          } else if onStack[next] {
            low[node] = min(low[node], index[next])
          }
        } else {
          calls.removeLast()
          if let parent = calls.last {
            low[Int(parent.node)] = min(low[Int(parent.node)], low[node])
          }
          if low[node] == index[node] {
            let component = Int32(start.count - 1)
            while true {
              let member = stack.removeLast()
              onStack[Int(member)] = false
              componentOf[Int(member)] = component
              members.append(member)
              if Int(member) == node { break }
            }
            start.append(Int32(members.count))
          }
        }
      }
    }
    return Result(componentOf: componentOf, start: start, members: members)
  }
}

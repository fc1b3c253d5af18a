import MLDebt

extension LineageViewState {
  /// The most cycles listed through one node (each is a breadth-first search).
  static let cycleLimit = 20

  /// Recomputes the open panel for a new focus (nothing for the details pane).
  mutating func refreshPanel(focus: Int?) {
    guard let focus, panel != .details, focus != subject else { return }
    switch panel {
    case .details: break
    case .impact: showImpact(of: focus)
    case .cycles: showCycles(through: focus)
    case .path(let target): showPath(from: focus, to: target)
    }
  }

  /// Closes the panel, back to the details pane.
  mutating func closePanel() {
    panel = .details
    subject = nil
    panelRows = []
    panelSummary = []
    panelRow = 0
  }

  private mutating func open(_ panel: Panel, subject: Int, rows: [PanelRow], summary: [[Span]]) {
    self.panel = panel
    self.subject = subject
    panelRows = rows
    panelSummary = summary
    panelRow = rows.firstIndex { $0.node != nil } ?? 0
  }

  /// Impact mode: everything downstream of `node` as a tree (each node once, under the node it
  /// is first reached from), with counts per kind and owners per kind above it.
  mutating func showImpact(of node: Int) {
    let impact = graph.impact(of: node)
    var counts: [NodeKind: Int] = [:]
    var children: [Int: [Int]] = [:]
    for (offset, reach) in impact.reached.enumerated() {
      counts[graph.kind(reach.node), default: 0] += 1
      children[reach.via, default: []].append(offset)
    }
    var summary: [[Span]] = []
    var line = [
      Span(
        "\(impact.reached.count) node\(impact.reached.count == 1 ? "" : "s") downstream",
        Style(.title, [.bold]))
    ]
    for kind in NodeKind.allCases.sorted() {
      guard let count = counts[kind] else { continue }
      line.append(
        Span(" · \(count) \(Self.plural(kind, count))", Style(LineageView.role(for: kind))))
    }
    summary.append(line)
    for kind in LineageImpact.kinds {
      let groups = impact.groups.filter { $0.kind == kind }
      guard !groups.isEmpty else { continue }
      let owners = groups.enumerated().map { offset, group in
        Span(
          "\(group.owner ?? "no owner") \(group.nodes.count)"
            + (offset < groups.count - 1 ? ", " : ""), Style(.muted))
      }
      summary.append(
        [Span(Self.plural(kind, 2) + ": ", Style(LineageView.role(for: kind)))] + owners)
    }
    var rows = [PanelRow(content: .node(node, edge: nil, forward: true), depth: 0)]
    if impact.reached.isEmpty {
      rows.append(
        PanelRow(
          content: .text("Nothing downstream: a change here reaches no other node.", .muted),
          depth: 1))
    }
    var stack: [(offset: Int, depth: Int)] = (children[node] ?? []).reversed().map { ($0, 1) }
    while let (offset, depth) = stack.popLast() {
      let reach = impact.reached[offset]
      rows.append(
        PanelRow(content: .node(reach.node, edge: reach.edge, forward: true), depth: depth))
      for child in (children[reach.node] ?? []).reversed() { stack.append((child, depth + 1)) }
    }
    open(.impact, subject: node, rows: rows, summary: summary)
    panelRow = 0
  }

  /// The cycles through `node`: for each edge leaving it into its strongly connected component,
  /// that edge and the shortest way back (at most ``cycleLimit``); on no cycle, the graph's
  /// cycles elsewhere.
  mutating func showCycles(through node: Int) {
    let id = graph.id(node).description
    var rows: [PanelRow] = []
    var summary: [[Span]] = []
    if graph.isOnCycle(node) {
      let component = graph.componentIndex(of: node)
      var seen = Set<[Int]>()
      var cycles: [[LineagePath.Step]] = []
      for neighbour in graph.outgoing(node) where cycles.count < Self.cycleLimit {
        let start = LineagePath.Step(node: node, edge: nil, forward: true)
        let first = LineagePath.Step(node: neighbour.node, edge: neighbour.kind, forward: true)
        var steps: [LineagePath.Step]
        if neighbour.node == node {
          steps = [start, first]
        } else {
          guard graph.componentIndex(of: neighbour.node) == component else { continue }
          let back = graph.path(from: neighbour.node, to: node)
          guard back.connection == .directed else { continue }
          steps =
            [start]
            + back.steps.enumerated().map { offset, step in
              offset == 0 ? first : step
            }
        }
        if seen.insert(steps.map(\.node)).inserted { cycles.append(steps) }
      }
      cycles.sort {
        $0.count != $1.count
          ? $0.count < $1.count : $0.map(\.node).lexicographicallyPrecedes($1.map(\.node))
      }
      let size = graph.component(of: node).count
      summary.append([
        Span(
          "\(cycles.count) cycle\(cycles.count == 1 ? "" : "s") through \(id)",
          Style(.title, [.bold])),
        Span(" · its loop holds \(size) node\(size == 1 ? "" : "s")", Style(.muted)),
      ])
      for (number, cycle) in cycles.enumerated() {
        let models = cycle.dropLast().filter { graph.kind($0.node) == .model }.count
        let hidden = models > 1 || cycle.contains { $0.edge == .influences }
        rows.append(
          PanelRow(
            content: .text(
              "Cycle \(number + 1): \(cycle.count - 1) edge\(cycle.count == 2 ? "" : "s")"
                + (hidden ? ", hidden (through another model or an influences edge)" : ""),
              hidden ? .bad : .warn), depth: 0))
        for step in cycle {
          rows.append(
            PanelRow(content: .node(step.node, edge: step.edge, forward: true), depth: 1))
        }
      }
    } else {
      summary.append([Span("No cycle passes through \(id).", Style(.title, [.bold]))])
      let components = graph.cyclicComponents
      if components.isEmpty {
        rows.append(PanelRow(content: .text("The graph has no cycle at all.", .ok), depth: 0))
      } else {
        rows.append(
          PanelRow(
            content: .text(
              "Loops elsewhere (\(components.count)); Enter focuses one, then c lists its cycles:",
              .muted), depth: 0))
        for members in components {
          let representative = members.first { graph.kind($0) == .model } ?? members[0]
          rows.append(
            PanelRow(
              content: .node(representative, edge: nil, forward: true), depth: 1,
              note: "a loop of \(members.count) nodes"))
        }
      }
    }
    open(.cycles, subject: node, rows: rows, summary: summary)
  }

  /// The shortest path from `node` to `target`, and how the two are connected.
  mutating func showPath(from node: Int, to target: Int) {
    let path = graph.path(from: node, to: target)
    let from = graph.id(node).description
    let to = graph.id(target).description
    let edges = "\(path.length) edge\(path.length == 1 ? "" : "s")"
    let text: String
    switch path.connection {
    case .directed: text = "Data flows from \(from) to \(to): \(edges)"
    case .reversed: text = "Data flows from \(to) back to \(from): \(edges)"
    case .undirected: text = "Connected only ignoring edge directions: \(edges)"
    case .none: text = "\(from) and \(to) are not connected."
    }
    let rows = path.steps.map { step in
      PanelRow(content: .node(step.node, edge: step.edge, forward: step.forward), depth: 0)
    }
    open(
      .path(to: target), subject: node, rows: rows,
      summary: [[Span(text, Style(path.connection == .none ? .warn : .title, [.bold]))]])
  }

  /// A node kind's name, singular or plural.
  static func plural(_ kind: NodeKind, _ count: Int) -> String {
    guard count != 1 else { return kind.rawValue }
    return kind.rawValue + "s"
  }
}

import ArgumentParser
import Foundation
import MLDebt

/// The formats `mldebt lineage` prints: the usual three plus two diagram languages.
enum LineageFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, markdown, dot, mermaid
}

/// `mldebt lineage [PATH] [NODE]`: walks the lineage graph and shows its debt signals.
struct LineageCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lineage",
    abstract: "Walk the lineage graph: a node's neighbours, closures, impact, paths, cycles and "
      + "debt signals.",
    discussion: """
      NODE is kind:name (dataset:predictions, model:default_risk) or a name that only one node \
      has. Without NODE or a mode, prints a summary of the graph.

        mldebt lineage [PATH] NODE              the node and its direct neighbours
        mldebt lineage [PATH] NODE --up|--down  everything upstream or downstream (--depth N)
        mldebt lineage [PATH] NODE --impact     what a change reaches, by kind and owner
        mldebt lineage [PATH] --path A B        a shortest path from A to B
        mldebt lineage [PATH] [NODE] --cycles   cycles (through NODE)
        mldebt lineage [PATH] --signals         the debt findings (docs/lineage.md)

      Exit codes: 0 ok; 1 when --fail-on is given and a finding is at least that severe; 2 for \
      a usage error, an unknown or ambiguous node, or a project that does not load.
      """
  )

  @OptionGroup var project: ProjectOptions

  @Argument(
    help: "The node: kind:name or a unique bare name.", completion: ProjectCompletions.nodes)
  var node: String?

  @Flag(name: .customLong("up"), help: "Everything upstream of NODE.")
  var upstream = false

  @Flag(name: .customLong("down"), help: "Everything downstream of NODE.")
  var downstream = false

  @Flag(help: "What a change to NODE reaches: features, models, consumers and jobs by owner.")
  var impact = false

  @Option(help: "The most edges to walk for --up, --down and --impact.")
  var depth: Int?

  @Option(
    name: .customLong("path"), parsing: .upToNextOption,
    help: ArgumentHelp("A shortest path between two nodes.", valueName: "A B"),
    completion: ProjectCompletions.nodes)
  var between: [String] = []

  @Flag(help: "Cycles (strongly connected components), or the cycle through NODE.")
  var cycles = false

  @Flag(help: "The lineage debt findings.")
  var signals = false

  @Option(
    help: "With --signals: exit 1 when a finding is at least this severe (info … critical).")
  var failOn: LineageFailOn?

  @Option(
    name: .customLong("format"),
    help: ArgumentHelp(
      "Output format: table, json, markdown, dot or mermaid (default: the configured format).",
      valueName: "format"))
  var formatFlag: LineageFormat?

  /// The format: the flag, else the configured default (docs/config.md), else table.
  var format: LineageFormat {
    formatFlag ?? LineageFormat(rawValue: CommandSettings.current().format.value) ?? .table
  }

  func validate() throws {
    let nodeModes = [upstream, downstream, impact].filter { $0 }.count
    if nodeModes > 1 { throw ValidationError("Give only one of --up, --down and --impact.") }
    let modes = nodeModes + (between.isEmpty ? 0 : 1) + (cycles ? 1 : 0) + (signals ? 1 : 0)
    if modes > 1 {
      throw ValidationError("Give only one of --up, --down, --impact, --path, --cycles, --signals.")
    }
    if !between.isEmpty && between.count != 2 {
      throw ValidationError("--path takes exactly two nodes: --path A B.")
    }
    if let depth, depth < 1 { throw ValidationError("--depth must be at least 1.") }
    if depth != nil && nodeModes == 0 {
      throw ValidationError("--depth applies to --up, --down and --impact.")
    }
    if failOn != nil && !signals { throw ValidationError("--fail-on applies to --signals.") }
  }

  func run() throws {
    // A lone positional is PATH, unless a node is expected and it names no file (and has no `/`).
    var options = project
    var nodeName = node
    let wantsNode = upstream || downstream || impact || (between.isEmpty && !cycles && !signals)
    if nodeName == nil, wantsNode, !options.path.contains("/"),
      !FileManager.default.fileExists(atPath: options.path)
    {
      nodeName = options.path
      options.path = "."
    }
    if nodeName == nil && (upstream || downstream || impact) {
      throw ValidationError("--up, --down and --impact need a NODE.")
    }
    if nodeName != nil && (!between.isEmpty || signals) {
      throw ValidationError("--path and --signals take no NODE.")
    }
    let loaded = try options.load()
    if loaded.hasErrors {
      Console.error(
        "mldebt: some sources had errors; the graph may be incomplete (see `mldebt sources`)")
    }
    let graph = LineageGraph(loaded)
    let output = LineageOutput(graph: graph, project: loaded, format: format)

    if signals {
      let findings = LineageSignals.findings(in: graph)
      Console.out(try output.signals(findings))
      if let failOn, findings.contains(where: { $0.severity >= failOn.severity }) {
        throw ExitCode(ExitStatus.findings)
      }
    } else if !between.isEmpty {
      let from = try resolve(between[0], in: graph)
      let to = try resolve(between[1], in: graph)
      Console.out(try output.path(graph.path(from: from, to: to)))
    } else if cycles {
      let node = try nodeName.map { try resolve($0, in: graph) }
      Console.out(try output.cycles(through: node))
    } else if let nodeName {
      let index = try resolve(nodeName, in: graph)
      if upstream || downstream {
        let direction: LineageDirection = upstream ? .upstream : .downstream
        let reached = graph.closure(of: index, direction: direction, maxDepth: depth)
        Console.out(try output.closure(of: index, direction: direction, reached: reached))
      } else if impact {
        Console.out(try output.impact(graph.impact(of: index, maxDepth: depth)))
      } else {
        Console.out(try output.details(of: index))
      }
    } else {
      Console.out(try output.summary())
    }
  }

  /// Resolves a node name, or prints why not (with suggestions) and exits 2.
  private func resolve(_ name: String, in graph: LineageGraph) throws -> Int {
    switch graph.resolve(name) {
    case .found(let index):
      return index
    case .ambiguous(let candidates):
      Console.error("mldebt: \(name) names \(candidates.count) nodes; say which one:")
      for candidate in candidates { Console.error("  \(graph.id(candidate))") }
      throw ExitCode(ExitStatus.usageOrLoadError)
    case .notFound(let suggestions):
      Console.error("mldebt: no node \(name) in the lineage graph")
      if !suggestions.isEmpty {
        Console.error(
          "did you mean: " + suggestions.map { graph.id($0).description }.joined(separator: ", "))
      }
      throw ExitCode(ExitStatus.usageOrLoadError)
    }
  }
}

/// The severities `--fail-on` accepts.
enum LineageFailOn: String, ExpressibleByArgument, CaseIterable {
  case info, low, medium, high, critical

  var severity: Finding.Severity { Finding.Severity(rawValue: rawValue)! }
}

/// Formats the results of lineage queries in each output format.
struct LineageOutput {
  let graph: LineageGraph
  let project: Project
  let format: LineageFormat

  private var markdown: Bool { format == .markdown }

  private func name(_ node: Int) -> String { graph.id(node).description }

  private func owner(_ node: Int) -> String { graph[node].owner ?? "" }

  private func table(_ table: TextTable) -> String {
    markdown ? table.markdown() : table.plainText()
  }

  private func heading(_ text: String) -> String {
    let clean = TerminalText.sanitize(text)
    return markdown ? "## \(clean)\n\n" : "\(clean)\n\n"
  }

  private func diagram(_ subgraph: LineageSubgraph, title: String) -> String? {
    switch format {
    case .dot: LineageDiagram.dot(subgraph, in: graph, title: title)
    case .mermaid: LineageDiagram.mermaid(subgraph, in: graph)
    case .table, .json, .markdown: nil
    }
  }

  // MARK: Summary

  func summary() throws -> String {
    let shape = LineageSignals.shape(of: graph)
    let nodeCounts = Dictionary(grouping: graph.nodes, by: \.kind).mapValues(\.count)
    let edgeCounts = Dictionary(grouping: graph.edges, by: \.kind).mapValues(\.count)
    let cyclic = graph.cyclicComponents
    if let diagram = diagram(
      LineageSubgraph(nodes: Array(0..<graph.nodeCount), edges: Array(0..<graph.edgeCount)),
      title: project.name)
    {
      return diagram
    }
    if format == .json {
      return try Console.json(
        LineageJSON.object([
          "project": .string(project.name),
          "nodes": .object(nodeCounts.reduce(into: [:]) { $0[$1.key.rawValue] = .int($1.value) }),
          "edges": .object(edgeCounts.reduce(into: [:]) { $0[$1.key.rawValue] = .int($1.value) }),
          "shape": shapeJSON(shape),
          "cycles": .int(cyclic.count),
        ]))
    }
    let kinds = TextTable(
      headers: ["KIND", "NODES"], alignments: [.left, .right],
      rows: NodeKind.allCases.sorted().map { [$0.rawValue, String(nodeCounts[$0] ?? 0)] })
    let edges = TextTable(
      headers: ["EDGE", "COUNT"], alignments: [.left, .right],
      rows: EdgeKind.allCases.map { [$0.rawValue, String(edgeCounts[$0] ?? 0)] })
    return heading("Lineage of \(project.name)") + table(kinds) + "\n" + table(edges) + "\n"
      + "depth \(shape.depth), width \(shape.width), \(shape.sources) sources, "
      + "\(shape.sinks) sinks, \(cyclic.count) cycles\n"
  }

  // MARK: Node details

  func details(of node: Int) throws -> String {
    let details = graph[node]
    let up = graph.incoming(node)
    let down = graph.outgoing(node)
    if let diagram = diagram(
      LineageSubgraph(
        inducedBy: [node] + up.map(\.node) + down.map(\.node), in: graph, highlighted: [node]),
      title: name(node))
    {
      return diagram
    }
    if format == .json {
      return try Console.json(
        LineageJSON.object([
          "node": nodeJSON(node),
          "upstream": .array(up.map(neighbourJSON)),
          "downstream": .array(down.map(neighbourJSON)),
          "on_cycle": .bool(graph.isOnCycle(node)),
        ]))
    }
    var facts: [[String]] = [
      ["kind", details.kind.rawValue], ["owner", details.owner ?? "(none)"],
      ["description", details.description ?? ""],
      ["declared", details.declared ? "yes" : "no"],
      ["provenance", details.provenance.map(\.description).joined(separator: ", ")],
    ]
    if details.kind == .dataset {
      facts.append(["version", details.versionPin ?? "(unpinned)"])
      if !details.aliases.isEmpty {
        facts.append(["aliases", details.aliases.joined(separator: ", ")])
      }
    }
    if let status = details.status { facts.append(["status", status.rawValue]) }
    if !details.tags.isEmpty { facts.append(["tags", details.tags.joined(separator: ", ")]) }
    if graph.isOnCycle(node) { facts.append(["on a cycle", "yes (see --cycles)"]) }
    let neighbours = TextTable(
      headers: ["DIRECTION", "EDGE", "NODE", "OWNER"],
      rows: (up + down).map {
        [
          $0.direction == .upstream ? "from" : "to", $0.kind.rawValue, name($0.node),
          owner($0.node),
        ]
      })
    return heading(name(node))
      + table(TextTable(headers: ["FIELD", "VALUE"], rows: facts)) + "\n" + table(neighbours)
  }

  // MARK: Closures and impact

  func closure(of node: Int, direction: LineageDirection, reached: [LineageReach]) throws
    -> String
  {
    if let diagram = diagram(
      LineageSubgraph(inducedBy: [node] + reached.map(\.node), in: graph, highlighted: [node]),
      title: name(node))
    {
      return diagram
    }
    if format == .json {
      return try Console.json(
        LineageJSON.object([
          "node": .string(name(node)),
          "direction": .string(direction.rawValue),
          "nodes": .array(
            reached.map {
              .object([
                "id": .string(name($0.node)), "kind": .string(graph.kind($0.node).rawValue),
                "owner": .optional(graph[$0.node].owner), "depth": .int($0.depth),
                "via": .string(name($0.via)), "edge": .string($0.edge.rawValue),
              ])
            }),
        ]))
    }
    let rows = reached.map {
      [String($0.depth), name($0.node), owner($0.node), $0.edge.rawValue, name($0.via)]
    }
    return heading("\(reached.count) nodes \(direction.rawValue) of \(name(node))")
      + table(
        TextTable(
          headers: ["DEPTH", "NODE", "OWNER", "EDGE", "VIA"],
          alignments: [.right], rows: rows))
  }

  func impact(_ impact: LineageImpact) throws -> String {
    if let diagram = diagram(
      LineageSubgraph(
        inducedBy: [impact.node] + impact.reached.map(\.node), in: graph,
        highlighted: [impact.node]),
      title: name(impact.node))
    {
      return diagram
    }
    if format == .json {
      return try Console.json(
        LineageJSON.object([
          "node": .string(name(impact.node)),
          "reached": .int(impact.reached.count),
          "owners": .array(impact.owners.map(LineageJSON.string)),
          "groups": .array(
            impact.groups.map {
              .object([
                "kind": .string($0.kind.rawValue), "owner": .optional($0.owner),
                "nodes": .array($0.nodes.map { .string(name($0)) }),
              ])
            }),
        ]))
    }
    let rows = impact.groups.map {
      [
        $0.kind.rawValue, $0.owner ?? "(none)", String($0.nodes.count),
        $0.nodes.map(name).joined(separator: ", "),
      ]
    }
    return heading(
      "A change to \(name(impact.node)) reaches \(impact.reached.count) nodes; "
        + "owners to tell: \(impact.owners.isEmpty ? "none" : impact.owners.joined(separator: ", "))"
    )
      + table(
        TextTable(
          headers: ["KIND", "OWNER", "COUNT", "NODES"], alignments: [.left, .left, .right],
          rows: rows))
  }

  // MARK: Paths and cycles

  func path(_ path: LineagePath) throws -> String {
    let ends = Set([path.steps.first?.node, path.steps.last?.node].compactMap { $0 })
    if let diagram = diagram(
      LineageSubgraph(steps: path.steps, in: graph, highlighted: ends), title: "path")
    {
      return diagram
    }
    if format == .json {
      return try Console.json(
        LineageJSON.object([
          "connection": .string(path.connection.rawValue),
          "length": .int(path.length),
          "steps": .array(path.steps.map(stepJSON)),
        ]))
    }
    let summary: String
    switch path.connection {
    case .directed: summary = "A directed path of \(path.length) edges"
    case .reversed:
      summary = "No path this way; data flows the other way, in \(path.length) edges"
    case .undirected:
      summary =
        "No directed path either way; connected only ignoring directions, "
        + "in \(path.length) edges"
    case .none: summary = "Not connected"
    }
    guard !path.steps.isEmpty else { return heading(summary) }
    let rows = path.steps.enumerated().map { index, step in
      [
        String(index), name(step.node), owner(step.node),
        step.edge.map { ($0.rawValue) + (step.forward ? " →" : " ←") } ?? "",
      ]
    }
    return heading(summary)
      + table(
        TextTable(headers: ["STEP", "NODE", "OWNER", "EDGE"], alignments: [.right], rows: rows))
  }

  func cycles(through node: Int?) throws -> String {
    var found: [LineageCycle] = []
    if let node {
      if let cycle = graph.cycle(through: node) { found.append(cycle) }
    } else {
      for component in graph.cyclicComponents {
        let start = component.first { graph.kind($0) == .model } ?? component[0]
        if let cycle = graph.cycle(through: start) { found.append(cycle) }
      }
    }
    let highlighted = Set(found.compactMap { $0.steps.first?.node })
    if let diagram = diagram(
      LineageSubgraph(
        inducedBy: found.flatMap(\.nodes), in: graph, highlighted: highlighted), title: "cycles")
    {
      return diagram
    }
    if format == .json {
      return try Console.json(
        LineageJSON.object([
          "cycles": .array(
            found.map { cycle in
              .object([
                "steps": .array(cycle.steps.map(stepJSON)),
                "component": .array(cycle.component.map { .string(name($0)) }),
                "models": .array(
                  cycle.component.filter { graph.kind($0) == .model }.map { .string(name($0)) }),
              ])
            })
        ]))
    }
    if found.isEmpty {
      return heading(node.map { "\(name($0)) is on no cycle" } ?? "No cycles")
    }
    let rows = found.enumerated().map { index, cycle in
      [
        String(index + 1), String(cycle.component.count),
        String(cycle.component.filter { graph.kind($0) == .model }.count),
        cycle.steps.map { name($0.node) }.joined(separator: " → "),
      ]
    }
    return heading("\(found.count) cycle\(found.count == 1 ? "" : "s")")
      + table(
        TextTable(
          headers: ["#", "NODES", "MODELS", "SHORTEST CYCLE"],
          alignments: [.right, .right, .right],
          rows: rows))
  }

  // MARK: Signals

  func signals(_ findings: [Finding]) throws -> String {
    let evidence = findings.flatMap(\.evidence).compactMap { item -> Int? in
      if case .node(let id) = item { return graph.index(of: id) }
      return nil
    }
    let subjects = Set(
      findings.compactMap { finding -> Int? in
        if case .node(let id) = finding.evidence.first { return graph.index(of: id) }
        return nil
      })
    if let diagram = diagram(
      LineageSubgraph(inducedBy: evidence, in: graph, highlighted: subjects), title: "signals")
    {
      return diagram
    }
    if format == .json {
      return try Console.json(
        LineageJSON.object([
          "project": .string(project.name),
          "shape": shapeJSON(LineageSignals.shape(of: graph)),
          "findings": .array(
            findings.map {
              .object([
                "rule": .string($0.rule), "area": .string($0.area.rawValue),
                "severity": .string($0.severity.rawValue), "title": .string($0.title),
                "why": .string($0.why), "fix": .string($0.fix),
                "evidence": .array($0.evidence.map { .string($0.description) }),
                "fingerprint": .string($0.fingerprint),
              ])
            }),
        ]))
    }
    let rows = findings.map { [$0.severity.rawValue, $0.rule, $0.title] }
    var text =
      heading("\(findings.count) lineage finding\(findings.count == 1 ? "" : "s")")
      + table(TextTable(headers: ["SEVERITY", "RULE", "FINDING"], rows: rows))
    if markdown {
      for finding in findings {
        text += "\n### \(TerminalText.sanitize(finding.title))\n\n"
        text += "- rule: `\(finding.rule)` (\(finding.area.title)), severity \(finding.severity)\n"
        text += "- why: \(TerminalText.sanitize(finding.why))\n"
        text += "- fix: \(TerminalText.sanitize(finding.fix))\n"
        text +=
          "- evidence: "
          + finding.evidence.map { "`\(TerminalText.sanitize($0.description))`" }.joined(
            separator: ", ") + "\n"
      }
    }
    return text
  }

  // MARK: JSON pieces

  private func nodeJSON(_ node: Int) -> LineageJSON {
    let details = graph[node]
    return .object([
      "id": .string(details.id.description), "kind": .string(details.kind.rawValue),
      "name": .string(details.name), "owner": .optional(details.owner),
      "description": .optional(details.description),
      "tags": .array(details.tags.map(LineageJSON.string)), "declared": .bool(details.declared),
      "version": .optional(details.versionPin),
      "aliases": .array(details.aliases.map(LineageJSON.string)),
      "status": .optional(details.status?.rawValue), "stub": .bool(details.isStub),
      "provenance": .array(
        details.provenance.map {
          .object(["source": .string($0.source.rawValue), "path": .string($0.path)])
        }),
    ])
  }

  private func neighbourJSON(_ neighbour: LineageNeighbour) -> LineageJSON {
    .object([
      "id": .string(name(neighbour.node)), "edge": .string(neighbour.kind.rawValue),
      "owner": .optional(graph[neighbour.node].owner),
    ])
  }

  private func stepJSON(_ step: LineagePath.Step) -> LineageJSON {
    .object([
      "id": .string(name(step.node)), "edge": .optional(step.edge?.rawValue),
      "forward": .bool(step.forward),
    ])
  }

  private func shapeJSON(_ shape: LineageShape) -> LineageJSON {
    .object([
      "depth": .int(shape.depth), "width": .int(shape.width), "sources": .int(shape.sources),
      "sinks": .int(shape.sinks),
      "longest_chain": .array(shape.longestChain.map { .string(name($0)) }),
    ])
  }
}

/// A JSON value, so that every field is always written (`null` when unknown).
enum LineageJSON: Encodable {
  case string(String)
  case int(Int)
  case bool(Bool)
  case null
  case array([LineageJSON])
  case object([String: LineageJSON])

  static func optional(_ text: String?) -> LineageJSON { text.map(LineageJSON.string) ?? .null }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .string(let value): try container.encode(value)
    case .int(let value): try container.encode(value)
    case .bool(let value): try container.encode(value)
    case .null: try container.encodeNil()
    case .array(let values): try container.encode(values)
    case .object(let values): try container.encode(values)
    }
  }
}

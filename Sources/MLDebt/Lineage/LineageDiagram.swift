/// A part of the lineage graph to draw: some nodes, some edges between them, some highlighted.
public struct LineageSubgraph: Sendable, Hashable {
  /// The node indices, in id order.
  public var nodes: [Int]
  /// The edge indices (``LineageGraph/edge(_:)``), in order.
  public var edges: [Int]
  /// Nodes to draw emphasized (the subject of a query).
  public var highlighted: Set<Int>

  /// Creates a subgraph from its parts.
  public init(nodes: [Int], edges: [Int], highlighted: Set<Int> = []) {
    self.nodes = nodes
    self.edges = edges
    self.highlighted = highlighted
  }

  /// The given nodes and every edge of the graph between two of them.
  public init(
    inducedBy nodes: some Sequence<Int>, in graph: LineageGraph, highlighted: Set<Int> = []
  ) {
    let members = Set(nodes)
    var edges: [Int] = []
    for node in members {
      for neighbour in graph.outgoing(node) where members.contains(neighbour.node) {
        edges.append(neighbour.edge)
      }
    }
    self.init(nodes: members.sorted(), edges: edges.sorted(), highlighted: highlighted)
  }

  /// The nodes of a path or cycle and the edges it walks (whichever way they point).
  public init(steps: [LineagePath.Step], in graph: LineageGraph, highlighted: Set<Int> = []) {
    var edges: Set<Int> = []
    for (previous, step) in zip(steps, steps.dropFirst()) {
      let (from, to) = step.forward ? (previous.node, step.node) : (step.node, previous.node)
      if let edge = graph.outgoing(from).first(where: { $0.node == to && $0.kind == step.edge }) {
        edges.insert(edge.edge)
      }
    }
    self.init(
      nodes: Array(Set(steps.map(\.node))).sorted(), edges: edges.sorted(),
      highlighted: highlighted)
  }
}

/// Draws parts of the lineage graph as Graphviz DOT or as a Mermaid flowchart (for Markdown
/// reviews). Every label from project files is escaped for the target language.
public enum LineageDiagram {
  /// A Graphviz `digraph`; node identifiers are `n<index>`, labels are node ids.
  public static func dot(
    _ subgraph: LineageSubgraph, in graph: LineageGraph, title: String = "lineage"
  ) -> String {
    var lines = ["digraph \(dotString(title)) {", "  rankdir=LR;", "  node [fontsize=10];"]
    for node in subgraph.nodes {
      var attributes = [
        "label=\(dotString(graph.id(node).description))", "shape=\(dotShape(graph.kind(node)))",
      ]
      if subgraph.highlighted.contains(node) { attributes.append("style=bold, color=red") }
      lines.append("  n\(node) [\(attributes.joined(separator: ", "))];")
    }
    for index in subgraph.edges {
      let edge = graph.edge(index)
      lines.append("  n\(edge.from) -> n\(edge.to) [label=\(dotString(edge.kind.rawValue))];")
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  /// A Mermaid `flowchart LR`; node identifiers are `n<index>`, labels are node ids.
  public static func mermaid(_ subgraph: LineageSubgraph, in graph: LineageGraph) -> String {
    var lines = ["flowchart LR"]
    for node in subgraph.nodes {
      let label = "\"" + mermaidText(graph.id(node).description) + "\""
      let (open, close) = mermaidShape(graph.kind(node))
      lines.append("  n\(node)\(open)\(label)\(close)")
    }
    for index in subgraph.edges {
      let edge = graph.edge(index)
      lines.append("  n\(edge.from) -->|\(mermaidText(edge.kind.rawValue))| n\(edge.to)")
    }
    if !subgraph.highlighted.isEmpty {
      lines.append("  classDef focus stroke:#d00,stroke-width:3px")
      let focus = subgraph.highlighted.sorted().map { "n\($0)" }.joined(separator: ",")
      lines.append("  class \(focus) focus")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A DOT quoted string: control characters shown visibly, then `\` and `"` escaped.
  public static func dotString(_ text: String) -> String {
    var result = "\""
    for character in TerminalText.sanitize(text) {
      switch character {
      case "\\": result += "\\\\"
      case "\"": result += "\\\""
      default: result.append(character)
      }
    }
    return result + "\""
  }

  /// Text for inside a Mermaid quoted label: control characters shown visibly, and every
  /// character Mermaid gives a meaning to (quotes, `#`, `&`, angle brackets, brackets, braces,
  /// parentheses, `|`, backticks, `;`) written as a `#code;` entity.
  public static func mermaidText(_ text: String) -> String {
    var result = ""
    for scalar in TerminalText.sanitize(text).unicodeScalars {
      switch scalar {
      case "\"", "#", "&", "<", ">", "[", "]", "{", "}", "(", ")", "|", "`", ";", "\\":
        result += "#\(scalar.value);"
      default:
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  private static func dotShape(_ kind: NodeKind) -> String {
    switch kind {
    case .dataset: "cylinder"
    case .column: "plaintext"
    case .feature: "ellipse"
    case .model: "box3d"
    case .consumer: "house"
    case .job: "box"
    }
  }

  private static func mermaidShape(_ kind: NodeKind) -> (String, String) {
    switch kind {
    case .dataset: ("[(", ")]")
    case .column: (">", "]")
    case .feature: ("(", ")")
    case .model: ("{{", "}}")
    case .consumer: ("([", "])")
    case .job: ("[", "]")
    }
  }
}

import MLDebt

/// The Lineage view's own state: the graph it walks, the Miller columns' focus column, the open
/// panel (details, impact, cycles or a path), the path prompt and the lineage navigation trail.
///
/// The view shows one node (the *focus*) with its direct upstream in a column on the left and its
/// direct downstream on the right. The centre column holds the focus and its siblings: every node
/// (at first, or the matches of `/`), the neighbours of the node walked from, or the focus alone.
/// Everything drawn per frame is bounded by what is on screen or by the focus's direct
/// neighbours; the impact tree, cycles and paths are computed once when asked for.
public struct LineageViewState: Sendable {
  /// What the centre column lists.
  public enum Column: Sendable, Hashable {
    /// Every node of the graph (the view's list, narrowed by `/`).
    case all
    /// The direct neighbours of a node on one side, after walking with `h` or `l`.
    case neighbours(of: Int, LineageDirection)
    /// One node, after `Enter` or `:open`.
    case single(Int)
  }

  /// What the pane beside the columns shows.
  public enum Panel: Sendable, Hashable {
    /// The focus's details.
    case details
    /// Everything downstream of ``subject`` as an indented tree (`i`).
    case impact
    /// The cycles through ``subject`` (`c`).
    case cycles
    /// The shortest path from ``subject`` to a node (`p`).
    case path(to: Int)
  }

  /// One place in the lineage trail, restored by Backspace.
  public struct Place: Sendable, Hashable {
    /// The centre column.
    public var column: Column
    /// Its selected row.
    public var row: Int
    /// The filter that was in force (the `all` column only).
    public var filter: String?
    /// The node walked from, preselected in the side columns.
    public var cameFrom: Int?
  }

  /// The second node of a path being typed after `p`.
  public struct PathPrompt: Sendable, Hashable {
    /// The text typed.
    public var input = TextInput()
    /// The nodes matching it (graph indices), best first, at most ``limit``.
    public var matches: [Int] = []
    /// The highlighted match.
    public var selected = 0
    /// The most matches kept.
    public static let limit = 50
  }

  /// One row of the impact, cycles or path panel.
  public struct PanelRow: Sendable, Hashable {
    /// What the row shows.
    public enum Content: Sendable, Hashable {
      /// A heading or a note.
      case text(String, ThemeRole)
      /// A node, reached over an edge of this kind (`nil` for the first), with the data flow
      /// (`forward`) or against it.
      case node(Int, edge: EdgeKind?, forward: Bool)
    }
    /// What the row shows.
    public var content: Content
    /// Its indentation level.
    public var depth: Int
    /// A remark shown after a node.
    public var note: String? = nil

    /// The node the row stands for, if any.
    public var node: Int? {
      if case .node(let node, _, _) = content { return node }
      return nil
    }
  }

  /// The graph walked (the analysis's once it arrives; until then one built from the project).
  public private(set) var graph: LineageGraph
  /// Runs, findings and drift by node.
  public private(set) var lookups: LineageLookups
  /// What the centre column lists (while no filter is set; a filter shows its matches).
  public var column = Column.all
  /// The centre column's selected row (for `neighbours`; `all` uses the view's selection).
  public var row = 0
  /// The node walked from, preselected in the side column that holds it.
  public var cameFrom: Int?
  /// What the pane beside the columns shows.
  public var panel = Panel.details
  /// The node the open panel was computed for.
  public var subject: Int?
  /// The open panel's rows (impact tree, cycles or path), computed once when it opens.
  public var panelRows: [PanelRow] = []
  /// The panel's summary lines drawn above its rows (the impact's counts per kind and owner).
  public var panelSummary: [[Span]] = []
  /// The panel's selected row.
  public var panelRow = 0
  /// The path prompt, while `p` asks for the second node.
  public var prompt: PathPrompt?
  /// Where Backspace goes within the view, most recent last.
  public var trail: [Place] = []

  /// Creates the state for a project, using the analysis's graph when there is one.
  public init(project: Project, analysis: ProjectAnalysis?) {
    graph = analysis?.graph ?? LineageGraph(project)
    lookups = LineageLookups(project: project, graph: graph)
    if let analysis { lookups.apply(analysis, graph: graph) }
  }

  /// Takes the analysis computed in the background: its graph (the same nodes, so every index
  /// stays valid), findings and drift.
  public mutating func apply(_ analysis: ProjectAnalysis) {
    if analysis.graph.nodeCount == graph.nodeCount { graph = analysis.graph }
    lookups.apply(analysis, graph: graph)
  }

  /// Takes a reloaded project (live mode). When its lineage has the same nodes in the same
  /// order, every index stays valid and the view keeps its place; otherwise it starts afresh.
  public mutating func reload(_ project: Project, analysis: ProjectAnalysis?) {
    var fresh = LineageViewState(project: project, analysis: nil)
    if let analysis { fresh.apply(analysis) }
    let same =
      fresh.graph.nodeCount == graph.nodeCount
      && (0..<graph.nodeCount).allSatisfy { fresh.graph.id($0) == graph.id($0) }
    if same {
      graph = fresh.graph
      lookups = fresh.lookups
    } else {
      self = fresh
    }
  }

  /// The direct neighbours of a node on one side, in edge-kind order then node order, each node
  /// once (with the first edge kind that links it).
  public func entries(of node: Int, _ direction: LineageDirection) -> [(
    node: Int, edge: EdgeKind
  )] {
    var seen = Set<Int>()
    var result: [(node: Int, edge: EdgeKind)] = []
    for group in graph.neighboursByKind(of: node, direction: direction) {
      for neighbour in group.nodes where seen.insert(neighbour).inserted {
        result.append((neighbour, group.kind))
      }
    }
    return result
  }

  /// The row of a side column that walking would go to: the node walked from if it is there,
  /// else the first.
  public func preselected(in entries: [(node: Int, edge: EdgeKind)]) -> Int {
    guard let cameFrom else { return 0 }
    return entries.firstIndex { $0.node == cameFrom } ?? 0
  }
}

import MLDebt

/// The Lineage view's keys: walking the Miller columns, refocusing, the lineage trail, and the
/// impact, cycles and path panels. The state lives in ``LineageViewState``.
extension AppState {
  /// What the centre column lists now: the filter's matches while a filter is set.
  public var lineageColumn: LineageViewState.Column {
    filters[.lineage] == nil ? lineage.column : .all
  }

  /// The focused node of the Lineage view (a graph index): the centre column's selected row.
  public var lineageFocus: Int? {
    switch lineageColumn {
    case .all:
      guard case .node(let id)? = selectedItem(in: .lineage)?.ref else { return nil }
      return lineage.graph.index(of: id)
    case .neighbours(let node, let direction):
      let entries = lineage.entries(of: node, direction)
      guard !entries.isEmpty else { return nil }
      return entries[max(0, min(lineage.row, entries.count - 1))].node
    case .single(let node):
      return node
    }
  }

  /// The Lineage view's focused node.
  public var selectedNode: NodeID? { lineageFocus.map(lineage.graph.id) }

  /// The centre column's length and selected row.
  public var lineageCentre: (count: Int, row: Int) {
    switch lineageColumn {
    case .all:
      return (visible(in: .lineage).count, selectedIndex(in: .lineage) ?? 0)
    case .neighbours(let node, let direction):
      let count = lineage.entries(of: node, direction).count
      return (count, max(0, min(lineage.row, count - 1)))
    case .single:
      return (1, 0)
    }
  }

  /// Shows the Lineage view focused on a node: the one entry point for every view that links to
  /// a node (`:open`, the drift and checklist views). From another view it records the current
  /// place in the history (so Backspace returns there) and starts a fresh lineage trail; inside
  /// the Lineage view it is a step of the trail.
  public mutating func openLineage(_ id: NodeID) {
    guard let node = lineage.graph.index(of: id) else {
      report("no node `\(id)` in this project", error: true)
      return
    }
    if view == .lineage {
      pushLineagePlace()
    } else {
      pushHistory()
      view = .lineage
      lineage.trail.removeAll()
    }
    lineage.prompt = nil
    lineage.cameFrom = lineageFocus
    if filters[.lineage] != nil { setFilter(nil, in: .lineage) }
    lineage.column = .single(node)
    lineage.row = 0
    lineage.closePanel()
  }

  /// Runs an action the Lineage view handles itself; `nil` for the others.
  mutating func performLineage(_ action: Action) -> [AppEffect]? {
    switch action {
    case .walkUpstream, .moveLeft: walk(.upstream)
    case .walkDownstream, .moveRight: walk(.downstream)
    case .focusNode, .drillIn: focusChosen()
    case .back: lineageBack()
    case .impact: toggle(.impact)
    case .cycles: toggle(.cycles)
    case .pathTo: startPathPrompt()
    default: return nil
    }
    return []
  }

  /// Moves the selection of the open panel, or of the centre column (clamped).
  mutating func moveLineage(to target: Int) {
    if lineage.panel != .details {
      lineage.panelRow = max(0, min(lineage.panelRows.count - 1, target))
      return
    }
    selectLineageRow(target)
  }

  /// Selects a row of the centre column (clamped).
  mutating func selectLineageRow(_ target: Int) {
    let (count, _) = lineageCentre
    let row = max(0, min(count - 1, target))
    switch lineageColumn {
    case .all: selections[.lineage] = row
    case .neighbours: lineage.row = row
    case .single: break
    }
  }

  /// The selected row of whatever `j`/`k` move in the Lineage view.
  var lineageRow: Int {
    lineage.panel != .details ? lineage.panelRow : lineageCentre.row
  }

  /// Restores the focus after the global history returns to the Lineage view.
  mutating func restoreLineage(focus id: String) {
    guard selectedNode?.description != id, let node = NodeID(parsing: id),
      let index = lineage.graph.index(of: node)
    else { return }
    if filters[.lineage] != nil { setFilter(nil, in: .lineage) }
    lineage.column = .single(index)
    lineage.closePanel()
  }

  private mutating func pushLineagePlace() {
    let row = lineageColumn == .all ? (selectedIndex(in: .lineage) ?? 0) : lineage.row
    lineage.trail.append(
      LineageViewState.Place(
        column: lineage.column, row: row, filter: filters[.lineage], cameFrom: lineage.cameFrom))
    if lineage.trail.count > 100 { lineage.trail.removeFirst(lineage.trail.count - 100) }
  }

  /// `h`/`l`: the side column's selected node becomes the focus, and that whole column becomes
  /// the centre column.
  private mutating func walk(_ direction: LineageDirection) {
    guard let focus = lineageFocus else { return }
    let entries = lineage.entries(of: focus, direction)
    guard !entries.isEmpty else {
      report("nothing \(direction.rawValue) of \(lineage.graph.id(focus))")
      return
    }
    pushLineagePlace()
    let row = lineage.preselected(in: entries)
    if filters[.lineage] != nil { setFilter(nil, in: .lineage) }
    lineage.column = .neighbours(of: focus, direction)
    lineage.row = row
    lineage.cameFrom = focus
    lineage.refreshPanel(focus: lineageFocus)
  }

  /// `Enter`: the chosen node (a panel's row, else the centre column's) becomes the focus, alone
  /// in the centre column. On a node already focused alone it shows all its details.
  private mutating func focusChosen() {
    if lineage.panel != .details {
      guard lineage.panelRows.indices.contains(lineage.panelRow),
        let node = lineage.panelRows[lineage.panelRow].node
      else { return }
      refocus(node)
      return
    }
    guard let focus = lineageFocus else { return }
    if lineageColumn == .single(focus) {
      let id = lineage.graph.id(focus).description
      mode = .detail(title: id, lines: LineageView.details(self, focus, width: 70), scroll: 0)
      return
    }
    refocus(focus)
  }

  /// Makes `node` the focus, alone in the centre column, as a step of the trail.
  mutating func refocus(_ node: Int) {
    pushLineagePlace()
    lineage.cameFrom = lineageFocus
    if filters[.lineage] != nil { setFilter(nil, in: .lineage) }
    lineage.column = .single(node)
    lineage.row = 0
    lineage.closePanel()
  }

  /// Backspace in the Lineage view: dismiss an error, close the panel, clear the filter, step
  /// back along the lineage trail, and then the global history.
  private mutating func lineageBack() {
    if let current = message, current.isError {
      message = nil
      return
    }
    if lineage.panel != .details {
      lineage.closePanel()
      return
    }
    if filters[.lineage] != nil {
      let focus = selectedNode
      if filters[.lineage] != nil { setFilter(nil, in: .lineage) }
      if lineage.column == .all, let focus { select(id: focus.description, in: .lineage) }
      return
    }
    if let place = lineage.trail.popLast() {
      lineage.column = place.column
      lineage.cameFrom = place.cameFrom
      setFilter(place.filter, in: .lineage)
      if place.column == .all {
        selections[.lineage] = place.row
      } else {
        lineage.row = place.row
      }
      return
    }
    back()
  }

  private mutating func toggle(_ panel: LineageViewState.Panel) {
    if lineage.panel == panel {
      lineage.closePanel()
      return
    }
    guard let focus = lineageFocus else { return }
    switch panel {
    case .impact: lineage.showImpact(of: focus)
    case .cycles: lineage.showCycles(through: focus)
    case .path(let target): lineage.showPath(from: focus, to: target)
    case .details: lineage.closePanel()
    }
  }

  private mutating func startPathPrompt() {
    guard lineageFocus != nil else { return }
    var prompt = LineageViewState.PathPrompt()
    prompt.matches = pathMatches(for: "")
    lineage.prompt = prompt
  }

  /// The nodes matching `text`, best first: the graph's search (by id, name, alias, owner or tag,
  /// substring before fuzzy), or the first nodes while nothing is typed.
  func pathMatches(for text: String) -> [Int] {
    let limit = LineageViewState.PathPrompt.limit
    let query = text.trimmingCharacters(in: .whitespaces)
    guard !query.isEmpty else { return Array(0..<min(limit, lineage.graph.nodeCount)) }
    return lineage.graph.search(query, limit: limit).map(\.node)
  }

  /// A key while the path prompt is open: edit, choose a match, complete, run or cancel.
  mutating func pathPromptKey(_ key: Key) -> [AppEffect] {
    guard var prompt = lineage.prompt else { return [] }
    switch key {
    case .escape:
      lineage.prompt = nil
      return []
    case .enter:
      lineage.prompt = nil
      let text = prompt.input.text.trimmingCharacters(in: .whitespaces)
      let exact = NodeID(parsing: text).flatMap(lineage.graph.index(of:))
      guard let target = exact ?? prompt.matches[safe: prompt.selected], let focus = lineageFocus
      else {
        report("no node matches `\(text)`; p asks again", error: true)
        return []
      }
      lineage.showPath(from: focus, to: target)
      return []
    case .tab:
      if let node = prompt.matches[safe: prompt.selected] {
        prompt.input = TextInput(lineage.graph.id(node).description)
      }
    case .down, .control("n"):
      prompt.selected = prompt.matches.isEmpty ? 0 : (prompt.selected + 1) % prompt.matches.count
    case .up, .control("p"), .backTab:
      let count = prompt.matches.count
      prompt.selected = count == 0 ? 0 : (prompt.selected + count - 1) % count
    default:
      guard prompt.input.handle(key) == .edited else { return [] }
      prompt.matches = pathMatches(for: prompt.input.text)
      prompt.selected = 0
    }
    lineage.prompt = prompt
    return []
  }
}

extension Array {
  /// The element at `index`, or `nil` when it is out of range.
  fileprivate subscript(safe index: Int) -> Element? {
    indices.contains(index) ? self[index] : nil
  }
}

/// The key map: every binding, defined once, and the lookup from key to action.
public struct Keymap: Sendable {
  /// The bindings, in help order.
  public private(set) var bindings: [KeyBinding]
  /// For each key, the indices of the bindings that list it, in binding order.
  private var byKey: [Key: [Int]]

  /// The key that always quits, whatever the mode and the user's bindings.
  public static let reservedQuitKey = Key.control("c")

  /// Creates a key map from bindings. A key listed twice goes to its first binding.
  public init(_ bindings: [KeyBinding]) {
    self.bindings = bindings
    byKey = [:]
    rebuildIndex()
  }

  private mutating func rebuildIndex() {
    byKey = [:]
    for (index, binding) in bindings.enumerated() {
      for key in binding.keys { byKey[key, default: []].append(index) }
    }
  }

  /// The action a key runs in every view (its first global binding); view-specific bindings
  /// are ignored. Overlays use this for their scroll keys.
  public func action(for key: Key) -> Action? {
    if key == Self.reservedQuitKey { return .forceQuit }
    return byKey[key]?.first { bindings[$0].views == nil }.map { bindings[$0].action }
  }

  /// The action a key runs in `view`: the view's own binding of the key if it has one, else
  /// the global one.
  public func action(for key: Key, in view: ViewID) -> Action? {
    if key == Self.reservedQuitKey { return .forceQuit }
    let candidates = byKey[key] ?? []
    if let own = candidates.first(where: { bindings[$0].views?.contains(view) == true }) {
      return bindings[own].action
    }
    return action(for: key)
  }

  /// The binding of an action.
  public func binding(for action: Action) -> KeyBinding? {
    bindings.first { $0.action == action }
  }

  /// The keys of an action.
  public func keys(for action: Action) -> [Key] {
    binding(for: action)?.keys ?? []
  }

  /// Moves `key` to `action` (removing it from any other action); `action == nil` unbinds it.
  public mutating func bind(_ key: Key, to action: Action?) {
    for index in bindings.indices { bindings[index].keys.removeAll { $0 == key } }
    if let action, let index = bindings.firstIndex(where: { $0.action == action }) {
      bindings[index].keys.append(key)
    }
    rebuildIndex()
  }
}

extension Keymap {
  /// Why a Lineage action cannot run outside the Lineage view.
  @Sendable static func lineageOnly(_ state: AppState) -> String? {
    state.view == .lineage ? nil : "only in the Lineage view (press 2)"
  }

  /// The default bindings.
  public static let standard = Keymap([
    KeyBinding(
      [.character("1")], .viewOverview, "Overview: counts and top diagnostics", group: "Views"),
    KeyBinding(
      [.character("2")], .viewLineage, "Lineage: a node, its upstream and downstream",
      group: "Views"),
    KeyBinding([.character("3")], .viewRuns, "Runs: tracked training runs", group: "Views"),
    KeyBinding([.character("4")], .viewDrift, "Drift: monitored columns by drift", group: "Views"),
    KeyBinding(
      [.character("5")], .viewChecklist, "Checklist: the nine debt areas", group: "Views"),
    KeyBinding(
      [.character("6")], .viewSources, "Sources: what loaded, and every diagnostic",
      group: "Views"),
    KeyBinding([.tab], .nextView, "Next view", group: "Views"),
    KeyBinding([.backTab], .previousView, "Previous view", group: "Views"),
    KeyBinding([.character("j"), .down], .moveDown, "Down one row", group: "Move"),
    KeyBinding([.character("k"), .up], .moveUp, "Up one row", group: "Move"),
    KeyBinding(
      [.character("h"), .left], .moveLeft, "Left: previous pane, or scroll the table left",
      group: "Move",
      disabledReason: { $0.view == .runs ? nil : "this view has one pane" }),
    KeyBinding(
      [.character("l"), .right], .moveRight, "Right: next pane, or scroll the table right",
      group: "Move",
      disabledReason: { $0.view == .runs ? nil : "this view has one pane" }),
    KeyBinding([.character("g"), .home], .top, "First row", group: "Move"),
    KeyBinding([.character("G"), .end], .bottom, "Last row", group: "Move"),
    KeyBinding([.control("d")], .halfPageDown, "Down half a page", group: "Move"),
    KeyBinding([.control("u")], .halfPageUp, "Up half a page", group: "Move"),
    KeyBinding([.pageDown, .control("f")], .pageDown, "Down a page", group: "Move"),
    KeyBinding([.pageUp, .control("b")], .pageUp, "Up a page", group: "Move"),
    KeyBinding(
      [.enter], .drillIn, "Open the selected item", group: "Navigate", hint: "open",
      disabledReason: { $0.selectedItem == nil ? "nothing is selected" : nil }),
    KeyBinding(
      [.escape, .backspace], .back, "Back (close, clear the filter, or go back in history)",
      group: "Navigate"),
    KeyBinding(
      [.character("/")], .filter, "Filter the list (fuzzy)", group: "Find", hint: "filter"),
    KeyBinding(
      [.character("n")], .nextMatch, "Next match of the filter", group: "Find",
      disabledReason: { $0.currentFilter.isEmpty ? "no filter: press / first" : nil }),
    KeyBinding(
      [.character("N")], .previousMatch, "Previous match of the filter", group: "Find",
      disabledReason: { $0.currentFilter.isEmpty ? "no filter: press / first" : nil }),
    KeyBinding(
      [.character("s")], .sortNext, "Sort by the next column", group: "Table",
      disabledReason: { $0.view == .runs ? nil : "only the Runs table sorts" }),
    KeyBinding(
      [.character("S")], .sortReverse, "Reverse the sort order", group: "Table",
      disabledReason: { $0.view == .runs ? nil : "only the Runs table sorts" }),
    KeyBinding(
      [.character("f")], .runFilter, "Filter runs by expression (metrics.auc > 0.8 OR …)",
      group: "Runs", hint: "expr", views: [.runs]),
    KeyBinding(
      [.character(" ")], .toggleMark, "Mark or unmark the run", group: "Runs", hint: "mark",
      views: [.runs],
      disabledReason: { $0.selectedItem(in: .runs) == nil ? "no run is selected" : nil }),
    KeyBinding(
      [.character("d")], .diffMarked, "Diff the marked runs (= shows equal rows)",
      group: "Runs", hint: "diff", views: [.runs]),
    KeyBinding(
      [.character("c")], .chartMarked, "Chart a metric across the marked runs (←/→ metric)",
      group: "Runs", hint: "chart", views: [.runs]),
    KeyBinding(
      [.character("p")], .pickColumns, "Choose the metric, param and tag columns",
      group: "Runs", views: [.runs]),
    KeyBinding(
      [.character("h"), .left], .walkUpstream,
      "Walk upstream: the selected input becomes the focus", group: "Lineage",
      views: [.lineage], disabledReason: lineageOnly),
    KeyBinding(
      [.character("l"), .right], .walkDownstream,
      "Walk downstream: the selected output becomes the focus", group: "Lineage",
      views: [.lineage], disabledReason: lineageOnly),
    KeyBinding(
      [.enter], .focusNode, "Focus the chosen node (again: all its details)", group: "Lineage",
      views: [.lineage], disabledReason: lineageOnly),
    KeyBinding(
      [.character("i")], .impact, "Impact: everything downstream, as a tree", group: "Lineage",
      hint: "impact", views: [.lineage], disabledReason: lineageOnly),
    KeyBinding(
      [.character("c")], .cycles, "Cycles through the focus", group: "Lineage", hint: "cycles",
      views: [.lineage], disabledReason: lineageOnly),
    KeyBinding(
      [.character("p")], .pathTo, "Path from the focus to a node you name", group: "Lineage",
      hint: "path", views: [.lineage], disabledReason: lineageOnly),
    KeyBinding(
      [.character("w")], .driftNextWindow, "Next (later) window", group: "Drift",
      hint: "window", views: [.drift], disabledReason: DriftView.unavailable),
    KeyBinding(
      [.character("W")], .driftPreviousWindow, "Previous (earlier) window", group: "Drift",
      views: [.drift], disabledReason: DriftView.unavailable),
    KeyBinding(
      [.character("m")], .driftCycleMethod, "Score the column with the next method",
      group: "Drift", hint: "method", views: [.drift], disabledReason: DriftView.noColumn),
    KeyBinding(
      [.character("s")], .driftSort, "Order the columns by score or by name", group: "Drift",
      hint: "sort", views: [.drift], disabledReason: DriftView.unavailable),
    KeyBinding(
      [.character("]")], .driftNextSource, "Next monitoring source", group: "Drift",
      views: [.drift], disabledReason: DriftView.singleSource),
    KeyBinding(
      [.character("[")], .driftPreviousSource, "Previous monitoring source", group: "Drift",
      views: [.drift], disabledReason: DriftView.singleSource),
    KeyBinding(
      [.character("i")], .driftDetails, "Every statistic, bias and quality of the column",
      group: "Drift", views: [.drift], disabledReason: DriftView.noColumn),
    KeyBinding(
      [.enter], .driftShowInLineage, "Show the column's feature in Lineage", group: "Drift",
      hint: "lineage", views: [.drift], disabledReason: DriftView.noColumn),
    KeyBinding(
      [.character("l"), .right], .checklistIn, "Open the area or item (one level deeper)",
      group: "Checklist", views: [.checklist],
      disabledReason: { $0.checklistState.level == .evidence ? "Enter opens the evidence" : nil }
    ),
    KeyBinding(
      [.character("h"), .left], .checklistOut, "Up one level (evidence, items, areas)",
      group: "Checklist", views: [.checklist],
      disabledReason: { $0.checklistState.level == .areas ? "already at the areas" : nil }),
    KeyBinding(
      [.character("a")], .attest, "Attest the practice item (status, note)", group: "Checklist",
      hint: "attest", views: [.checklist], disabledReason: { $0.attestDisabledReason }),
    KeyBinding(
      [.character("y")], .copy, "Copy the selected id (OSC 52)", group: "Other",
      disabledReason: { $0.selectedItem == nil ? "nothing is selected" : nil }),
    KeyBinding([.character(":")], .palette, "Command palette", group: "Other", hint: "commands"),
    KeyBinding([.character("?")], .help, "This help", group: "Other", hint: "help"),
    KeyBinding([.character("T")], .cycleTheme, "Next theme", group: "Other"),
    KeyBinding([.character("M")], .toggleMouse, "Mouse capture on/off", group: "Other"),
    KeyBinding([], .messages, "Every message so far", group: "Other"),
    KeyBinding(
      [.character("e")], .exportView, "Export the view as text (:export for the review)",
      group: "Other"),
    KeyBinding([.control("l")], .redraw, "Redraw the screen", group: "Other"),
    KeyBinding(
      [.character("r")], .reload, "Reload the project (Esc cancels a load or an analysis)",
      group: "Other", disabledReason: { $0.load.isLoading ? "already loading" : nil }),
    KeyBinding([.character("q")], .quit, "Quit", group: "Other", hint: "quit"),
    KeyBinding(
      [.character("Q"), reservedQuitKey], .forceQuit, "Quit from anywhere", group: "Other"),
  ])
}

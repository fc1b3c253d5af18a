import MLDebt

/// Everything the workbench shows, as a plain value. ``handle(_:)`` turns input into a new state
/// and effects; ``Shell/render(_:size:)`` turns a state into cells. Neither touches the terminal.
public struct AppState: Sendable {
  /// What has the keyboard.
  public enum Mode: Sendable {
    /// Keys run actions from the key map.
    case normal
    /// Typing a filter for the focused list.
    case filter(TextInput)
    /// Typing a command.
    case palette(PaletteState)
    /// The help overlay, scrolled.
    case help(scroll: Int)
    /// A detail overlay (an item's full text, or the message log), scrolled.
    case detail(title: String, lines: [[Span]], scroll: Int)
    /// The Checklist view's attestation form.
    case attest(AttestationForm)
  }

  /// A place in the navigation history.
  public struct Location: Sendable, Hashable {
    /// The view.
    public var view: ViewID
    /// The selected item's id there.
    public var itemID: String?
  }

  /// A message for the status bar.
  public struct StatusMessage: Sendable, Hashable {
    /// The text.
    public var text: String
    /// Errors stay until dismissed with Esc; other messages go at the next key.
    public var isError: Bool
  }

  /// The project shown (replaced by ``replace(_:analysis:)`` when live mode reloads it; its
  /// attestations change when one is saved from the Checklist view).
  public internal(set) var project: Project
  /// Look-ups over it.
  public private(set) var index: ProjectIndex
  /// The graph, drift and checklist of the project; `nil` while they are computed in the
  /// background (views that need them say "analysing…").
  public private(set) var analysis: ProjectAnalysis?
  /// Each view's list items, unfiltered.
  public private(set) var catalog: [ViewID: [ViewItem]]
  /// The view shown.
  public var view: ViewID = .overview
  /// The terminal's size.
  public var size: Size
  /// Border and chart characters.
  public var glyphs: Glyphs
  /// The key map.
  public var keymap: Keymap
  /// What has the keyboard.
  public var mode: Mode = .normal
  /// Each view's filter text (set with ``setFilter(_:in:)``).
  public private(set) var filters: [ViewID: String] = [:]
  /// Each view's visible items, recomputed when its filter or items change.
  private var visibleCache: [ViewID: [(item: ViewItem, match: FuzzyMatch)]] = [:]
  /// Each view's selected row, among its visible (filtered) rows.
  public var selections: [ViewID: Int] = [:]
  /// Where Back goes, most recent last.
  public var history: [Location] = []
  /// How the Runs table is sorted.
  public private(set) var runSort = RunsView.Sort(column: 2, ascending: false)
  /// The Runs table's first scrolled column.
  public var runFirstColumn = 1
  /// The Runs view's filter, columns, marks, prompt and overlay.
  public var runsView = RunsViewState()
  /// The Lineage view's state: its graph, columns, panel and trail (`AppState+Lineage`).
  public var lineage: LineageViewState
  /// The Drift view's source, window, sort order and chosen methods.
  public internal(set) var driftView = DriftViewState()
  /// The message in the status bar.
  public var message: StatusMessage?
  /// Every message shown, oldest first (`:messages`).
  public var messageLog: [StatusMessage] = []
  /// The theme in use.
  public var themeName: String
  /// The themes that can be chosen.
  public var themeNames: [String]
  /// Whether the mouse is captured.
  public var mouseEnabled: Bool
  /// Below this size the views give way to a message.
  public var minimumSize = Size(width: 60, height: 16)
  /// Set when the user quits.
  public var quitting = false
  /// Where `e` writes the current view (the TUI sets it outside the project; see
  /// ``AppState/exportView()``).
  public var exportDirectory = "/tmp"
  /// How many views `e` has written, for distinct file names.
  public var exportCount = 0
  /// The Checklist view's level and open area and item.
  public var checklistState = ChecklistViewState()
  /// Score snapshots for the Overview's trends (read once at start-up).
  public var scoreHistory = ScoreHistory.notLoaded
  /// Who attests from the Checklist view (`$USER` or git's `user.name`).
  public var user: String?
  /// Where the background load and analysis are (``loading(root:size:glyphs:keymap:themeName:themeNames:mouseEnabled:)``
  /// starts a state before the project is read).
  public var load = LoadStatus.loaded

  /// Creates the state for a project.
  public init(
    project: Project, analysis: ProjectAnalysis? = nil, size: Size, glyphs: Glyphs = .unicode,
    keymap: Keymap = .standard, themeName: String = "dark", themeNames: [String] = ["dark"],
    mouseEnabled: Bool = true
  ) {
    self.project = project
    self.analysis = analysis
    index = ProjectIndex(project)
    self.size = size
    self.glyphs = glyphs
    self.keymap = keymap
    self.themeName = themeName
    self.themeNames = themeNames
    self.mouseEnabled = mouseEnabled
    lineage = LineageViewState(project: project, analysis: analysis)
    catalog = [:]
    runsView.audits = RunsViewState.audit(project)
    for view in ViewID.allCases {
      catalog[view] = Self.items(
        for: view, project, index, runSort, runsView, analysis: analysis,
        checklist: checklistState)
      refreshVisible(view)
    }
    refreshDriftItems()
  }

  /// Takes the analysis computed in the background, keeping every selection. After an answer
  /// was saved, the first analysis that counts the project's current answers ends the
  /// re-scoring and says so, whichever computed it: the run loop, or live mode reloading the
  /// attestations file that the save wrote.
  public mutating func apply(_ analysis: ProjectAnalysis) {
    self.analysis = analysis
    load.analysing = false
    if checklistState.rescoring && analysis.project.attestations == project.attestations {
      checklistState.rescoring = false
      report("scores recomputed with the new answer")
    }
    lineage.apply(analysis)
    for view in ViewID.allCases {
      let selected = selectedItem(in: view)?.id
      catalog[view] = Self.items(
        for: view, project, index, runSort, runsView, analysis: analysis,
        checklist: checklistState)
      refreshVisible(view)
      if let selected { select(id: selected, in: view) }
    }
    refreshDriftItems()
  }

  /// Replaces a view's items (for lists that depend on more than the project, like Drift's
  /// columns), keeping the selected item selected when it is still there.
  public mutating func setItems(_ items: [ViewItem], in view: ViewID) {
    let selected = selectedItem(in: view)?.id
    catalog[view] = items
    refreshVisible(view)
    if let selected { select(id: selected, in: view) }
  }

  /// Shows a reloaded project and its analysis (live mode), keeping the user's place: the view,
  /// each view's selected item (by id, when it still exists; else the same row), filters,
  /// history, sort and scroll. A filter is never cleared to keep a selection.
  public mutating func replace(_ project: Project, analysis: ProjectAnalysis?) {
    var selected: [ViewID: String] = [:]
    for view in ViewID.allCases { selected[view] = selectedItem(in: view)?.id }
    self.project = project
    index = ProjectIndex(project)
    self.analysis = analysis
    lineage.reload(project, analysis: analysis)
    runsView.audits = RunsViewState.audit(project)
    for view in ViewID.allCases {
      catalog[view] = Self.items(
        for: view, project, index, runSort, runsView, analysis: analysis,
        checklist: checklistState)
      refreshVisible(view)
    }
    refreshDriftItems()
    for view in ViewID.allCases {
      if let id = selected[view],
        let row = visible(in: view).firstIndex(where: { $0.item.id == id })
      {
        selections[view] = row
      }
    }
  }

  /// Sets a view's filter (`nil` or empty clears it) and recomputes its visible items.
  public mutating func setFilter(_ text: String?, in view: ViewID) {
    let previous = filters[view]
    filters[view] = (text?.isEmpty ?? true) ? nil : text
    refreshVisible(view, narrowing: previous)
  }

  /// Recomputes a view's visible items. When the filter only grew at its end (`narrowing` is the
  /// filter before, a prefix of the new one), a match of the new filter is also a match of the
  /// old one, so only the old matches are matched again: typing stays fast on large graphs.
  private mutating func refreshVisible(_ view: ViewID, narrowing previous: String? = nil) {
    let filter = filters[view] ?? ""
    let candidates: [ViewItem]
    if let previous, !previous.isEmpty, filter.hasPrefix(previous), let visible = visibleCache[view]
    {
      candidates = visible.map(\.item)
    } else {
      candidates = catalog[view] ?? []
    }
    visibleCache[view] = candidates.compactMap { item in
      FuzzyMatch.match(filter, in: item.label).map { (item, $0) }
    }
  }

  static func items(
    for view: ViewID, _ project: Project, _ index: ProjectIndex, _ sort: RunsView.Sort,
    _ runs: RunsViewState, analysis: ProjectAnalysis? = nil,
    checklist: ChecklistViewState = ChecklistViewState()
  ) -> [ViewItem] {
    switch view {
    case .overview: OverviewView.items(project, analysis)
    case .lineage: LineageView.items(project, index)
    case .runs: RunsView.items(project, index, sort: sort, state: runs)
    case .drift: []  // the analysis's columns, set by refreshDriftItems()
    case .checklist: ChecklistView.items(project, analysis, checklist)
    case .sources: SourcesView.items(project)
    }
  }

  /// Sorts the Runs table, keeping the selected run selected.
  public mutating func setRunSort(_ sort: RunsView.Sort) {
    let selected = selectedItem(in: .runs)?.id
    runSort = sort
    refreshRunItems(keeping: selected)
  }

  /// Recomputes the Runs table's rows (after its sort, filter or columns changed), keeping the
  /// selected run selected when it is still shown.
  public mutating func refreshRunItems(keeping selected: String? = nil) {
    let keep = selected ?? selectedItem(in: .runs)?.id
    catalog[.runs] = RunsView.items(project, index, sort: runSort, state: runsView)
    refreshVisible(.runs)
    if let keep, !select(id: keep, in: .runs) { selections[.runs] = 0 }
  }

  /// Recomputes a view's items (after its level or data changed) and selects `id` if given and
  /// present, else keeps the selected item.
  public mutating func reloadItems(in view: ViewID, selecting id: String? = nil) {
    let selected = id ?? selectedItem(in: view)?.id
    catalog[view] = Self.items(
      for: view, project, index, runSort, runsView, analysis: analysis,
      checklist: checklistState)
    refreshVisible(view)
    if let selected, !select(id: selected, in: view) { selections[view] = 0 }
  }

  /// Whether the terminal is below the minimum size.
  public var isTooSmall: Bool {
    size.width < minimumSize.width || size.height < minimumSize.height
  }

  /// A view's items, unfiltered.
  public func items(in view: ViewID) -> [ViewItem] { catalog[view] ?? [] }

  /// The focused view's filter.
  public var currentFilter: String { filters[view] ?? "" }

  /// A view's visible items: those matching its filter, in list order, with match positions.
  public func visible(in view: ViewID) -> [(item: ViewItem, match: FuzzyMatch)] {
    visibleCache[view] ?? []
  }

  /// A view's selected row among its visible items, or `nil` when none is visible.
  public func selectedIndex(in view: ViewID) -> Int? {
    let count = visible(in: view).count
    guard count > 0 else { return nil }
    return max(0, min(selections[view] ?? 0, count - 1))
  }

  /// A view's selected item.
  public func selectedItem(in view: ViewID) -> ViewItem? {
    guard let index = selectedIndex(in: view) else { return nil }
    return visible(in: view)[index].item
  }

  /// The focused view's selected item.
  public var selectedItem: ViewItem? { selectedItem(in: view) }

  /// The id of whatever has focus: the focused node in the Lineage view, else the selected item.
  public var focusedID: String? {
    if view == .lineage { return selectedNode?.description }
    return selectedItem?.copyText
  }

  /// Rows in a page of the focused list (an estimate from the terminal size).
  public var pageRows: Int { max(1, size.height - 6) }

  /// Shows a message in the status bar and logs it.
  public mutating func report(_ text: String, error: Bool = false) {
    let entry = StatusMessage(text: ScreenText.sanitize(text), isError: error)
    message = entry
    messageLog.append(entry)
    if messageLog.count > 200 { messageLog.removeFirst(messageLog.count - 200) }
  }

  /// Selects the item with `id` in a view, clearing the view's filter if that hides it. Returns
  /// whether it was found.
  @discardableResult
  public mutating func select(id: String, in view: ViewID) -> Bool {
    if let row = visible(in: view).firstIndex(where: { $0.item.id == id }) {
      selections[view] = row
      return true
    }
    guard items(in: view).contains(where: { $0.id == id }) else { return false }
    setFilter(nil, in: view)
    selections[view] = visible(in: view).firstIndex { $0.item.id == id } ?? 0
    return true
  }
}

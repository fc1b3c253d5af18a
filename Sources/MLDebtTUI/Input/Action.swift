/// Everything the user can do by key. The raw value is the action's name in key-binding files
/// and in the command palette (`:next-view`).
public enum Action: String, Sendable, Hashable, CaseIterable {
  /// Quit (asks nothing: mldebt never has unsaved state).
  case quit
  /// Quit from any mode.
  case forceQuit = "force-quit"
  /// The next view.
  case nextView = "next-view"
  /// The previous view.
  case previousView = "previous-view"
  /// The Overview view.
  case viewOverview = "view-overview"
  /// The Lineage view.
  case viewLineage = "view-lineage"
  /// The Runs view.
  case viewRuns = "view-runs"
  /// The Drift view.
  case viewDrift = "view-drift"
  /// The Checklist view.
  case viewChecklist = "view-checklist"
  /// The Sources view.
  case viewSources = "view-sources"
  /// Selection down one row.
  case moveDown = "down"
  /// Selection up one row.
  case moveUp = "up"
  /// Left: the previous pane, or scroll a table left.
  case moveLeft = "left"
  /// Right: the next pane, or scroll a table right.
  case moveRight = "right"
  /// The first row.
  case top
  /// The last row.
  case bottom
  /// Down half a page.
  case halfPageDown = "half-page-down"
  /// Up half a page.
  case halfPageUp = "half-page-up"
  /// Down a page.
  case pageDown = "page-down"
  /// Up a page.
  case pageUp = "page-up"
  /// Open the selected item.
  case drillIn = "open-selected"
  /// Back along the navigation history.
  case back
  /// Filter the focused list.
  case filter
  /// The next match of the filter.
  case nextMatch = "next-match"
  /// The previous match of the filter.
  case previousMatch = "previous-match"
  /// The command palette.
  case palette
  /// Help for every key.
  case help
  /// The next theme.
  case cycleTheme = "cycle-theme"
  /// Mouse capture on or off.
  case toggleMouse = "toggle-mouse"
  /// Copy the selected item's id to the clipboard (OSC 52).
  case copy
  /// Sort the table by the next column.
  case sortNext = "sort-next"
  /// Reverse the table's sort order.
  case sortReverse = "sort-reverse"
  /// Every message shown so far.
  case messages
  /// Redraw the whole screen.
  case redraw
  /// Write the current view, as text, to a file.
  case exportView = "export-view"
  /// Runs: filter by an expression (MLflow's search syntax and more).
  case runFilter = "run-filter"
  /// Runs: mark or unmark the selected run.
  case toggleMark = "toggle-mark"
  /// Runs: diff the marked runs.
  case diffMarked = "diff-marked"
  /// Runs: chart a metric's history across the marked runs.
  case chartMarked = "chart-marked"
  /// Runs: choose the metric, param and tag columns.
  case pickColumns = "pick-columns"
  /// Lineage: the selected upstream node becomes the focus.
  case walkUpstream = "walk-upstream"
  /// Lineage: the selected downstream node becomes the focus.
  case walkDownstream = "walk-downstream"
  /// Lineage: the chosen node becomes the focus, alone in the centre column.
  case focusNode = "focus-node"
  /// Lineage: impact mode on/off (everything downstream, as a tree).
  case impact
  /// Lineage: the cycles through the focus on/off.
  case cycles
  /// Lineage: ask for a second node and show the path to it.
  case pathTo = "path-to"
  /// Drift: the next (later) window.
  case driftNextWindow = "next-window"
  /// Drift: the previous (earlier) window.
  case driftPreviousWindow = "previous-window"
  /// Drift: score the selected column with the next method that applies to it.
  case driftCycleMethod = "cycle-method"
  /// Drift: order the columns by score, or by name.
  case driftSort = "sort-columns"
  /// Drift: the next monitoring source.
  case driftNextSource = "next-source"
  /// Drift: the previous monitoring source.
  case driftPreviousSource = "previous-source"
  /// Drift: every statistic, bias and quality of the selected column, in an overlay.
  case driftDetails = "drift-details"
  /// Drift: show the selected column's feature (or dataset) in the Lineage view.
  case driftShowInLineage = "show-in-lineage"
  /// Checklist: open the selected area or item (one level deeper).
  case checklistIn = "checklist-in"
  /// Checklist: back up one level (evidence → items → areas).
  case checklistOut = "checklist-out"
  /// Checklist: answer the selected practice item (status and note) in the attestations file.
  case attest
  /// Load the project again in the background (after Esc cancelled a load or an analysis).
  case reload

  /// The view an action shows, for the six view actions.
  public var view: ViewID? {
    switch self {
    case .viewOverview: .overview
    case .viewLineage: .lineage
    case .viewRuns: .runs
    case .viewDrift: .drift
    case .viewChecklist: .checklist
    case .viewSources: .sources
    default: nil
    }
  }
}

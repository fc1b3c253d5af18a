import MLDebt

extension AppState {
  /// Applies one input event; returns what the run loop must do. Pure: no terminal, no files.
  public mutating func handle(_ event: InputEvent) -> [AppEffect] {
    switch event {
    case .resize(let newSize):
      size = Size(width: max(0, newSize.width), height: max(0, newSize.height))
      return []
    case .scroll(let lines):
      scroll(by: lines)
      return []
    case .click(let target):
      if let target { click(target) }
      return []
    case .key(let key):
      return handle(key: key)
    }
  }

  private mutating func handle(key: Key) -> [AppEffect] {
    if key == Keymap.reservedQuitKey { return perform(.forceQuit) }
    if let current = message, !current.isError { message = nil }
    if isTooSmall {
      if let action = keymap.action(for: key), action == .quit || action == .forceQuit {
        return perform(action)
      }
      return []
    }
    switch mode {
    case .normal:
      if view == .lineage, lineage.prompt != nil { return pathPromptKey(key) }
      return normal(key: key)
    case .filter(var input):
      return filterKey(key, input: &input)
    case .palette(var palette):
      return paletteKey(key, palette: &palette)
    case .attest(var form):
      return attestKey(key, form: &form)
    case .help where keymap.action(for: key) == .forceQuit,
      .detail where keymap.action(for: key) == .forceQuit:
      return perform(.forceQuit)
    case .help(let scroll):
      mode = overlay(key: key, scroll: scroll).map { .help(scroll: $0) } ?? .normal
      return []
    case .detail(let title, let lines, let scroll):
      mode =
        overlay(key: key, scroll: scroll).map { .detail(title: title, lines: lines, scroll: $0) }
        ?? .normal
      return []
    }
  }

  private mutating func normal(key: Key) -> [AppEffect] {
    if let effects = runsKey(key) { return effects }
    guard let action = keymap.action(for: key, in: view) else {
      if case .character = key { report("`\(key)` is not bound; press ? for keys") }
      return []
    }
    if let reason = keymap.binding(for: action)?.disabledReason(self) {
      report("\(action.rawValue): \(reason)")
      return []
    }
    return perform(action)
  }

  private mutating func filterKey(_ key: Key, input: inout TextInput) -> [AppEffect] {
    switch key {
    case .enter:
      mode = .normal
      if !currentFilter.isEmpty, visible(in: view).isEmpty {
        report("no match for `\(currentFilter)`; Esc clears the filter")
      }
    case .escape:
      setFilter(nil, in: view)
      mode = .normal
    case .up, .control("p"): move(by: -1)
    case .down, .control("n"): move(by: 1)
    default:
      guard input.handle(key) == .edited else { return [] }
      setFilter(input.text, in: view)
      selections[view] = 0
      mode = .filter(input)
    }
    return []
  }

  private mutating func paletteKey(_ key: Key, palette: inout PaletteState) -> [AppEffect] {
    let options = completions(for: palette.input.text)
    switch key {
    case .escape:
      mode = .normal
    case .enter:
      mode = .normal
      return execute(command: palette.input.text)
    case .tab:
      if !options.isEmpty {
        var line = options[max(0, min(palette.selected, options.count - 1))]
        if Self.argumentCommands.contains(where: { $0.name == line }) { line += " " }
        palette.input = TextInput(line)
        palette.selected = 0
      }
      mode = .palette(palette)
    case .down, .control("n"):
      palette.selected = options.isEmpty ? 0 : (palette.selected + 1) % options.count
      mode = .palette(palette)
    case .up, .control("p"), .backTab:
      palette.selected =
        options.isEmpty ? 0 : (palette.selected + options.count - 1) % options.count
      mode = .palette(palette)
    default:
      if palette.input.handle(key) == .edited { palette.selected = 0 }
      mode = .palette(palette)
    }
    return []
  }

  /// An overlay's new scroll position after a key, or `nil` when the key closes it.
  private func overlay(key: Key, scroll: Int) -> Int? {
    switch keymap.action(for: key) {
    case .back, .help, .quit, .drillIn, .forceQuit: nil
    case .moveDown: scroll + 1
    case .moveUp: max(0, scroll - 1)
    case .halfPageDown, .pageDown: scroll + pageRows / 2
    case .halfPageUp, .pageUp: max(0, scroll - pageRows / 2)
    case .top: 0
    default: scroll
    }
  }

  /// Runs an action (from a key, a command or a click).
  public mutating func perform(_ action: Action) -> [AppEffect] {
    // Esc cancels a load under way once there is no error or filter to clear, and an analysis
    // under way once there is nothing else to go back from.
    if action == .back, message?.isError != true, currentFilter.isEmpty,
      load.isLoading
        || (history.isEmpty && !(view == .lineage && !lineage.trail.isEmpty)
          && !(view == .checklist && checklistState.level != .areas)),
      let effects = cancelComputation()
    {
      return effects
    }
    if view == .lineage, let effects = performLineage(action) { return effects }
    switch action {
    case .quit, .forceQuit:
      quitting = true
      return [.quit]
    case .nextView: go(to: view.next)
    case .previousView: go(to: view.previous)
    case .viewOverview, .viewLineage, .viewRuns, .viewDrift, .viewChecklist, .viewSources:
      if let target = action.view { go(to: target) }
    case .moveDown: move(by: 1)
    case .moveUp: move(by: -1)
    case .moveLeft: sideways(-1)
    case .moveRight: sideways(1)
    case .top: move(to: 0)
    case .bottom: move(to: Int.max / 2)
    case .halfPageDown: move(by: pageRows / 2)
    case .halfPageUp: move(by: -pageRows / 2)
    case .pageDown: move(by: pageRows)
    case .pageUp: move(by: -pageRows)
    case .drillIn: drillIn()
    case .back: back()
    case .filter: mode = .filter(TextInput(currentFilter))
    case .nextMatch: cycleMatch(1)
    case .previousMatch: cycleMatch(-1)
    case .palette: mode = .palette(PaletteState())
    case .help: mode = .help(scroll: 0)
    case .cycleTheme:
      guard !themeNames.isEmpty else { return [] }
      let next = themeNames[((themeNames.firstIndex(of: themeName) ?? -1) + 1) % themeNames.count]
      themeName = next
      report("theme \(next)")
      return [.applyTheme(next)]
    case .toggleMouse:
      mouseEnabled.toggle()
      report(
        mouseEnabled ? "mouse capture on" : "mouse capture off: the terminal selects text again")
      return [.setMouse(mouseEnabled)]
    case .copy:
      guard let id = focusedID else { return [] }
      report("copied \(id)")
      return [.copy(id)]
    case .sortNext:
      let count = RunsView.columns(self).count
      setRunSort(RunsView.Sort(column: (runSort.column + 1) % count, ascending: true))
    case .sortReverse:
      setRunSort(RunsView.Sort(column: runSort.column, ascending: !runSort.ascending))
    case .messages:
      let lines =
        messageLog.isEmpty
        ? [[Span("No messages yet.", Style(.muted))]]
        : messageLog.map { [Span($0.text, Style($0.isError ? .bad : .text))] }
      mode = .detail(title: "Messages", lines: lines, scroll: 0)
    case .redraw:
      return [.redraw]
    case .exportView:
      return exportView()
    case .runFilter, .toggleMark, .diffMarked, .chartMarked, .pickColumns:
      return performRuns(action)
    case .walkUpstream, .walkDownstream, .focusNode, .impact, .cycles, .pathTo:
      // Handled by performLineage in the Lineage view; elsewhere the key map disables them.
      report("\(action.rawValue): only in the Lineage view (press 2)")
    case .driftNextWindow, .driftPreviousWindow, .driftCycleMethod, .driftSort, .driftNextSource,
      .driftPreviousSource, .driftDetails, .driftShowInLineage:
      performDrift(action)
    case .checklistIn: checklistIn()
    case .checklistOut: checklistOut()
    case .attest: beginAttestation()
    case .reload: return reload()
    }
    return []
  }

  /// Shows a view, recording the current place in the history.
  public mutating func go(to target: ViewID) {
    guard target != view else { return }
    pushHistory()
    view = target
  }

  /// Records the current place in the history.
  mutating func pushHistory() {
    let here = Location(view: view, itemID: focusedIDForHistory)
    if history.last != here { history.append(here) }
    if history.count > 100 { history.removeFirst(history.count - 100) }
  }

  private var focusedIDForHistory: String? {
    view == .lineage ? selectedNode?.description : selectedItem?.id
  }

  /// Back: dismisses an error, else clears the filter, else returns to the previous place in the
  /// history. (The Lineage view first steps back along its own trail: `AppState+Lineage`.)
  mutating func back() {
    if let current = message, current.isError {
      message = nil
      return
    }
    if !currentFilter.isEmpty {
      setFilter(nil, in: view)
      return
    }
    if view == .checklist, checklistState.level != .areas {
      checklistOut()
      return
    }
    guard let place = history.popLast() else {
      report("nothing to go back to")
      return
    }
    view = place.view
    if place.view == .lineage, let id = place.itemID {
      restoreLineage(focus: id)
    } else if let id = place.itemID {
      select(id: id, in: place.view)
    }
  }

  /// Moves the selection of the focused list by `delta` rows (clamped).
  public mutating func move(by delta: Int) {
    if view == .lineage {
      moveLineage(to: lineageRow + delta)
      return
    }
    let current = selectedIndex(in: view) ?? 0
    move(to: current + delta)
  }

  /// Selects row `row` of the focused list (clamped).
  public mutating func move(to row: Int) {
    if view == .lineage {
      moveLineage(to: row)
      return
    }
    let count = visible(in: view).count
    selections[view] = max(0, min(count - 1, row))
  }

  private mutating func cycleMatch(_ delta: Int) {
    let count = visible(in: view).count
    guard count > 0 else { return }
    let current = selectedIndex(in: view) ?? 0
    selections[view] = ((current + delta) % count + count) % count
  }

  private mutating func sideways(_ delta: Int) {
    switch view {
    case .runs:
      let count = RunsView.columns(self).count
      runFirstColumn = max(1, min(count - 1, runFirstColumn + delta))
    default:
      break
    }
  }

  private mutating func scroll(by lines: Int) {
    switch mode {
    case .help(let scroll): mode = .help(scroll: max(0, scroll + lines))
    case .detail(let title, let body, let scroll):
      mode = .detail(title: title, lines: body, scroll: max(0, scroll + lines))
    default: move(by: lines)
    }
  }

  private mutating func click(_ target: HitTarget) {
    switch target {
    case .tab(let target):
      mode = .normal
      go(to: target)
    case .row(let row):
      guard case .normal = mode else { return }
      if view == .lineage {
        selectLineageRow(row)
      } else {
        move(to: row)
      }
    case .lineageNode(let node):
      guard case .normal = mode, view == .lineage, lineage.prompt == nil else { return }
      refocus(node)
    }
  }

  /// Enter: open what is selected. A diagnostic on the Overview opens it in Sources; anything
  /// else shows its details. (The Lineage view refocuses instead: `AppState+Lineage`.)
  mutating func drillIn() {
    guard let item = selectedItem else { return }
    switch (view, item.ref) {
    case (.overview, .diagnostic):
      pushHistory()
      view = .sources
      select(id: item.id, in: .sources)
    case (.overview, .area), (.overview, .finding), (.overview, .driftAlert), (.overview, .run):
      overviewOpen(item.ref)
    case (.checklist, _):
      checklistEnter(item)
    default:
      mode = .detail(title: item.id, lines: Shell.detail(self, item), scroll: 0)
    }
  }
}

import MLDebt

extension AppState {
  /// The runs of the marked ids that still exist, in marking order.
  var markedRuns: [Run] {
    let byID = Dictionary(project.runs.map { ($0.id, $0) }) { first, _ in first }
    return runsView.marked.compactMap { byID[$0] }
  }

  /// The Runs view's selected run.
  var selectedRun: Run? {
    guard case .run(let offset) = selectedItem(in: .runs)?.ref else { return nil }
    return project.runs[offset]
  }

  /// Metric keys the marked runs share with at least one other marked run, or all of theirs.
  var chartableMetrics: [String] { RunIndex.metricKeys(markedRuns) }

  /// Handles a key while the Runs view shows a prompt or an overlay; `nil` when the key is not
  /// the view's (normal key handling goes on).
  mutating func runsKey(_ key: Key) -> [AppEffect]? {
    guard view == .runs else { return nil }
    if let prompt = runsView.prompt {
      switch prompt {
      case .filter(var input): runsFilterKey(key, &input)
      case .columns(let selected): columnPickerKey(key, selected)
      }
      return []
    }
    guard let overlay = runsView.overlay else { return nil }
    let action = keymap.action(for: key)
    if action == .forceQuit { return perform(.forceQuit) }
    switch overlay {
    case .diff(let diff, let hidingEqual, let scroll):
      switch (key, action) {
      case (.character("="), _):
        runsView.overlay = .diff(diff, hidingEqual: !hidingEqual, scroll: 0)
      case (_, .moveDown):
        runsView.overlay = .diff(diff, hidingEqual: hidingEqual, scroll: scroll + 1)
      case (_, .moveUp):
        runsView.overlay = .diff(diff, hidingEqual: hidingEqual, scroll: max(0, scroll - 1))
      case (_, .pageDown), (_, .halfPageDown):
        runsView.overlay = .diff(diff, hidingEqual: hidingEqual, scroll: scroll + pageRows / 2)
      case (_, .pageUp), (_, .halfPageUp):
        runsView.overlay = .diff(
          diff, hidingEqual: hidingEqual, scroll: max(0, scroll - pageRows / 2))
      case (_, .back), (_, .quit), (_, .diffMarked): runsView.overlay = nil
      default: break
      }
    case .chart(let metric):
      let count = max(1, chartableMetrics.count)
      switch action {
      case .moveRight, .moveDown, .nextMatch:
        runsView.overlay = .chart(metric: (metric + 1) % count)
      case .moveLeft, .moveUp, .previousMatch:
        runsView.overlay = .chart(metric: (metric + count - 1) % count)
      case .back, .quit, .chartMarked: runsView.overlay = nil
      default: break
      }
    }
    return []
  }

  private mutating func runsFilterKey(_ key: Key, _ input: inout TextInput) {
    switch key {
    case .enter:
      applyRunFilter(input.text)
      if runsView.filterError == nil { runsView.prompt = nil }
    case .escape:
      runsView.prompt = nil
    default:
      if input.handle(key) == .edited { runsView.filterError = nil }
      runsView.prompt = .filter(input)
    }
  }

  /// Compiles and applies a filter expression; on an error keeps the old filter and shows where.
  mutating func applyRunFilter(_ text: String) {
    do {
      let filter = try RunFilter.parse(text)
      runsView.filter = filter
      runsView.filterText = text
      runsView.filterError = nil
      refreshRunItems()
      report(
        text.isEmpty
          ? "run filter cleared" : "\(visible(in: .runs).count) runs match `\(text)`")
    } catch {
      runsView.filterError = error
      report("filter: \(error)", error: true)
    }
  }

  private mutating func columnPickerKey(_ key: Key, _ selected: Int) {
    let options = RunsViewState.pickable(project)
    guard !options.isEmpty else {
      runsView.prompt = nil
      return
    }
    switch (key, keymap.action(for: key)) {
    case (.character(" "), _), (.enter, _):
      var chosen = runsView.extraColumns(index)
      let column = options[selected]
      if let at = chosen.firstIndex(of: column) {
        chosen.remove(at: at)
      } else {
        chosen.append(column)
      }
      runsView.columns = chosen
      if key == .enter { runsView.prompt = nil }
    case (_, .moveDown): runsView.prompt = .columns(selected: min(options.count - 1, selected + 1))
    case (_, .moveUp): runsView.prompt = .columns(selected: max(0, selected - 1))
    case (_, .back), (_, .quit), (_, .pickColumns): runsView.prompt = nil
    default: break
    }
    let count = RunsView.columns(self).count
    if runSort.column >= count { setRunSort(RunsView.Sort(column: 2, ascending: false)) }
  }

  /// Runs a Runs-view action.
  mutating func performRuns(_ action: Action) -> [AppEffect] {
    switch action {
    case .runFilter:
      runsView.prompt = .filter(TextInput(runsView.filterText))
    case .toggleMark:
      guard let run = selectedRun else { return [] }
      if let at = runsView.marked.firstIndex(of: run.id) {
        runsView.marked.remove(at: at)
      } else {
        runsView.marked.append(run.id)
      }
      move(by: 1)
    case .diffMarked:
      let runs = markedRuns.count >= 2 ? markedRuns : []
      guard !runs.isEmpty else {
        report("mark two runs with Space first", error: true)
        return []
      }
      runsView.overlay = .diff(RunDiff(runs), hidingEqual: true, scroll: 0)
    case .chartMarked:
      let runs = markedRuns.isEmpty ? (selectedRun.map { [$0] } ?? []) : markedRuns
      guard !runs.isEmpty else {
        report("mark runs with Space first", error: true)
        return []
      }
      if markedRuns.isEmpty, let run = selectedRun { runsView.marked = [run.id] }
      guard !chartableMetrics.isEmpty else {
        report("the marked runs logged no metric", error: true)
        return []
      }
      runsView.overlay = .chart(metric: 0)
    case .pickColumns:
      runsView.prompt = .columns(selected: 0)
    default:
      break
    }
    return []
  }
}

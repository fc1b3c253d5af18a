import MLDebt

extension AppState {
  /// The monitoring source the Drift view shows, once the analysis is known.
  public var driftSource: MonitoringDrift? {
    guard let drift = analysis?.drift, !drift.isEmpty else { return nil }
    return drift[max(0, min(driftView.source, drift.count - 1))]
  }

  /// The index of the shown source among the analysis's sources.
  var driftSourceIndex: Int {
    max(0, min(driftView.source, (analysis?.drift.count ?? 1) - 1))
  }

  /// The window the Drift view shows, in the shown source's report.
  public var driftWindow: Int? {
    driftSource?.report.flatMap { driftView.windowIndex(count: $0.windows.count) }
  }

  /// Every column of the shown source, scored in the shown window (in the report's order).
  func driftColumns() -> [DriftColumn] {
    guard let report = driftSource?.report, let window = driftWindow else { return [] }
    return report.columns.map { driftColumn($0, report: report, window: window) }
  }

  /// One column of the shown source, scored in the shown window.
  func driftColumn(named name: String) -> DriftColumn? {
    guard let report = driftSource?.report, let window = driftWindow,
      report.columns.contains(name)
    else { return nil }
    return driftColumn(name, report: report, window: window)
  }

  private func driftColumn(_ name: String, report: DriftReport, window: Int) -> DriftColumn {
    DriftColumn(
      name: name, report: report, window: window,
      override: driftView.methods[.init(source: driftSourceIndex, column: name)],
      thresholds: analysis?.project.thresholds ?? project.thresholds)
  }

  /// The selected column of the Drift view.
  var selectedDriftColumn: DriftColumn? {
    guard case .driftColumn(let name)? = selectedItem(in: .drift)?.ref else { return nil }
    return driftColumn(named: name)
  }

  /// Rebuilds the Drift view's list: the shown source's columns in the chosen order.
  mutating func refreshDriftItems() {
    let items = DriftColumn.ordered(driftColumns(), by: driftView.sort).map { column in
      ViewItem(id: column.name, label: column.name, ref: .driftColumn(column.name))
    }
    setItems(items, in: .drift)
  }

  /// Runs a Drift view action.
  mutating func performDrift(_ action: Action) {
    switch action {
    case .driftNextWindow: stepDriftWindow(by: 1)
    case .driftPreviousWindow: stepDriftWindow(by: -1)
    case .driftCycleMethod: cycleDriftMethod()
    case .driftSort:
      driftView.sort = driftView.sort.next
      refreshDriftItems()
      report("columns sorted by \(driftView.sort.rawValue)")
    case .driftNextSource: stepDriftSource(by: 1)
    case .driftPreviousSource: stepDriftSource(by: -1)
    case .driftDetails:
      guard let column = selectedDriftColumn else { return }
      mode = .detail(
        title: ScreenText.sanitize(column.name), lines: DriftView.detailLines(self), scroll: 0)
    case .driftShowInLineage: showDriftColumnInLineage()
    default: break
    }
  }

  /// Moves to a later (`delta > 0`) or earlier window, stopping at the ends; the latest window
  /// is kept as "follow the latest".
  mutating func stepDriftWindow(by delta: Int) {
    guard let windows = driftSource?.report?.windows, let current = driftWindow else { return }
    let count = windows.count
    let target = current + delta
    guard target >= 0 else {
      report("already at the first window (\(ScreenText.sanitize(windows[0].label)))")
      return
    }
    guard target < count else {
      report("already at the latest window (\(ScreenText.sanitize(windows[count - 1].label)))")
      return
    }
    driftView.window = target == count - 1 ? nil : target
    refreshDriftItems()
  }

  /// Scores the selected column with the next method whose statistic exists for it in the
  /// shown window (wrapping); back at the report's method, the choice is forgotten.
  mutating func cycleDriftMethod() {
    guard let column = selectedDriftColumn else { return }
    let methods = column.availableMethods
    let name = ScreenText.sanitize(column.name)
    guard !methods.isEmpty else {
      report("\(name): no method applies (\(column.result?.note ?? "no statistic"))")
      return
    }
    if let current = column.method, methods == [current] {
      report("\(name): only \(current.rawValue) applies to this column")
      return
    }
    let position = column.method.flatMap { methods.firstIndex(of: $0) } ?? -1
    let next = methods[(position + 1) % methods.count]
    let reported = column.reportedMethod
    let key = DriftViewState.ColumnKey(source: driftSourceIndex, column: column.name)
    driftView.methods[key] = next == reported ? nil : next
    refreshDriftItems()
    report(
      "\(name): method \(next.rawValue)"
        + (next == reported ? " (the report's)" : " (report: \(reported?.rawValue ?? "none"))"))
  }

  /// Shows another monitoring source, at its latest window.
  mutating func stepDriftSource(by delta: Int) {
    guard let drift = analysis?.drift, drift.count > 1 else { return }
    let current = driftSourceIndex
    driftView.source = ((current + delta) % drift.count + drift.count) % drift.count
    driftView.window = nil
    selections[.drift] = 0
    setFilter(nil, in: .drift)
    refreshDriftItems()
    selections[.drift] = 0
    report("monitoring source \(ScreenText.sanitize(drift[driftView.source].source.name))")
  }

  /// The lineage node of a monitored column: the feature of that name; else the column of a
  /// dataset whose schema declares it, or that dataset; else any column node of that name.
  func lineageNode(forColumn name: String) -> NodeID? {
    let graph = lineage.graph
    let feature = NodeID(.feature, name)
    if graph.index(of: feature) != nil { return feature }
    if let dataset = project.datasets.first(where: { $0.schema.contains { $0.name == name } }) {
      let column = NodeID(.column, "\(dataset.id.name).\(name)")
      return graph.index(of: column) != nil ? column : dataset.id
    }
    return index.nodes.first {
      $0.kind == .column && $0.name.hasSuffix(".\(name)") && graph.index(of: $0) != nil
    }
  }

  /// Enter in the Drift view: the selected column's node in the Lineage view.
  mutating func showDriftColumnInLineage() {
    guard let column = selectedDriftColumn else { return }
    let name = ScreenText.sanitize(column.name)
    guard let node = lineageNode(forColumn: column.name) else {
      report("no lineage node for column `\(name)`: declare it as a feature in mldebt.yaml")
      return
    }
    openLineage(node)
    if node.kind == .dataset {
      report("`\(name)` is not a feature: showing \(ScreenText.sanitize(node.description))")
    }
  }
}

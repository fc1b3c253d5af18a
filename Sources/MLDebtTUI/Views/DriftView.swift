import MLDebt

/// The Drift view: the monitored columns of a monitoring source, sorted by drift in the selected
/// window, each with a sparkline of its score across windows and a verdict; and for the selected
/// column its score over time against the threshold, the reference and current distributions,
/// every statistic, and the model's bias and quality. docs/drift.md describes it.
public enum DriftView {
  /// Draws the view into `rect`.
  public static func render(_ state: AppState, into buffer: inout CellBuffer, _ rect: Rect) {
    guard let analysis = state.analysis else {
      centered(
        state.load.analysisCancelled
          ? [state.analysisPlaceholder]
          : [
            "analysing drift" + (state.glyphs.chartMode == .ascii ? "..." : "…"),
            "reading the monitoring files in the background",
          ], into: &buffer,
        rect)
      return
    }
    guard let monitoring = state.driftSource else {
      centered(
        [
          "No monitoring declared.",
          "Add `monitoring:` to mldebt.yaml to compare production data with a reference.",
        ], into: &buffer, rect)
      return
    }
    header(state, monitoring, sources: analysis.drift.count, into: &buffer, rect.top(1))
    let body = rect.dropTop(1)
    guard let report = monitoring.report else {
      failure(state, monitoring, into: &buffer, body)
      return
    }
    let split = SplitPane(
      .horizontal, ratio: rect.width >= 120 ? 0.34 : 0.44, minimumFirst: 28, minimumSecond: 32)
    let (left, right) = split.layout(body)
    columnList(state, report, into: &buffer, left)
    columnDetail(state, report, into: &buffer, right)
  }

  // MARK: Disabled reasons of the Drift keys

  /// Why the Drift keys cannot run: another view, no analysis yet, or no report.
  static func unavailable(_ state: AppState) -> String? {
    if state.view != .drift { return "only in the Drift view" }
    guard state.analysis != nil else { return "drift is still being analysed" }
    guard let source = state.driftSource else { return "no monitoring source is declared" }
    return source.report == nil ? "this source has no drift report" : nil
  }

  /// Why the keys acting on the selected column cannot run.
  static func noColumn(_ state: AppState) -> String? {
    unavailable(state) ?? (state.selectedDriftColumn == nil ? "no column is selected" : nil)
  }

  /// Why the source keys cannot run.
  static func singleSource(_ state: AppState) -> String? {
    if state.view != .drift { return "only in the Drift view" }
    guard let drift = state.analysis?.drift else { return "drift is still being analysed" }
    return drift.count > 1 ? nil : "the project has one monitoring source or none"
  }

  // MARK: Parts

  /// Lines centred in `rect`: the first in the accent colour, the rest muted.
  static func centered(_ lines: [String], into buffer: inout CellBuffer, _ rect: Rect) {
    let top = rect.y + max(0, (rect.height - lines.count) / 2)
    for (offset, line) in lines.enumerated() where top + offset < rect.maxY {
      for wrapped in ScreenText.wrap(line, width: max(1, rect.width - 2)).prefix(1) {
        let x = rect.x + max(0, (rect.width - ScreenText.width(of: wrapped)) / 2)
        buffer.put(
          wrapped, x: x, y: top + offset, style: Style(offset == 0 ? .accent : .muted),
          maxWidth: rect.width)
      }
    }
  }

  /// The source line: name, window, how many columns drifted, model, and the source count.
  static func header(
    _ state: AppState, _ monitoring: MonitoringDrift, sources: Int, into buffer: inout CellBuffer,
    _ row: Rect
  ) {
    var spans = [Span(monitoring.source.name, Style(.accent, [.bold]))]
    if sources > 1 {
      spans.append(Span(" (\(state.driftSourceIndex + 1)/\(sources), [ ])", Style(.accent)))
    }
    if let report = monitoring.report, let index = state.driftWindow {
      let window = report.windows[index]
      let latest = index == report.windows.count - 1
      spans += [
        Span("  window ", Style(.muted)),
        Span(window.label, Style(.text, [.bold])),
        Span(" (\(index + 1)/\(report.windows.count)\(latest ? " latest" : ""))", Style(.muted)),
        Span(
          "  \(window.drifted)/\(window.compared) drifted \(percent(window.share))",
          Style(window.drifted > 0 ? .warn : .ok)),
      ]
      let comparison = window.datasetDrift ? " ≥ " : " < "
      spans.append(
        Span(
          (state.glyphs.chartMode == .ascii && window.datasetDrift ? " >= " : comparison)
            + percent(report.driftShareThreshold), Style(.muted)))
      spans.append(
        window.datasetDrift
          ? Span(": dataset drift", Style(.bad, [.bold])) : Span(": no dataset drift", Style(.ok)))
    }
    if let model = monitoring.source.model {
      spans.append(Span("  \(model.description)", Style(.muted)))
    }
    buffer.put(spans: spans, x: row.x + 1, y: row.y, maxWidth: row.width - 1)
  }

  /// A source whose report failed: the error, then what the source declares.
  static func failure(
    _ state: AppState, _ monitoring: MonitoringDrift, into buffer: inout CellBuffer, _ rect: Rect
  ) {
    let inner = Box(title: "No drift report", focused: true).render(
      into: &buffer, rect, glyphs: state.glyphs)
    guard !inner.isEmpty else { return }
    var lines: [[Span]] = []
    var error = monitoring.error ?? "the report could not be computed"
    let root = state.project.root.hasSuffix("/") ? state.project.root : state.project.root + "/"
    while let range = error.range(of: root) { error.replaceSubrange(range, with: "") }
    error = ScreenText.sanitize(error)
    for line in ScreenText.wrap(error, width: max(1, inner.width - 2)) {
      lines.append([Span(line, Style(.bad, [.bold]))])
    }
    lines.append([
      Span("Fix the files below, or check them with `mldebt drift --format json`.", Style(.muted))
    ])
    lines.append([])
    lines += detail(monitoring.source)
    for (row, line) in lines.prefix(inner.height).enumerated() {
      buffer.put(spans: line, x: inner.x + 1, y: inner.y + row, maxWidth: inner.width - 1)
    }
  }

  /// The left pane: the columns, only the rows on screen laid out.
  static func columnList(
    _ state: AppState, _ report: DriftReport, into buffer: inout CellBuffer, _ rect: Rect
  ) {
    let glyphs = state.glyphs
    let visible = state.visible(in: .drift)
    let total = state.items(in: .drift).count
    let count = state.currentFilter.isEmpty ? "\(total)" : "\(visible.count) of \(total)"
    let inner = Box(title: "Columns (\(count)) by \(state.driftView.sort.rawValue)", focused: true)
      .render(into: &buffer, rect, glyphs: glyphs)
    guard !inner.isEmpty else { return }
    let selected = state.selectedIndex(in: .drift)
    let first = ListWidget.offset(selected: selected, count: visible.count, height: inner.height)
    let shown = visible.dropFirst(first).prefix(inner.height)
    let layout = RowLayout(
      width: inner.width - 1, windows: report.windows.count,
      longestName: visible.map { ScreenText.width(of: $0.item.label) }.max() ?? 0)
    let rows = shown.map { entry -> ListWidget.Row in
      guard case .driftColumn(let name) = entry.item.ref,
        let column = state.driftColumn(named: name)
      else { return ListWidget.Row([]) }
      return ListWidget.Row(row(column, entry.item.label, entry.match, layout, glyphs))
    }
    ListWidget(
      rows: rows, selected: selected.map { $0 - first }, focused: true,
      emptyText: total == 0 ? "No column was compared." : "No column matches the filter.",
      hitTarget: { .row($0 + first) }
    ).render(into: &buffer, inner, glyphs: glyphs)
    if visible.count > inner.height {
      let text = "\(first + 1)-\(first + shown.count)/\(visible.count)"
      let width = ScreenText.width(of: text)
      if inner.width > width + 4 {
        buffer.put(text, x: inner.maxX - width, y: inner.maxY - 1, style: Style(.muted))
      }
    }
  }

  /// Widths of a column row's parts.
  struct RowLayout {
    /// Columns for the name.
    var name: Int
    /// Cells of the sparkline.
    var spark: Int
    /// Whether the score is shown.
    var showsScore: Bool

    init(width: Int, windows: Int, longestName: Int) {
      showsScore = width >= 40
      let fixed = 8 + (showsScore ? 8 : 0)
      let room = max(0, width - fixed)
      let wanted = max(8, min(longestName, 24))
      spark = min(windows, max(room / 3, room - wanted - 1))
      if spark < 3 { spark = 0 }
      name = max(1, room - (spark > 0 ? spark + 1 : 0))
    }
  }

  /// One row of the list: name (filter matches highlighted), sparkline, score, verdict.
  static func row(
    _ column: DriftColumn, _ label: String, _ match: FuzzyMatch, _ layout: RowLayout,
    _ glyphs: Glyphs
  ) -> [Span] {
    let shown = ScreenText.truncate(label, to: layout.name, ellipsis: glyphs.ellipsis)
    let positions = match.positions.filter { $0 < shown.count - (shown == label ? 0 : 1) }
    var spans = FuzzyMatch.highlight(shown, positions: positions, style: .plain)
    let gap = layout.name - ScreenText.width(of: shown)
    spans.append(Span(String(repeating: " ", count: max(0, gap) + 1)))
    if layout.spark > 0 {
      let values = column.scores.prefix(column.window + 1).map { $0 ?? .nan }
      let text = Sparkline(values).text(width: layout.spark, glyphs: glyphs)
      spans.append(Span(ScreenText.pad(text, to: layout.spark), Style(column.verdict.role)))
      spans.append(Span(" "))
    }
    if layout.showsScore {
      spans.append(
        Span(
          ScreenText.pad(column.score.map(Format.number) ?? "-", to: 7, alignRight: true) + " ",
          Style(.text)))
    }
    spans.append(Span(ScreenText.pad(column.verdict.text, to: 7), Style(column.verdict.role)))
    return spans
  }

  /// `share` (0…1) as a percentage with one decimal.
  static func percent(_ share: Double) -> String {
    guard share.isFinite else { return "-" }
    let tenths = Int((share * 1000).rounded())
    return "\(tenths / 10).\(abs(tenths % 10))%"
  }

  /// A monitoring source's declared fields.
  static func detail(_ source: MonitoringSource) -> [[Span]] {
    func field(_ name: String, _ value: String?, missing: String = "-") -> [Span] {
      [
        Span(ScreenText.pad(name, to: 12), Style(.muted)),
        Span(value ?? missing, Style(value == nil ? .muted : .text)),
      ]
    }
    var lines = [
      field("name", source.name),
      field("model", source.model?.description, missing: "not declared"),
      field("reference", source.reference, missing: "none: drift has nothing to compare to"),
      field("current", source.current),
      field("windows", source.windows.isEmpty ? nil : "\(source.windows.count) files"),
      field("histograms", source.histograms),
      field("timestamp", source.timestampColumn),
      field("window", source.window),
      field("prediction", source.predictionColumn),
      field("label", source.labelColumn),
      field(
        "columns", source.columns.isEmpty ? nil : source.columns.joined(separator: ", "),
        missing: "all"),
    ]
    if let provenance = source.provenance.first {
      lines.append(field("declared in", provenance.path))
    }
    return lines
  }
}

import MLDebt

/// The Runs view: a table of runs (filterable with the run filter grammar, sortable by any
/// column, nested runs under their parent), the selected run's summary, and the overlays: the
/// filter prompt, the column picker, the diff and the metric chart of the marked runs.
public enum RunsView {
  /// How the table is sorted.
  public struct Sort: Sendable, Hashable {
    /// The column's index in ``RunsView/columns(_:)``.
    public var column: Int
    /// Ascending or descending.
    public var ascending: Bool

    /// Creates a sort.
    public init(column: Int, ascending: Bool) {
      self.column = column
      self.ascending = ascending
    }
  }

  /// A table column: title, width, alignment, and the run column it sorts by.
  struct Column {
    var title: String
    var width: Int
    var numeric: Bool
    var key: RunColumn?
    var text: (Run) -> String
  }

  /// The columns: name, status, start, duration, reproducibility, then the chosen metrics,
  /// params and tags.
  static func columns(_ state: AppState) -> [Column] {
    columns(extra: state.runsView.extraColumns(state.index), audits: state.runsView.audits)
  }

  static func columns(extra: [RunColumn], audits: [String: RunAudit]) -> [Column] {
    var columns = [
      Column(
        title: "Name", width: 24, numeric: false, key: .attribute(.runName),
        text: { $0.name ?? String($0.id.prefix(8)) }),
      Column(
        title: "Status", width: 9, numeric: false, key: .attribute(.status),
        text: { $0.status.rawValue.lowercased() + ($0.deleted ? "*" : "") }),
      Column(
        title: "Start", width: 16, numeric: false, key: .attribute(.startTime),
        text: { $0.startTime.map(Format.timestamp) ?? "-" }),
      Column(
        title: "Duration", width: 9, numeric: true, key: .attribute(.duration),
        text: { $0.durationMilliseconds.map { Format.duration(milliseconds: $0) } ?? "-" }),
      Column(
        title: "Repro", width: 8, numeric: false, key: nil,
        text: { run in
          guard let audit = audits[run.id] else { return "" }
          return audit.badge + (audit.producesProductionModel ? " prod" : "")
        }),
    ]
    for key in extra {
      columns.append(
        Column(
          title: key.header, width: max(8, min(14, key.header.count)), numeric: key.isNumeric,
          key: key,
          text: { run in
            switch key.value(in: run) {
            case .number(let value)?: Format.number(value)
            case .text(let text)?: text
            case nil: ""
            }
          }))
    }
    return columns
  }

  /// The focused list: live runs passing the filter, sorted, children under their parent.
  static func items(_ project: Project, _ index: ProjectIndex, sort: Sort, state: RunsViewState)
    -> [ViewItem]
  {
    let columns = columns(extra: state.extraColumns(index), audits: state.audits)
    let column = columns[max(0, min(sort.column, columns.count - 1))]
    let runIndex = RunIndex(project)
    var keys: [RunSort] = []
    if let key = column.key { keys.append(RunSort(key, descending: !sort.ascending)) }
    let selected = runIndex.select(RunQuery(filter: state.filter, sort: keys))
    let ordered =
      column.key == nil
      ? selected.sorted { lhs, rhs in
        let left = state.audits[lhs.id]?.gaps.count ?? 0
        let right = state.audits[rhs.id]?.gaps.count ?? 0
        return left != right ? (sort.ascending ? left < right : left > right) : lhs.id < rhs.id
      } : selected
    let offsets = Dictionary(project.runs.enumerated().map { ($1.id, $0) }) { first, _ in first }
    return runIndex.grouped(ordered).compactMap { entry in
      guard let offset = offsets[entry.run.id] else { return nil }
      let run = entry.run
      return ViewItem(
        id: run.id, label: "\(run.name ?? run.id) \(run.status.rawValue.lowercased())",
        ref: .run(offset))
    }
  }

  /// The nesting depth of each run id in the list (children under their parent).
  static func depths(_ runs: [Run]) -> [String: Int] {
    let present = Set(runs.map(\.id))
    var depth: [String: Int] = [:]
    for run in runs {
      if let parent = run.parentRunID, present.contains(parent) {
        depth[run.id] = (depth[parent] ?? 0) + 1
      } else {
        depth[run.id] = 0
      }
    }
    return depth
  }

  /// Draws the view into `rect`: the table above, the selected run below, and any prompt or
  /// overlay on top.
  public static func render(_ state: AppState, into buffer: inout CellBuffer, _ rect: Rect) {
    let project = state.project
    let glyphs = state.glyphs
    let runsState = state.runsView
    let columns = columns(state)
    let visible = state.visible(in: .runs)
    var area = rect
    if case .filter(let input) = runsState.prompt {
      let height = runsState.filterError == nil ? 1 : 3
      renderPrompt(input, error: runsState.filterError, into: &buffer, area.bottom(height))
      area = area.dropBottom(height)
    } else if let error = runsState.filterError {
      buffer.put(
        "filter: \(error)", x: area.x, y: area.maxY - 1, style: Style(.bad),
        maxWidth: area.width)
      area = area.dropBottom(1)
    }
    let detailHeight = area.height >= 30 ? 12 : 7
    let tableRect = area.dropBottom(detailHeight)
    let live = project.runs.count { !$0.deleted }
    var title = "Runs (\(visible.count)\(visible.count == live ? "" : " of \(live)"))"
    if !runsState.filterText.isEmpty { title += " where \(runsState.filterText)" }
    if !runsState.marked.isEmpty { title += " · \(runsState.marked.count) marked" }
    let inner = Box(title: title, focused: true).render(into: &buffer, tableRect, glyphs: glyphs)
    let runs = visible.map { entry -> Run in
      guard case .run(let offset) = entry.item.ref else { return project.runs[0] }
      return project.runs[offset]
    }
    let depth = depths(runs)
    let marked = Set(runsState.marked)
    TableWidget(
      columns: columns.map {
        TableWidget.Column($0.title, width: $0.width, alignRight: $0.numeric)
      },
      rows: runs.map { run in
        columns.enumerated().map { column, spec in
          guard column == 0 else { return spec.text(run) }
          // The mark gutter appears only while some run is marked.
          let mark = marked.isEmpty ? "" : marked.contains(run.id) ? "● " : "  "
          return mark + String(repeating: "  ", count: depth[run.id] ?? 0) + spec.text(run)
        }
      },
      selected: state.selectedIndex(in: .runs),
      sort: (state.runSort.column, state.runSort.ascending), firstColumn: state.runFirstColumn,
      cellStyle: { row, column in
        switch column {
        case 0: marked.contains(runs[row].id) ? Style(.accent, [.bold]) : .plain
        case 1: Style(role(for: runs[row].status))
        case 4:
          state.runsView.audits[runs[row].id].map {
            Style($0.isReproducible ? .ok : $0.gaps.isEmpty ? .warn : .bad)
          } ?? .plain
        default: .plain
        }
      },
      hitTarget: { .row($0) }
    ).render(into: &buffer, inner, glyphs: glyphs)

    renderSummary(state, into: &buffer, area.bottom(detailHeight))
    switch runsState.prompt {
    case .columns(let selected):
      renderPicker(state, selected: selected, into: &buffer, area)
    default:
      break
    }
    switch runsState.overlay {
    case .diff(let diff, let hidingEqual, let scroll):
      Modal(
        title: "Diff of \(diff.runIDs.count) runs",
        lines: diffLines(diff, hidingEqual: hidingEqual),
        scroll: scroll,
        footer: "= \(hidingEqual ? "show" : "hide") equal rows · j/k scroll · Esc closes",
        maxWidth: 150
      ).render(into: &buffer, area, glyphs: glyphs)
    case .chart(let metric):
      renderChart(state, metric: metric, into: &buffer, area)
    case nil:
      break
    }
  }

  private static func renderPrompt(
    _ input: TextInput, error: RunFilterError?, into buffer: inout CellBuffer, _ rect: Rect
  ) {
    guard let error else {
      input.render(into: &buffer, rect, prompt: "filter runs: ")
      return
    }
    buffer.put(
      "filter: " + error.description, x: rect.x, y: rect.y, style: Style(.bad),
      maxWidth: rect.width)
    // The caret sits under the failing column of the text, after the prompt's width.
    let prompt = "filter runs: "
    let offset = ScreenText.width(of: String(input.text.prefix(max(0, error.column - 1))))
    buffer.put(
      "^", x: rect.x + ScreenText.width(of: prompt) + offset, y: rect.y + 2, style: Style(.bad))
    input.render(into: &buffer, rect.dropTop(1).top(1), prompt: prompt)
  }

  /// The selected run's summary: id, status, commit, audit; metrics with sparklines.
  private static func renderSummary(
    _ state: AppState, into buffer: inout CellBuffer, _ rect: Rect
  ) {
    let glyphs = state.glyphs
    guard let run = state.selectedRun else {
      let box = Box(title: "Run").render(into: &buffer, rect, glyphs: glyphs)
      let message =
        state.project.runs.isEmpty
        ? "No tracked runs: no MLflow store was found."
        : "No run matches the filter (f edits it, Esc in the prompt keeps it)."
      buffer.put(message, x: box.x + 1, y: box.y, style: Style(.muted), maxWidth: box.width - 1)
      return
    }
    let box = Box(title: "Run \(run.name ?? run.id)").render(into: &buffer, rect, glyphs: glyphs)
    let (left, right) = SplitPane(.horizontal, ratio: 0.5).layout(box)
    var lines: [[Span]] = [
      [Span("id      ", Style(.muted)), Span(run.id)],
      [
        Span("status  ", Style(.muted)),
        Span(run.status.rawValue.lowercased(), Style(role(for: run.status))),
      ],
      [
        Span("commit  ", Style(.muted)),
        Span(
          run.gitCommit.map { String($0.prefix(12)) } ?? "not recorded",
          Style(run.gitCommit == nil ? .warn : .text)),
      ],
    ]
    if let audit = state.runsView.audits[run.id] {
      let gaps = audit.gaps.map(\.check.label).joined(separator: ", ")
      lines.append([
        Span("audit   ", Style(.muted)),
        Span(
          audit.isReproducible ? "reproducible" : gaps.isEmpty ? "unknown" : "missing: " + gaps,
          Style(audit.isReproducible ? .ok : .warn)),
      ])
    }
    for (key, value) in run.params.sorted(by: { $0.key < $1.key }) {
      lines.append([Span(ScreenText.pad(key, to: 8) + " ", Style(.muted)), Span(value)])
    }
    for (row, line) in lines.prefix(left.height).enumerated() {
      buffer.put(spans: line, x: left.x + 1, y: left.y + row, maxWidth: left.width - 1)
    }
    for (row, (key, value)) in run.metrics.sorted(by: { $0.key < $1.key }).prefix(right.height)
      .enumerated()
    {
      let used = buffer.put(
        spans: [
          Span(ScreenText.pad(key, to: 14, ellipsis: glyphs.ellipsis), Style(.muted)),
          Span(ScreenText.pad(Format.number(value), to: 8, alignRight: true) + " "),
        ],
        x: right.x, y: right.y + row, maxWidth: right.width)
      let history = RunMetrics.series(key, of: run).map(\.value)
      if history.count > 1 {
        Sparkline(history, style: Style(.series1)).render(
          into: &buffer,
          Rect(x: right.x + used, y: right.y + row, width: right.width - used, height: 1),
          glyphs: glyphs)
      }
    }
  }

  private static func renderPicker(
    _ state: AppState, selected: Int, into buffer: inout CellBuffer, _ area: Rect
  ) {
    let options = RunsViewState.pickable(state.project)
    let chosen = Set(state.runsView.extraColumns(state.index))
    let lines = options.map { column -> [Span] in
      [
        Span(chosen.contains(column) ? "[x] " : "[ ] ", Style(.accent)),
        Span(column.description),
      ]
    }
    let modal = Modal(
      title: "Columns", lines: lines.isEmpty ? [[Span("No metrics, params or tags.")]] : lines,
      scroll: max(0, selected - (area.height - 6) / 2),
      footer: "Space toggles · Enter toggles and closes · Esc closes")
    let frame = modal.render(into: &buffer, area, glyphs: state.glyphs)
    // Highlight the selected row.
    let first = max(0, min(modal.scroll, lines.count - (frame.height - 3)))
    let row = frame.y + 1 + selected - first
    if row > frame.y, row < frame.maxY - 2 {
      buffer.put(
        "›", x: frame.x + 1, y: row, style: Style(.accent, [.bold]))
    }
  }

  /// The diff overlay's lines: one per row, runs side by side, metric deltas to the first run.
  static func diffLines(_ diff: RunDiff, hidingEqual: Bool) -> [[Span]] {
    let rows = diff.rows(hidingEqual: hidingEqual)
    // Each run's column fits its longest value and delta, within 12…32 columns.
    let longest =
      rows.flatMap { row in
        row.values.enumerated().map { column, value in
          ScreenText.width(of: value ?? "—") + (row.deltas?[column] == nil ? 0 : 12)
        }
      }.max() ?? 0
    let width = max(
      12, min(32, max(longest, diff.runNames.map { ScreenText.width(of: $0) }.max() ?? 0)))
    var lines: [[Span]] = [
      [Span(ScreenText.pad("", to: 24), Style(.muted))]
        + diff.runNames.map { Span(ScreenText.pad($0, to: width) + " ", Style(.title, [.bold])) }
    ]
    if rows.isEmpty { lines.append([Span("The runs agree on everything.", Style(.muted))]) }
    var section: RunDiff.Section?
    for row in rows {
      if row.section != section {
        section = row.section
        lines.append([Span(row.section.rawValue, Style(.title, [.bold]))])
      }
      var spans = [Span("  " + ScreenText.pad(row.key, to: 22), Style(.muted))]
      for (column, value) in row.values.enumerated() {
        var text = value ?? "—"
        if let delta = row.deltas?[column] ?? nil, column > 0 {
          text += " (" + (delta >= 0 ? "+" : "") + Format.number(delta) + ")"
        }
        spans.append(
          Span(
            ScreenText.pad(text, to: width) + " ",
            Style(row.isEqual ? .text : value == row.values.first ?? nil ? .text : .warn)))
      }
      lines.append(spans)
    }
    return lines
  }

  private static func renderChart(
    _ state: AppState, metric: Int, into buffer: inout CellBuffer, _ area: Rect
  ) {
    let metrics = state.chartableMetrics
    let runs = state.markedRuns
    guard !metrics.isEmpty else { return }
    let key = metrics[max(0, min(metric, metrics.count - 1))]
    let roles: [ThemeRole] = [.series1, .series2, .series3, .series4]
    let frameRect = area.inset(dx: 2, dy: 1)
    buffer.fill(frameRect)
    buffer.hitRegions.removeAll { !$0.rect.intersection(frameRect).isEmpty }
    let inner = Box(
      title: "\(key) (\(metric + 1)/\(metrics.count)) · ←/→ metric · Esc closes", focused: true
    ).render(into: &buffer, frameRect, glyphs: state.glyphs)
    let legendHeight = min(runs.count, max(1, inner.height / 3))
    var series: [LineChart.Series] = []
    var longest: Int64 = 0
    for (offset, run) in runs.enumerated() {
      let points = RunMetrics.series(key, of: run)
      longest = max(longest, points.last?.step ?? 0)
      series.append(
        LineChart.Series(points.map(\.value), style: Style(roles[offset % roles.count])))
    }
    LineChart(series: series, xStart: "step 0", xEnd: "step \(longest)").render(
      into: &buffer, inner.dropBottom(legendHeight), glyphs: state.glyphs)
    for (offset, run) in runs.prefix(legendHeight).enumerated() {
      let latest = run.metrics[key].map(Format.number) ?? "—"
      buffer.put(
        spans: [
          Span("── ", Style(roles[offset % roles.count], [.bold])),
          Span("\(run.name ?? String(run.id.prefix(8)))  \(latest)"),
        ], x: inner.x + 1, y: inner.maxY - legendHeight + offset, maxWidth: inner.width - 1)
    }
  }

  /// The role a run status is drawn in.
  static func role(for status: Run.Status) -> ThemeRole {
    switch status {
    case .finished: .ok
    case .running, .scheduled: .info
    case .failed: .bad
    case .killed: .warn
    }
  }

  /// A run's full details: attributes, commit, audit, params, metrics with sparklines, tags,
  /// data inputs, logged models and their artifacts.
  static func detail(_ state: AppState, _ offset: Int) -> [[Span]] {
    let run = state.project.runs[offset]
    let glyphs = state.glyphs
    func row(_ key: String, _ value: String, _ role: ThemeRole = .text) -> [Span] {
      [Span(ScreenText.pad(key, to: 12), Style(.muted)), Span(value, Style(role))]
    }
    var lines: [[Span]] = [
      row("id", run.id),
      row("experiment", run.experimentID),
      row("status", run.status.rawValue.lowercased(), role(for: run.status)),
      row("start", run.startTime.map(Format.timestamp) ?? "-"),
      row("duration", run.durationMilliseconds.map { Format.duration(milliseconds: $0) } ?? "-"),
      row("parent", run.parentRunID ?? "-"),
      row("commit", run.gitCommit ?? "not recorded", run.gitCommit == nil ? .warn : .text),
      row("artifacts", run.artifactURI ?? "-"),
      row("source", run.provenance.description),
    ]
    if let audit = state.runsView.audits[run.id] {
      lines += [
        [],
        [
          Span("Audit ", Style(.title, [.bold])),
          Span(
            audit.isReproducible ? "reproducible" : "not reproducible",
            Style(audit.isReproducible ? .ok : .warn)),
          Span(audit.producesProductionModel ? " · production model" : "", Style(.accent)),
        ],
      ]
      for result in audit.results {
        let (mark, role): (String, ThemeRole) =
          switch result.verdict {
          case .passed: ("✓", .ok)
          case .failed: ("✗", .bad)
          case .unknown: ("?", .warn)
          case .notApplicable: ("-", .muted)
          }
        lines.append([
          Span("  " + mark + " ", Style(role)),
          Span(ScreenText.pad(result.check.label, to: 20), Style(.muted)),
          Span(result.detail),
        ])
      }
    }
    lines += [[], [Span("Parameters", Style(.title, [.bold]))]]
    lines += run.params.sorted { $0.key < $1.key }.map {
      [Span("  " + ScreenText.pad($0.key, to: 20), Style(.muted)), Span($0.value)]
    }
    lines += [[], [Span("Metrics", Style(.title, [.bold]))]]
    lines += run.metrics.sorted { $0.key < $1.key }.map { key, value in
      let history = RunMetrics.series(key, of: run).map(\.value)
      return [
        Span("  " + ScreenText.pad(key, to: 20), Style(.muted)),
        Span(ScreenText.pad(Format.number(value), to: 10, alignRight: true) + "  "),
        Span(
          history.count > 1 ? Sparkline(history).text(width: 24, glyphs: glyphs) : "",
          Style(.series1)),
      ]
    }
    lines += [[], [Span("Data inputs", Style(.title, [.bold]))]]
    lines +=
      run.inputs.isEmpty
      ? [[Span("  none recorded", Style(.muted))]]
      : run.inputs.map {
        [
          Span("  " + ScreenText.pad($0.name, to: 20), Style(.muted)),
          Span("\($0.digest ?? "no digest")  \($0.context ?? "")  \($0.source ?? "")"),
        ]
      }
    lines += [[], [Span("Logged models", Style(.title, [.bold]))]]
    if run.loggedModels.isEmpty { lines.append([Span("  none", Style(.muted))]) }
    for model in run.loggedModels {
      lines.append([Span("  \(model.name) ", Style(.text, [.bold])), Span(model.id, Style(.muted))])
      lines.append([
        Span("    ", Style(.muted)),
        Span(
          model.artifacts.map { $0.isEmpty ? "no files" : $0.joined(separator: ", ") }
            ?? "artifacts not reachable: \(model.artifactLocation ?? "-")"),
      ])
    }
    lines += [[], [Span("Tags", Style(.title, [.bold]))]]
    lines += run.tags.sorted { $0.key < $1.key }.map {
      [Span("  " + ScreenText.pad($0.key, to: 28), Style(.muted)), Span($0.value)]
    }
    return lines
  }
}

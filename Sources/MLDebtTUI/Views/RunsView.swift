import MLDebt

/// The Runs view: a sortable table of tracked runs, and the selected run's details.
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

  /// A table column: title, width, alignment, and how to read a run's value.
  struct Column {
    var title: String
    var width: Int
    var numeric: Bool
    var text: (Run) -> String
    var sortKey: (Run) -> SortKey
  }

  /// A comparable value: numbers before text, missing values last.
  enum SortKey: Comparable {
    case number(Double)
    case text(String)
    case missing
  }

  /// The columns: name, status, start, duration, then the most common params and metrics.
  static func columns(_ index: ProjectIndex) -> [Column] {
    var columns = [
      Column(
        title: "Name", width: 22, numeric: false, text: { $0.name ?? String($0.id.prefix(8)) },
        sortKey: { .text($0.name ?? $0.id) }),
      Column(
        title: "Status", width: 9, numeric: false,
        text: { $0.status.rawValue.lowercased() + ($0.deleted ? "*" : "") },
        sortKey: { .text($0.status.rawValue) }),
      Column(
        title: "Start", width: 16, numeric: false,
        text: { $0.startTime.map(Format.timestamp) ?? "-" },
        sortKey: { $0.startTime.map { .number(Double($0)) } ?? .missing }),
      Column(
        title: "Duration", width: 8, numeric: true,
        text: { duration($0).map { Format.duration(milliseconds: $0) } ?? "-" },
        sortKey: { duration($0).map { .number(Double($0)) } ?? .missing }),
    ]
    for key in index.paramKeys {
      columns.append(
        Column(
          title: key, width: max(8, min(14, key.count)), numeric: false,
          text: { $0.params[key] ?? "" },
          sortKey: { run in
            run.params[key].map { Double($0).map(SortKey.number) ?? .text($0) } ?? .missing
          }))
    }
    for key in index.metricKeys {
      columns.append(
        Column(
          title: key, width: max(8, min(12, key.count)), numeric: true,
          text: { $0.metrics[key].map(Format.number) ?? "" },
          sortKey: { $0.metrics[key].map(SortKey.number) ?? .missing }))
    }
    return columns
  }

  static func duration(_ run: Run) -> Int64? {
    guard let start = run.startTime, let end = run.endTime else { return nil }
    return end - start
  }

  /// The focused list: runs in table order.
  static func items(_ project: Project, _ index: ProjectIndex, sort: Sort) -> [ViewItem] {
    let columns = columns(index)
    let column = columns[max(0, min(sort.column, columns.count - 1))]
    let order = project.runs.indices.sorted { a, b in
      let ka = column.sortKey(project.runs[a])
      let kb = column.sortKey(project.runs[b])
      if ka == kb { return a < b }
      if ka == .missing { return false }
      if kb == .missing { return true }
      return sort.ascending ? ka < kb : kb < ka
    }
    return order.map { offset in
      let run = project.runs[offset]
      return ViewItem(
        id: run.id, label: "\(run.name ?? run.id) \(run.status.rawValue.lowercased())",
        ref: .run(offset))
    }
  }

  /// Draws the view into `rect`: the table above, the selected run below.
  public static func render(_ state: AppState, into buffer: inout CellBuffer, _ rect: Rect) {
    let project = state.project
    let glyphs = state.glyphs
    let columns = columns(state.index)
    let visible = state.visible(in: .runs)
    let detailHeight = rect.height >= 30 ? 12 : 7
    let tableRect = rect.dropBottom(detailHeight)
    let title =
      "Runs (\(visible.count)\(state.currentFilter.isEmpty ? "" : " of \(project.runs.count)"))"
    let inner = Box(title: title, focused: true).render(into: &buffer, tableRect, glyphs: glyphs)
    let runs = visible.map { entry -> Run in
      guard case .run(let offset) = entry.item.ref else { return project.runs[0] }
      return project.runs[offset]
    }
    TableWidget(
      columns: columns.map {
        TableWidget.Column($0.title, width: $0.width, alignRight: $0.numeric)
      },
      rows: runs.map { run in columns.map { $0.text(run) } },
      selected: state.selectedIndex(in: .runs),
      sort: (state.runSort.column, state.runSort.ascending), firstColumn: state.runFirstColumn,
      cellStyle: { row, column in column == 1 ? Style(role(for: runs[row].status)) : .plain },
      hitTarget: { .row($0) }
    ).render(into: &buffer, inner, glyphs: glyphs)

    let detailRect = rect.bottom(detailHeight)
    guard let item = state.selectedItem(in: .runs), case .run(let offset) = item.ref else {
      let box = Box(title: "Run").render(into: &buffer, detailRect, glyphs: glyphs)
      buffer.put(
        project.runs.isEmpty
          ? "No tracked runs: no MLflow store was found." : "No run matches the filter.",
        x: box.x + 1, y: box.y, style: Style(.muted), maxWidth: box.width - 1)
      return
    }
    let run = project.runs[offset]
    let box = Box(title: "Run \(run.name ?? run.id)").render(
      into: &buffer, detailRect, glyphs: glyphs)
    let (left, right) = SplitPane(.horizontal, ratio: 0.5).layout(box)
    var lines: [[Span]] = [
      [Span("id      ", Style(.muted)), Span(run.id)],
      [
        Span("status  ", Style(.muted)),
        Span(run.status.rawValue.lowercased(), Style(role(for: run.status))),
      ],
      [Span("user    ", Style(.muted)), Span(run.user ?? "-")],
      [
        Span("commit  ", Style(.muted)),
        Span(
          run.gitCommit.map { String($0.prefix(12)) } ?? "not recorded",
          Style(run.gitCommit == nil ? .warn : .text)),
      ],
    ]
    for (key, value) in run.params.sorted(by: { $0.key < $1.key }) {
      lines.append([Span(ScreenText.pad(key, to: 8) + " ", Style(.muted)), Span(value)])
    }
    for (row, line) in lines.prefix(left.height).enumerated() {
      buffer.put(spans: line, x: left.x + 1, y: left.y + row, maxWidth: left.width - 1)
    }
    // Metrics, with a sparkline of each one's history.
    for (row, (key, value)) in run.metrics.sorted(by: { $0.key < $1.key }).prefix(right.height)
      .enumerated()
    {
      let used = buffer.put(
        spans: [
          Span(ScreenText.pad(key, to: 14, ellipsis: glyphs.ellipsis), Style(.muted)),
          Span(ScreenText.pad(Format.number(value), to: 8, alignRight: true) + " "),
        ],
        x: right.x, y: right.y + row, maxWidth: right.width)
      let history = (run.metricHistory[key] ?? []).sorted { $0.step < $1.step }.map(\.value)
      if history.count > 1 {
        Sparkline(history, style: Style(.series1)).render(
          into: &buffer,
          Rect(x: right.x + used, y: right.y + row, width: right.width - used, height: 1),
          glyphs: glyphs)
      }
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

  /// A run's full details, with a line chart of its first metric's history.
  static func detail(_ state: AppState, _ offset: Int) -> [[Span]] {
    let run = state.project.runs[offset]
    var lines: [[Span]] = [
      [Span("id          ", Style(.muted)), Span(run.id)],
      [Span("experiment  ", Style(.muted)), Span(run.experimentID)],
      [
        Span("status      ", Style(.muted)),
        Span(run.status.rawValue.lowercased(), Style(role(for: run.status))),
      ],
      [Span("start       ", Style(.muted)), Span(run.startTime.map(Format.timestamp) ?? "-")],
      [
        Span("duration    ", Style(.muted)),
        Span(duration(run).map { Format.duration(milliseconds: $0) } ?? "-"),
      ],
      [Span("artifacts   ", Style(.muted)), Span(run.artifactURI ?? "-")],
      [Span("source      ", Style(.muted)), Span(run.provenance.description)],
      [], [Span("Parameters", Style(.title, [.bold]))],
    ]
    lines += run.params.sorted { $0.key < $1.key }.map {
      [Span("  " + ScreenText.pad($0.key, to: 20), Style(.muted)), Span($0.value)]
    }
    lines += [[], [Span("Metrics", Style(.title, [.bold]))]]
    lines += run.metrics.sorted { $0.key < $1.key }.map {
      [Span("  " + ScreenText.pad($0.key, to: 20), Style(.muted)), Span(Format.number($0.value))]
    }
    lines += [[], [Span("Tags", Style(.title, [.bold]))]]
    lines += run.tags.sorted { $0.key < $1.key }.map {
      [Span("  " + ScreenText.pad($0.key, to: 28), Style(.muted)), Span($0.value)]
    }
    return lines
  }
}

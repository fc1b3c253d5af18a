import Foundation
import MLDebt

/// The Overview, the first screen: the overall score and the ML Test Score, a bar and a trend
/// per area, the top findings, drift alerts, the last runs, and how loading went. Every row
/// leads somewhere with Enter.
public enum OverviewView {
  /// How many recent runs the Overview lists.
  static let recentRuns = 5

  /// The focused list, in screen order: the areas, the findings (most severe first), the drift
  /// alerts, the last runs, then the diagnostics (most serious first).
  static func items(_ project: Project, _ analysis: ProjectAnalysis?) -> [ViewItem] {
    var items = DebtArea.allCases.enumerated().map { offset, area in
      ViewItem(
        id: "area:\(area.rawValue)", label: area.title, ref: .area(offset),
        copyText: area.rawValue)
    }
    if let analysis {
      items += analysis.checklist.findings.enumerated().map { offset, finding in
        ViewItem(
          id: "finding:\(finding.fingerprint)",
          label: "\(finding.severity.rawValue) \(finding.title)",
          ref: .finding(offset), copyText: finding.title)
      }
      items += driftAlerts(analysis).map { source, feature in
        ViewItem(
          id: "drift:\(analysis.drift[source].source.name):\(feature.column)",
          label: "\(feature.column) \(analysis.drift[source].source.name)",
          ref: .driftAlert(source: source, feature: feature.column), copyText: feature.column)
      }
    }
    items += recent(project).map { offset in
      let run = project.runs[offset]
      return ViewItem(
        id: "run:\(run.id)", label: "\(run.name ?? run.id) \(run.status.rawValue.lowercased())",
        ref: .run(offset), copyText: run.id)
    }
    items += project.diagnostics.enumerated()
      .sorted {
        $0.element.severity != $1.element.severity
          ? $0.element.severity > $1.element.severity : $0.offset < $1.offset
      }
      .map { offset, diagnostic in
        ViewItem(
          id: SourcesView.diagnosticID(offset),
          label: "\(diagnostic.severity.rawValue) \(diagnostic.location) \(diagnostic.message)",
          ref: .diagnostic(offset), copyText: diagnostic.description)
      }
    return items
  }

  /// The drifted features of each source's latest window, as (index in `analysis.drift`,
  /// feature), highest score first within a source.
  static func driftAlerts(_ analysis: ProjectAnalysis) -> [(Int, FeatureDrift)] {
    analysis.drift.enumerated().flatMap { offset, drift -> [(Int, FeatureDrift)] in
      guard let window = drift.report?.windows.last else { return [] }
      return window.features.filter(\.drifted)
        .sorted { ($0.score ?? 0, $1.column) > ($1.score ?? 0, $0.column) }
        .map { (offset, $0) }
    }
  }

  /// The indices of the most recent runs, newest first.
  static func recent(_ project: Project) -> [Int] {
    Array(
      project.runs.indices
        .sorted {
          (project.runs[$0].startTime ?? 0, project.runs[$1].id)
            > (project.runs[$1].startTime ?? 0, project.runs[$0].id)
        }
        .prefix(recentRuns))
  }

  /// Draws the view into `rect`.
  public static func render(_ state: AppState, into buffer: inout CellBuffer, _ rect: Rect) {
    let leftWidth = rect.width >= 120 ? min(66, rect.width / 2) : min(44, rect.width / 2 + 4)
    let left = Rect(x: rect.x, y: rect.y, width: leftWidth, height: rect.height)
    let right = Rect(
      x: rect.x + leftWidth, y: rect.y, width: rect.width - leftWidth, height: rect.height)
    let visible = state.visible(in: .overview)
    let selected = state.selectedIndex(in: .overview)
    func section(_ keep: (ItemRef) -> Bool) -> [(row: Int, item: ViewItem, positions: [Int])] {
      visible.enumerated().filter { keep($0.element.item.ref) }.map {
        ($0.offset, $0.element.item, $0.element.match.positions)
      }
    }
    let areas = section { if case .area = $0 { true } else { false } }
    let findings = section { if case .finding = $0 { true } else { false } }
    let drift = section { if case .driftAlert = $0 { true } else { false } }
    let runs = section { if case .run = $0 { true } else { false } }
    let diagnostics = section { if case .diagnostic = $0 { true } else { false } }

    let scoreHeight = min(left.height, DebtArea.allCases.count + 4)
    renderScores(state, areas, selected, into: &buffer, left.top(scoreHeight))
    let testHeight = left.height >= 34 ? MLTestScore.Section.allCases.count + 5 : 0
    renderProject(state, into: &buffer, left.dropTop(scoreHeight).dropBottom(testHeight))
    renderTestScore(state, into: &buffer, left.bottom(testHeight))

    // The right column: drift alerts, runs and diagnostics take what they need (up to a cap);
    // the findings get the rest.
    let height = right.height
    let cap = height < 30 ? 3 : 8
    let alertCount = state.analysis.map { driftAlerts($0).count } ?? 1
    let driftHeight = 2 + max(1, min(cap, alertCount))
    let runsHeight = 2 + max(1, min(cap, recentRuns, state.project.runs.count))
    let diagnosticsHeight = 2 + max(1, min(cap, state.project.diagnostics.count))
    let findingsHeight = max(4, height - driftHeight - runsHeight - diagnosticsHeight)
    var y = right.y
    func take(_ rows: Int) -> Rect {
      let rect = Rect(
        x: right.x, y: y, width: right.width, height: max(0, min(rows, right.maxY - y)))
      y += rect.height
      return rect
    }
    let analysing = state.analysis == nil
    let findingCount = state.analysis?.checklist.findings.count ?? 0
    renderSection(
      state, title: analysing ? "Top findings" : "Top findings (\(findingCount))", findings,
      selected, into: &buffer, take(findingsHeight),
      empty: analysing
        ? state.analysisPlaceholder
        : findingCount == 0 ? "No findings: no detector found debt." : "No finding matches.",
      row: { item, positions in
        guard case .finding(let offset) = item.ref,
          let finding = state.analysis?.checklist.findings[offset]
        else { return [] }
        let word = finding.severity.rawValue
        return FuzzyMatch.highlight(
          String(item.label.prefix(word.count)), positions: positions.filter { $0 < word.count },
          style: Style(ChecklistView.severityRole(finding.severity), [.bold]))
          + FuzzyMatch.highlight(
            String(item.label.dropFirst(word.count)),
            positions: positions.filter { $0 >= word.count }.map { $0 - word.count },
            style: .plain)
      })
    renderSection(
      state, title: analysing ? "Drift alerts" : "Drift alerts (\(alertCount))", drift, selected,
      into: &buffer, take(driftHeight),
      empty: analysing
        ? state.analysisPlaceholder
        : state.project.monitoring.isEmpty
          ? "No monitoring source declared."
          : alertCount == 0 ? "No feature drifted in the latest window." : "No alert matches.",
      row: { item, positions in
        guard case .driftAlert(let source, let column) = item.ref,
          let drift = state.analysis?.drift[source], let report = drift.report,
          let window = report.windows.last,
          let feature = window.features.first(where: { $0.column == column })
        else { return [] }
        let method = feature.method?.rawValue ?? "score"
        let score = feature.score.map { " \(method) \(Format.number($0))" } ?? ""
        return FuzzyMatch.highlight(column, positions: positions, style: Style(.warn, [.bold]))
          + [
            Span(score, Style(.text)),
            Span(" \(drift.source.name) \(state.glyphs.dot) \(window.label)", Style(.muted)),
          ]
      })
    renderSection(
      state, title: "Last runs (\(state.project.runs.count))", runs, selected, into: &buffer,
      take(runsHeight), empty: state.project.runs.isEmpty ? "No tracked runs." : "No run matches.",
      row: { item, positions in
        guard case .run(let offset) = item.ref else { return [] }
        let run = state.project.runs[offset]
        let name = run.name ?? String(run.id.prefix(8))
        let nameLength = min(name.count, item.label.count)
        return FuzzyMatch.highlight(
          String(item.label.prefix(nameLength)), positions: positions, style: Style(.text, [.bold]))
          + [
            Span(" " + run.status.rawValue.lowercased(), Style(RunsView.role(for: run.status))),
            Span(
              run.startTime.map { "  " + Format.timestamp(milliseconds: $0) } ?? "",
              Style(.muted)),
          ]
      })
    let diagnosticCount = state.project.diagnostics.count
    renderSection(
      state, title: "Top diagnostics (\(diagnosticCount))", diagnostics, selected, into: &buffer,
      take(height),
      empty: diagnosticCount == 0
        ? "No diagnostics: every source loaded cleanly." : "No diagnostic matches.",
      row: { item, positions in
        guard case .diagnostic(let offset) = item.ref else { return [] }
        return severitySpans(state.project.diagnostics[offset], item.label, positions)
      })
  }

  /// A boxed part of the focused list; its selected row is highlighted when the selection is in
  /// it.
  static func renderSection(
    _ state: AppState, title: String, _ rows: [(row: Int, item: ViewItem, positions: [Int])],
    _ selected: Int?, into buffer: inout CellBuffer, _ rect: Rect, empty: String,
    row: (ViewItem, [Int]) -> [Span]
  ) {
    guard rect.height >= 3 else { return }
    let focused = rows.contains { $0.row == selected }
    let inner = Box(title: title, focused: focused).render(
      into: &buffer, rect, glyphs: state.glyphs)
    ListWidget(
      rows: rows.map { ListWidget.Row(row($0.item, $0.positions)) },
      selected: rows.firstIndex { $0.row == selected }, focused: focused, emptyText: empty,
      hitTarget: { .row(rows[$0].row) }
    ).render(into: &buffer, inner, glyphs: state.glyphs)
  }

  /// The scores: overall and ML Test Score, then a bar and a trend per area.
  static func renderScores(
    _ state: AppState, _ areas: [(row: Int, item: ViewItem, positions: [Int])], _ selected: Int?,
    into buffer: inout CellBuffer, _ rect: Rect
  ) {
    let focused = areas.contains { $0.row == selected }
    let inner = Box(title: "Debt score", focused: focused).render(
      into: &buffer, rect, glyphs: state.glyphs)
    guard inner.height > 0 else { return }
    let history = state.scoreHistory
    if let checklist = state.analysis?.checklist {
      let overall = checklist.overall
      buffer.put(
        spans: [
          Span("Overall ", Style(.muted)),
          Span(
            "\(ChecklistView.oneDecimal(overall)) \(ScoringRules.grade(overall))",
            Style(ChecklistView.scoreRole(overall), [.bold])),
          Span("  ML Test Score ", Style(.muted)),
          Span(Format.number(checklist.mlTestScore.final), Style(.text, [.bold])),
        ], x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1)
    } else {
      buffer.put(state.analysisPlaceholder, x: inner.x + 1, y: inner.y, style: Style(.muted))
    }
    let note: String
    switch history {
    case .notLoaded: note = ""
    case .unreadable(let why): note = "history unreadable: \(why)"
    case .loaded(let snapshots):
      note =
        snapshots.isEmpty
        ? "no snapshots: run `mldebt snapshot`"
        : "trend of \(snapshots.count) snapshot\(snapshots.count == 1 ? "" : "s") since "
          + String(snapshots[0].takenAt.prefix(10))
    }
    buffer.put(
      note, x: inner.x + 1, y: inner.y + 1, style: Style(.muted), maxWidth: inner.width - 1)

    let listRect = inner.dropTop(2)
    let nameWidth = 20
    let sparkWidth = inner.width >= 50 ? 12 : 5
    let barWidth = max(3, inner.width - 1 - nameWidth - 1 - 1 - 6 - 1 - sparkWidth)
    ListWidget(
      rows: areas.map { entry in
        guard case .area(let offset) = entry.item.ref else { return ListWidget.Row([]) }
        let area = DebtArea.allCases[offset]
        var spans = FuzzyMatch.highlight(
          ScreenText.pad(entry.item.label, to: nameWidth), positions: entry.positions,
          style: .plain)
        spans.append(Span(" "))
        guard let score = state.analysis?.checklist.areas.first(where: { $0.area == area }) else {
          spans.append(Span(state.analysisPlaceholder, Style(.muted)))
          return ListWidget.Row(spans)
        }
        let role = ChecklistView.scoreRole(score.score)
        let bar = HorizontalBar(value: score.score, maximum: 100).text(
          width: barWidth, glyphs: state.glyphs)
        spans.append(Span(ScreenText.pad(bar, to: barWidth), Style(role)))
        spans.append(
          Span(
            " " + ScreenText.pad(ChecklistView.oneDecimal(score.score), to: 5, alignRight: true)
              + " " + score.grade, Style(role)))
        let series = history.series(for: area)
        if !series.isEmpty {
          spans.append(
            Span(
              " " + Sparkline(series).text(width: sparkWidth, glyphs: state.glyphs),
              Style(.series1)))
        }
        return ListWidget.Row(spans)
      },
      selected: areas.firstIndex { $0.row == selected }, focused: focused,
      emptyText: "No area matches the filter.", hitTarget: { .row(areas[$0].row) }
    ).render(into: &buffer, listRect, glyphs: state.glyphs)
  }

  /// The ML Test Score's four sections (0–7 each; the final score is the lowest) and what the
  /// final score means.
  static func renderTestScore(_ state: AppState, into buffer: inout CellBuffer, _ rect: Rect) {
    guard rect.height >= 4 else { return }
    let inner = Box(title: "ML Test Score").render(into: &buffer, rect, glyphs: state.glyphs)
    guard let score = state.analysis?.checklist.mlTestScore else {
      buffer.put(state.analysisPlaceholder, x: inner.x + 1, y: inner.y, style: Style(.muted))
      return
    }
    let sections = score.sections
    let barWidth = max(3, inner.width - 1 - 20 - 6)
    for (row, section) in MLTestScore.Section.allCases.enumerated() where row < inner.height {
      let value = sections[section] ?? 0
      let lowest = value == score.final
      buffer.put(
        spans: [
          Span(ScreenText.pad(section.title, to: 19) + " ", Style(lowest ? .warn : .muted)),
          Span(
            ScreenText.pad(
              HorizontalBar(value: value, maximum: 7).text(width: barWidth, glyphs: state.glyphs),
              to: barWidth), Style(.series2)),
          Span(" " + ScreenText.pad(Format.number(value), to: 4, alignRight: true) + "/7"),
        ], x: inner.x + 1, y: inner.y + row, maxWidth: inner.width - 1)
    }
    let bandRow = MLTestScore.Section.allCases.count
    if bandRow < inner.height {
      buffer.put(
        "final \(Format.number(score.final)): \(score.band)", x: inner.x + 1,
        y: inner.y + bandRow, style: Style(.muted), maxWidth: inner.width - 1)
    }
  }

  /// The project, its inventory and the health of its sources, compactly.
  static func renderProject(_ state: AppState, into buffer: inout CellBuffer, _ rect: Rect) {
    guard rect.height >= 3 else { return }
    let project = state.project
    let inner = Box(title: "Project").render(into: &buffer, rect, glyphs: state.glyphs)
    let width = max(1, inner.width - 1)
    var lines: [[Span]] = [
      [
        Span(project.name, Style(.accent, [.bold])),
        Span("  " + (project.manifestPath ?? "no manifest"), Style(.muted)),
      ]
    ]
    if let description = project.description, inner.height >= 10 {
      lines += ScreenText.wrap(ScreenText.sanitize(description), width: width).prefix(2)
        .map { [Span($0, Style(.muted))] }
    }
    let declared = project.consumers.filter(\.declared).count
    let inventory = [
      "\(project.datasets.count) datasets \(state.glyphs.dot) \(project.features.count) features \(state.glyphs.dot) "
        + "\(project.models.count) models",
      "\(project.consumers.count) consumers (\(declared) declared) \(state.glyphs.dot) \(project.jobs.count) jobs",
      "\(project.runs.count) runs in \(project.experiments.count) experiments",
    ]
    lines += inventory.map { [Span($0)] }
    lines.append([Span("sources ", Style(.muted)), Span(sourceSummary(project))])
    var health: [Span] = [Span("diagnostics ", Style(.muted))]
    let severities: [(Diagnostic.Severity, ThemeRole)] = [
      (.error, .bad), (.warning, .warn), (.info, .info),
    ]
    for (index, (severity, role)) in severities.enumerated() {
      let count = project.diagnostics.filter { $0.severity == severity }.count
      if index > 0 { health.append(Span(" \(state.glyphs.dot) ", Style(.muted))) }
      health.append(Span("\(count) \(severity.rawValue)", Style(count > 0 ? role : .muted)))
    }
    lines.append(health)
    if let analysis = state.analysis, !analysis.diagnostics.isEmpty {
      lines.append([
        Span("analysis ", Style(.muted)),
        Span("\(analysis.diagnostics.count) problems (see :messages)", Style(.warn)),
      ])
    }
    for (row, line) in lines.prefix(max(0, inner.height)).enumerated() {
      buffer.put(spans: line, x: inner.x + 1, y: inner.y + row, maxWidth: width)
    }
  }

  /// A diagnostic row: the severity word coloured, the rest plain, matches highlighted.
  static func severitySpans(_ diagnostic: Diagnostic, _ label: String, _ positions: [Int]) -> [Span]
  {
    let severityLength = diagnostic.severity.rawValue.count
    let role = SourcesView.role(for: diagnostic.severity)
    let head = FuzzyMatch.highlight(
      String(label.prefix(severityLength)), positions: positions.filter { $0 < severityLength },
      style: Style(role, [.bold]))
    let tail = FuzzyMatch.highlight(
      String(label.dropFirst(severityLength)),
      positions: positions.filter { $0 >= severityLength }.map { $0 - severityLength },
      style: .plain)
    return head + tail
  }

  static func sourceSummary(_ project: Project) -> String {
    let failed = project.sources.filter { $0.status == .failed }.count
    let partial = project.sources.filter { $0.status == .partial }.count
    let notes = [failed > 0 ? "\(failed) failed" : nil, partial > 0 ? "\(partial) partial" : nil]
      .compactMap { $0 }
    return "\(project.sources.count)" + (notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))")
  }

  /// A finding's or drift alert's details (the detail overlay).
  static func detail(_ state: AppState, _ ref: ItemRef) -> [[Span]] {
    switch ref {
    case .area(let offset):
      let area = DebtArea.allCases[offset]
      return [
        [Span(area.title, Style(.accent, [.bold]))], [Span(ChecklistArea.summary(of: area))],
      ]
    case .finding(let offset):
      guard let findings = state.analysis?.checklist.findings, findings.indices.contains(offset)
      else { return [] }
      return ChecklistView.findingLines(findings[offset], points: nil)
    case .driftAlert(let source, let feature):
      guard let drift = state.analysis?.drift, drift.indices.contains(source) else { return [] }
      return [
        [Span(ScreenText.sanitize(feature), Style(.accent, [.bold]))],
        [Span("drifted in the latest window of " + ScreenText.sanitize(drift[source].source.name))],
      ]
    default:
      return []
    }
  }
}

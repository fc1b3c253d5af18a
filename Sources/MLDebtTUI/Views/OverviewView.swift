import MLDebt

/// The Overview: what the project holds, how loading went, and the most serious diagnostics.
public enum OverviewView {
  /// The focused list: diagnostics, most serious first.
  static func items(_ project: Project) -> [ViewItem] {
    project.diagnostics.enumerated()
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
  }

  /// Draws the view into `rect`.
  public static func render(_ state: AppState, into buffer: inout CellBuffer, _ rect: Rect) {
    let project = state.project
    let glyphs = state.glyphs
    let split = SplitPane(
      .horizontal, ratio: rect.width >= 120 ? 0.4 : 0.45, minimumFirst: 30, minimumSecond: 26)
    let (left, right) = split.layout(rect)

    // The project and its inventory.
    let inner = Box(title: "Project").render(into: &buffer, left, glyphs: glyphs)
    var lines: [[Span]] = [[Span(project.name, Style(.accent, [.bold]))]]
    if let description = project.description {
      lines += ScreenText.wrap(ScreenText.sanitize(description), width: max(1, inner.width - 1))
        .prefix(2)
        .map { [Span($0, Style(.muted))] }
    }
    lines.append([Span(project.manifestPath ?? "no manifest", Style(.muted))])
    lines.append([])
    let declared = project.consumers.filter(\.declared).count
    let counts: [(String, String)] = [
      ("datasets", "\(project.datasets.count)"),
      ("features", "\(project.features.count)"),
      ("models", "\(project.models.count)"),
      ("consumers", "\(project.consumers.count) (\(declared) declared)"),
      ("jobs", "\(project.jobs.count)"),
      ("edges", "\(project.edges.count)"),
      ("runs", "\(project.runs.count) in \(project.experiments.count) experiments"),
      ("sources", sourceSummary(project)),
    ]
    for (label, value) in counts {
      lines.append([Span(ScreenText.pad(label, to: 11), Style(.muted)), Span(value)])
    }
    for (row, line) in lines.prefix(max(0, inner.height)).enumerated() {
      buffer.put(spans: line, x: inner.x + 1, y: inner.y + row, maxWidth: inner.width - 1)
    }
    // Diagnostics by severity, as bars.
    let severities: [(Diagnostic.Severity, ThemeRole)] = [
      (.error, .bad), (.warning, .warn), (.info, .info),
    ]
    let tallies = severities.map { severity, _ in
      project.diagnostics.filter { $0.severity == severity }.count
    }
    let barTop = inner.y + lines.count + 1
    if barTop + 3 < inner.maxY {
      buffer.put("Diagnostics", x: inner.x + 1, y: barTop, style: Style(.title, [.bold]))
      let top = max(1, tallies.max() ?? 1)
      for (row, (severity, role)) in severities.enumerated() {
        let y = barTop + 1 + row
        let label =
          ScreenText.pad(severity.rawValue, to: 8)
          + ScreenText.pad("\(tallies[row])", to: 4, alignRight: true) + " "
        let used = buffer.put(label, x: inner.x + 1, y: y, style: Style(role))
        HorizontalBar(value: Double(tallies[row]), maximum: Double(top), style: Style(role))
          .render(
            into: &buffer,
            Rect(x: inner.x + 1 + used, y: y, width: inner.width - used - 2, height: 1),
            glyphs: glyphs)
      }
    }

    // The most serious diagnostics: the focused list.
    let visible = state.visible(in: .overview)
    let title = "Top diagnostics (\(visible.count))"
    let listRect = Box(title: title, focused: true).render(into: &buffer, right, glyphs: glyphs)
    let rows = visible.map { entry -> ListWidget.Row in
      guard case .diagnostic(let offset) = entry.item.ref else { return ListWidget.Row([]) }
      let diagnostic = project.diagnostics[offset]
      return ListWidget.Row(severitySpans(diagnostic, entry.item.label, entry.match.positions))
    }
    ListWidget(
      rows: rows, selected: state.selectedIndex(in: .overview),
      emptyText: project.diagnostics.isEmpty
        ? "No diagnostics: every source loaded cleanly." : "No diagnostic matches the filter.",
      hitTarget: { .row($0) }
    ).render(into: &buffer, listRect, glyphs: glyphs)
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
}

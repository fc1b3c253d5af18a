import MLDebt

/// The Sources view: what each source contributed, and every diagnostic with its location.
public enum SourcesView {
  /// The id of the diagnostic at `offset` in `project.diagnostics`.
  static func diagnosticID(_ offset: Int) -> String { "diagnostic#\(offset + 1)" }

  /// The focused list: the sources, then the diagnostics in the order found.
  static func items(_ project: Project) -> [ViewItem] {
    let sources = project.sources.enumerated().map { offset, source in
      ViewItem(
        id: "source:\(source.kind.rawValue):\(source.path)",
        label: "\(source.kind.rawValue) \(source.path) \(source.status.rawValue)",
        ref: .source(offset), copyText: source.path)
    }
    let diagnostics = project.diagnostics.enumerated().map { offset, diagnostic in
      ViewItem(
        id: diagnosticID(offset),
        label: "\(diagnostic.severity.rawValue) \(diagnostic.location) \(diagnostic.message)",
        ref: .diagnostic(offset), copyText: diagnostic.description)
    }
    return sources + diagnostics
  }

  /// The role for a severity.
  static func role(for severity: Diagnostic.Severity) -> ThemeRole {
    switch severity {
    case .error: .bad
    case .warning: .warn
    case .info: .info
    }
  }

  /// The role for a source status.
  static func role(for status: SourceSummary.Status) -> ThemeRole {
    switch status {
    case .loaded: .ok
    case .partial: .warn
    case .failed: .bad
    }
  }

  /// Draws the view into `rect`: sources above, diagnostics below.
  public static func render(_ state: AppState, into buffer: inout CellBuffer, _ rect: Rect) {
    let project = state.project
    let visible = state.visible(in: .sources)
    let selected = state.selectedIndex(in: .sources)
    let sourceRows = visible.enumerated().filter {
      if case .source = $0.element.item.ref { true } else { false }
    }
    let diagnosticRows = visible.enumerated().filter {
      if case .diagnostic = $0.element.item.ref { true } else { false }
    }
    let sourceHeight = min(max(3, project.sources.count + 3), rect.height / 3 + 1)
    let top = rect.top(sourceHeight)
    let bottom = rect.dropTop(sourceHeight)
    let sourceBox = Box(title: "Sources (\(project.sources.count))", focused: true).render(
      into: &buffer, top, glyphs: state.glyphs)
    let pathWidth = max(12, sourceBox.width - 46)
    let header =
      " " + ScreenText.pad("kind", to: 18) + ScreenText.pad("path", to: pathWidth) + " "
      + ScreenText.pad("status", to: 8) + ScreenText.pad("err/warn", to: 9) + "contributed"
    buffer.put(
      header, x: sourceBox.x, y: sourceBox.y, style: Style(.title, [.bold]),
      maxWidth: sourceBox.width)
    let sourceList = ListWidget(
      rows: sourceRows.map { _, entry in
        guard case .source(let offset) = entry.item.ref else { return ListWidget.Row([]) }
        let source = project.sources[offset]
        let counts = source.counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
          .joined(separator: ", ")
        return ListWidget.Row([
          Span(ScreenText.pad(source.kind.rawValue, to: 18)),
          Span(
            ScreenText.pad(
              ScreenText.sanitize(source.path), to: pathWidth, ellipsis: state.glyphs.ellipsis)
              + " "),
          Span(ScreenText.pad(source.status.rawValue, to: 8), Style(role(for: source.status))),
          Span(ScreenText.pad("\(source.errorCount)/\(source.warningCount)", to: 9)),
          Span(counts.isEmpty ? "-" : counts, Style(.muted)),
        ])
      },
      selected: sourceRows.firstIndex { $0.offset == selected },
      emptyText: project.sources.isEmpty ? "No source was found." : "No source matches the filter.",
      hitTarget: { HitTarget.row(sourceRows[$0].offset) })
    sourceList.render(into: &buffer, sourceBox.dropTop(1), glyphs: state.glyphs)

    let diagnosticBox = Box(title: "Diagnostics (\(project.diagnostics.count))", focused: true)
      .render(into: &buffer, bottom, glyphs: state.glyphs)
    let diagnosticList = ListWidget(
      rows: diagnosticRows.map { _, entry in
        guard case .diagnostic(let offset) = entry.item.ref else { return ListWidget.Row([]) }
        return ListWidget.Row(
          OverviewView.severitySpans(
            project.diagnostics[offset], entry.item.label, entry.match.positions))
      },
      selected: diagnosticRows.firstIndex { $0.offset == selected },
      emptyText: project.diagnostics.isEmpty
        ? "No diagnostics." : "No diagnostic matches the filter.",
      hitTarget: { HitTarget.row(diagnosticRows[$0].offset) })
    // Leave the last line for the selected diagnostic's hint.
    var listArea = diagnosticBox
    if case .diagnostic(let offset)? = state.selectedItem(in: .sources)?.ref,
      diagnosticBox.height > 3
    {
      listArea = diagnosticBox.dropBottom(1)
      let diagnostic = project.diagnostics[offset]
      let hint =
        diagnostic.hint.map { "hint: \($0)" } ?? diagnostic.expected.map { "expected \($0)" } ?? ""
      buffer.put(
        hint, x: diagnosticBox.x + 1, y: diagnosticBox.maxY - 1, style: Style(.muted),
        maxWidth: diagnosticBox.width - 1)
    }
    diagnosticList.render(into: &buffer, listArea, glyphs: state.glyphs)
  }

  /// The full text of a source or diagnostic.
  static func detail(_ state: AppState, _ ref: ItemRef) -> [[Span]] {
    let project = state.project
    switch ref {
    case .diagnostic(let offset):
      let diagnostic = project.diagnostics[offset]
      var lines: [[Span]] = [
        [
          Span("severity  ", Style(.muted)),
          Span(diagnostic.severity.rawValue, Style(role(for: diagnostic.severity), [.bold])),
        ],
        [Span("source    ", Style(.muted)), Span(diagnostic.source.rawValue)],
        [Span("location  ", Style(.muted)), Span(diagnostic.location.description)],
        [],
      ]
      lines += ScreenText.wrap(ScreenText.sanitize(diagnostic.message), width: 70).map {
        [Span($0)]
      }
      if let expected = diagnostic.expected {
        lines +=
          [[]]
          + ScreenText.wrap("expected: " + ScreenText.sanitize(expected), width: 70).map {
            [Span($0, Style(.muted))]
          }
      }
      if let hint = diagnostic.hint {
        lines +=
          [[]]
          + ScreenText.wrap("hint: " + ScreenText.sanitize(hint), width: 70).map {
            [Span($0, Style(.accent))]
          }
      }
      return lines
    case .source(let offset):
      let source = project.sources[offset]
      var lines: [[Span]] = [
        [Span("kind      ", Style(.muted)), Span(source.kind.rawValue)],
        [Span("path      ", Style(.muted)), Span(source.path)],
        [
          Span("status    ", Style(.muted)),
          Span(source.status.rawValue, Style(role(for: source.status))),
        ],
        [Span("errors    ", Style(.muted)), Span("\(source.errorCount)")],
        [Span("warnings  ", Style(.muted)), Span("\(source.warningCount)")],
      ]
      for (key, value) in source.counts.sorted(by: { $0.key < $1.key }) {
        lines.append([Span(ScreenText.pad(key, to: 10), Style(.muted)), Span("\(value)")])
      }
      return lines
    default:
      return []
    }
  }
}

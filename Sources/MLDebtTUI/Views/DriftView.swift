import MLDebt

/// The Drift view. Until the drift engine lands it lists the monitoring sources the project
/// declares, with what each compares.
public enum DriftView {
  /// The focused list: monitoring sources.
  static func items(_ project: Project) -> [ViewItem] {
    project.monitoring.enumerated().map { offset, source in
      ViewItem(
        id: "monitoring:\(source.name)",
        label: "\(source.name) \(source.model?.description ?? "")", ref: .monitoring(offset),
        copyText: source.name)
    }
  }

  /// Draws the view into `rect`.
  public static func render(_ state: AppState, into buffer: inout CellBuffer, _ rect: Rect) {
    let project = state.project
    buffer.put(
      "Drift scores arrive with the drift engine; these are the monitoring sources declared.",
      x: rect.x + 1, y: rect.y, style: Style(.muted), maxWidth: rect.width - 1)
    let (left, right) = SplitPane(.horizontal, ratio: 0.4, minimumFirst: 24).layout(rect.dropTop(1))
    let visible = state.visible(in: .drift)
    let list = Box(title: "Monitoring (\(visible.count))", focused: true).render(
      into: &buffer, left, glyphs: state.glyphs)
    ListWidget(
      rows: visible.map { entry in
        guard case .monitoring(let offset) = entry.item.ref else { return ListWidget.Row([]) }
        let source = project.monitoring[offset]
        var spans = FuzzyMatch.highlight(
          entry.item.label, positions: entry.match.positions, style: .plain)
        if source.model == nil { spans.append(Span("  no model", Style(.warn))) }
        return ListWidget.Row(spans)
      },
      selected: state.selectedIndex(in: .drift),
      emptyText: project.monitoring.isEmpty
        ? "No monitoring declared: add `monitoring:` to mldebt.yaml."
        : "No source matches the filter.",
      hitTarget: { .row($0) }
    ).render(into: &buffer, list, glyphs: state.glyphs)
    let box = Box(title: "Source").render(into: &buffer, right, glyphs: state.glyphs)
    guard case .monitoring(let offset)? = state.selectedItem(in: .drift)?.ref else { return }
    for (row, line) in detail(project.monitoring[offset]).prefix(box.height).enumerated() {
      buffer.put(spans: line, x: box.x + 1, y: box.y + row, maxWidth: box.width - 1)
    }
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

import MLDebt

/// One of the nine areas of hidden technical debt the checklist scores.
public struct ChecklistArea: Sendable, Hashable {
  /// The area's name.
  public var name: String
  /// What debt in this area looks like.
  public var summary: String

  /// The nine areas, in checklist order.
  public static let all: [ChecklistArea] = [
    ChecklistArea(
      name: "Data Dependencies",
      summary: "Unstable or underused data feeding models; unpinned versions."),
    ChecklistArea(
      name: "Feature Audits",
      summary: "Features without owners, stale experiments, redundant inputs."),
    ChecklistArea(
      name: "Feedback Loops",
      summary: "Consumers whose decisions change the model's future training data."),
    ChecklistArea(
      name: "Glue Code",
      summary: "Pipeline jungles and code that only adapts one package to another."),
    ChecklistArea(
      name: "Configuration", summary: "Parameters scattered, unreviewed or unrecorded with runs."),
    ChecklistArea(
      name: "Reproducibility",
      summary: "Runs without commit, data version or parameters to redo them."),
    ChecklistArea(
      name: "Model Drift", summary: "Production data moving away from what the model learned."),
    ChecklistArea(
      name: "Undeclared Consumers", summary: "Services reading model output that nobody declared."),
    ChecklistArea(
      name: "External Changes",
      summary: "Upstream data or thresholds changing without the team knowing."),
  ]
}

/// The Checklist view: the nine areas (scored by a later issue) and the team's attestations.
public enum ChecklistView {
  /// The focused list: the areas, then the attestations.
  static func items(_ project: Project) -> [ViewItem] {
    ChecklistArea.all.enumerated().map { offset, area in
      ViewItem(id: "area:\(area.name)", label: area.name, ref: .area(offset), copyText: area.name)
    }
      + project.attestations.enumerated().map { offset, attestation in
        ViewItem(
          id: "attestation:\(offset):\(attestation.item)",
          label: "\(attestation.item) \(attestation.status.rawValue)", ref: .attestation(offset),
          copyText: attestation.item)
      }
  }

  /// Draws the view into `rect`: areas above, attestations below.
  public static func render(_ state: AppState, into buffer: inout CellBuffer, _ rect: Rect) {
    let project = state.project
    let visible = state.visible(in: .checklist)
    let selected = state.selectedIndex(in: .checklist)
    let areaRows = visible.enumerated().filter {
      if case .area = $0.element.item.ref { true } else { false }
    }
    let attestationRows = visible.enumerated().filter {
      if case .attestation = $0.element.item.ref { true } else { false }
    }
    let areaHeight = min(ChecklistArea.all.count + 2, max(3, rect.height - 5))
    let areaBox = Box(title: "Checklist", focused: true).render(
      into: &buffer, rect.top(areaHeight), glyphs: state.glyphs)
    let nameWidth = 22
    ListWidget(
      rows: areaRows.map { _, entry in
        guard case .area(let offset) = entry.item.ref else { return ListWidget.Row([]) }
        let area = ChecklistArea.all[offset]
        var spans = FuzzyMatch.highlight(
          entry.item.label, positions: entry.match.positions, style: Style(.text, [.bold]))
        spans.append(
          Span(String(repeating: " ", count: max(1, nameWidth - ScreenText.width(of: area.name)))))
        spans.append(Span("not scored yet  ", Style(.muted)))
        spans.append(Span(area.summary, Style(.muted)))
        return ListWidget.Row(spans)
      },
      selected: areaRows.firstIndex { $0.offset == selected },
      emptyText: "No area matches the filter.",
      hitTarget: { .row(areaRows[$0].offset) }
    ).render(into: &buffer, areaBox, glyphs: state.glyphs)

    let attestationBox = Box(title: "Attestations (\(project.attestations.count))", focused: true)
      .render(into: &buffer, rect.dropTop(areaHeight), glyphs: state.glyphs)
    ListWidget(
      rows: attestationRows.map { _, entry in
        guard case .attestation(let offset) = entry.item.ref else { return ListWidget.Row([]) }
        let attestation = project.attestations[offset]
        return ListWidget.Row([
          Span(ScreenText.pad(ScreenText.sanitize(attestation.item), to: 28) + " "),
          Span(
            ScreenText.pad(attestation.status.rawValue, to: 10),
            Style(role(for: attestation.status))),
          Span(
            ScreenText.sanitize(
              [attestation.by, attestation.at].compactMap { $0 }.joined(separator: ", ")),
            Style(.muted)),
        ])
      },
      selected: attestationRows.firstIndex { $0.offset == selected },
      emptyText: project.attestations.isEmpty
        ? "No attestations yet: \(project.attestationsPath) records what no file can show."
        : "No attestation matches the filter.",
      hitTarget: { .row(attestationRows[$0].offset) }
    ).render(into: &buffer, attestationBox, glyphs: state.glyphs)
  }

  static func role(for status: AttestationStatus) -> ThemeRole {
    switch status {
    case .none: .bad
    case .manual: .warn
    case .automated: .ok
    }
  }

  /// An area's or attestation's details.
  static func detail(_ state: AppState, _ ref: ItemRef) -> [[Span]] {
    switch ref {
    case .area(let offset):
      let area = ChecklistArea.all[offset]
      return [
        [Span(area.name, Style(.accent, [.bold]))], [Span(area.summary)], [],
        [Span("Not scored yet: the checklist engine arrives with its own issue.", Style(.muted))],
      ]
    case .attestation(let offset):
      let a = state.project.attestations[offset]
      func field(_ name: String, _ value: String?) -> [Span] {
        [Span(ScreenText.pad(name, to: 10), Style(.muted)), Span(value ?? "-")]
      }
      return [
        field("item", a.item), field("status", a.status.rawValue), field("by", a.by),
        field("at", a.at),
        field("note", a.note), field("evidence", a.evidence),
      ]
    default:
      return []
    }
  }
}

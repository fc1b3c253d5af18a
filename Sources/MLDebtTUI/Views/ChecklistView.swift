import Foundation
import MLDebt

/// What each of the nine debt areas is about, for the Checklist view.
public struct ChecklistArea: Sendable, Hashable {
  /// The area.
  public var area: DebtArea
  /// What debt in this area looks like.
  public var summary: String

  /// The nine areas, in checklist order.
  public static let all: [ChecklistArea] = [
    ChecklistArea(
      area: .dataDependencies,
      summary: "Unstable or underused data feeding models; unpinned versions."),
    ChecklistArea(
      area: .featureAudits,
      summary: "Features without owners, stale experiments, redundant inputs."),
    ChecklistArea(
      area: .feedbackLoops,
      summary: "Consumers whose decisions change the model's future training data."),
    ChecklistArea(
      area: .glueCode, summary: "Pipeline jungles and code that only adapts one package to another."
    ),
    ChecklistArea(
      area: .configuration, summary: "Parameters scattered, unreviewed or unrecorded with runs."),
    ChecklistArea(
      area: .reproducibility,
      summary: "Runs without commit, data version or parameters to redo them."),
    ChecklistArea(
      area: .modelDrift, summary: "Production data moving away from what the model learned."),
    ChecklistArea(
      area: .undeclaredConsumers,
      summary: "Services reading model output that nobody declared."),
    ChecklistArea(
      area: .externalChanges,
      summary: "Upstream data or thresholds changing without the team knowing."),
  ]

  /// The summary of `area`.
  public static func summary(of area: DebtArea) -> String {
    all.first { $0.area == area }?.summary ?? ""
  }
}

/// The Checklist view: areas → items (rules, team checks and attested practices, with the points
/// each moved) → evidence, as side-by-side panes; the focused level is the view's list.
public enum ChecklistView {
  // MARK: - Items

  /// The focused level's rows.
  static func items(
    _ project: Project, _ analysis: ProjectAnalysis?, _ state: ChecklistViewState
  ) -> [ViewItem] {
    switch state.level {
    case .areas:
      return areaItems()
    case .items:
      guard let analysis, let area = state.area else { return [] }
      return entryItems(
        area,
        ChecklistEntry.entries(in: area, analysis: analysis, attestations: project.attestations))
    case .evidence:
      guard let analysis, let area = state.area, let id = state.itemID,
        let entry = ChecklistEntry.entries(
          in: area, analysis: analysis, attestations: project.attestations
        ).first(where: { $0.id == id })
      else { return [] }
      return evidenceItems(entry)
    }
  }

  static func areaItems() -> [ViewItem] {
    DebtArea.allCases.enumerated().map { offset, area in
      ViewItem(
        id: "area:\(area.rawValue)", label: area.title, ref: .area(offset), copyText: area.rawValue)
    }
  }

  /// The item id of an entry in the view.
  static func itemID(_ area: DebtArea, _ id: String) -> String { "item:\(area.rawValue):\(id)" }

  /// The row id of a finding at the evidence level.
  static func findingID(_ finding: Finding) -> String { "finding:\(finding.fingerprint)" }

  static func entryItems(_ area: DebtArea, _ entries: [ChecklistEntry]) -> [ViewItem] {
    entries.map { entry in
      ViewItem(id: itemID(area, entry.id), label: entry.id, ref: .checkItem(entry.id))
    }
  }

  static func evidenceItems(_ entry: ChecklistEntry) -> [ViewItem] {
    var items: [ViewItem] = []
    for (f, finding) in entry.findings.enumerated() {
      items.append(
        ViewItem(
          id: findingID(finding), label: finding.title, ref: .checkFinding(f),
          copyText: finding.fingerprint))
      for (k, evidence) in finding.evidence.enumerated() {
        items.append(
          ViewItem(
            id: "evidence:\(finding.fingerprint):\(k)", label: evidence.description,
            ref: .checkEvidence(finding: f, item: k), copyText: copyText(evidence)))
      }
    }
    return items
  }

  static func copyText(_ evidence: Finding.Evidence) -> String {
    switch evidence {
    case .node(let id): id.description
    case .run(let id): id
    case .file(let location): location.description
    case .drift(let feature, _): feature
    }
  }

  // MARK: - Rendering

  /// Draws the view into `rect`: three panes when there is room (areas, items, evidence), else
  /// the focused level and its neighbour.
  public static func render(_ state: AppState, into buffer: inout CellBuffer, _ rect: Rect) {
    let level = state.checklistState.level
    let panes: [ChecklistViewState.Level]
    if rect.width >= 120 {
      panes = [.areas, .items, .evidence]
    } else {
      panes =
        level == .evidence ? [.items, .evidence] : [level, level == .areas ? .items : .evidence]
    }
    let widths = paneWidths(panes, total: rect.width)
    var x = rect.x
    for (pane, width) in zip(panes, widths) {
      let paneRect = Rect(x: x, y: rect.y, width: width, height: rect.height)
      x += width
      switch pane {
      case .areas: renderAreas(state, into: &buffer, paneRect)
      case .items: renderEntries(state, into: &buffer, paneRect)
      case .evidence: renderEvidence(state, into: &buffer, paneRect)
      }
    }
  }

  static func paneWidths(_ panes: [ChecklistViewState.Level], total: Int) -> [Int] {
    if panes.count == 3 {
      let areas = 36
      let items = (total - areas) / 2
      return [areas, items, total - areas - items]
    }
    let first = panes[0] == .areas ? min(36, total / 2) : total * 45 / 100
    return [first, total - first]
  }

  /// The rows a pane shows: the view's visible rows when it has focus, else all its rows with
  /// the open one marked.
  static func paneRows(
    _ state: AppState, level: ChecklistViewState.Level, all: [ViewItem], openID: String?
  ) -> (rows: [(item: ViewItem, positions: [Int])], selected: Int?, focused: Bool) {
    if state.checklistState.level == level {
      let visible = state.visible(in: .checklist)
      return (
        visible.map { ($0.item, $0.match.positions) }, state.selectedIndex(in: .checklist), true
      )
    }
    return (all.map { ($0, []) }, all.firstIndex { $0.id == openID }, false)
  }

  static func renderAreas(_ state: AppState, into buffer: inout CellBuffer, _ rect: Rect) {
    let checklist = state.analysis?.checklist
    let title =
      checklist.map {
        "Areas \(state.glyphs.dot) \(oneDecimal($0.overall)) \(ScoringRules.grade($0.overall))"
      } ?? "Areas"
    let focused = state.checklistState.level == .areas
    let inner = Box(title: title, focused: focused).render(
      into: &buffer, rect, glyphs: state.glyphs)
    let openID = state.checklistState.area.map { "area:\($0.rawValue)" }
    let (rows, selected, hasFocus) = paneRows(
      state, level: .areas, all: areaItems(), openID: openID)
    let nameWidth = max(8, min(20, inner.width - 12))
    ListWidget(
      rows: rows.map { item, positions in
        guard case .area(let offset) = item.ref else { return ListWidget.Row([]) }
        let area = DebtArea.allCases[offset]
        var spans = FuzzyMatch.highlight(
          ScreenText.truncate(item.label, to: nameWidth, ellipsis: state.glyphs.ellipsis),
          positions: positions, style: Style(.text, [.bold]))
        spans.append(Span(String(repeating: " ", count: max(1, nameWidth + 1 - width(spans)))))
        if let score = checklist?.areas.first(where: { $0.area == area }) {
          spans.append(
            Span(
              ScreenText.pad(oneDecimal(score.score), to: 5, alignRight: true) + " "
                + score.grade, Style(scoreRole(score.score))))
          if score.findingCount > 0 {
            spans.append(Span("  \(score.findingCount)", Style(.muted)))
          }
        } else {
          spans.append(Span(state.analysisPlaceholder, Style(.muted)))
        }
        return ListWidget.Row(spans)
      },
      selected: selected, focused: hasFocus, emptyText: "No area matches the filter.",
      hitTarget: hasFocus ? { .row($0) } : nil
    ).render(into: &buffer, inner.dropBottom(summaryHeight(inner)), glyphs: state.glyphs)
    // The selected area's summary under the list.
    let areaForSummary: DebtArea? =
      focused
      ? state.selectedItem(in: .checklist).flatMap {
        if case .area(let offset) = $0.ref { DebtArea.allCases[offset] } else { nil }
      } : state.checklistState.area
    let summaryRect = inner.bottom(summaryHeight(inner))
    if let area = areaForSummary, summaryRect.height > 0 {
      for (row, line) in ScreenText.wrap(
        ChecklistArea.summary(of: area), width: max(1, summaryRect.width - 1)
      ).prefix(summaryRect.height).enumerated() {
        buffer.put(line, x: summaryRect.x + 1, y: summaryRect.y + row, style: Style(.muted))
      }
    }
  }

  static func summaryHeight(_ inner: Rect) -> Int { inner.height >= 13 ? 3 : 0 }

  static func renderEntries(_ state: AppState, into buffer: inout CellBuffer, _ rect: Rect) {
    let level = state.checklistState.level
    let focused = level == .items
    let area: DebtArea? =
      level == .areas
      ? state.selectedItem(in: .checklist).flatMap {
        if case .area(let offset) = $0.ref { DebtArea.allCases[offset] } else { nil }
      } : state.checklistState.area
    guard let area else {
      Box(title: "Items", focused: focused).render(into: &buffer, rect, glyphs: state.glyphs)
      return
    }
    let score = state.analysis?.checklist.areas.first { $0.area == area }
    let title =
      area.title
      + (score.map { " \(state.glyphs.dot) \(oneDecimal($0.score)) \($0.grade)" } ?? "")
      + (state.checklistState.rescoring
        ? " \(state.glyphs.dot) re-scoring\(state.glyphs.ellipsis)" : "")
    let inner = Box(title: title, focused: focused).render(
      into: &buffer, rect, glyphs: state.glyphs)
    guard state.analysis != nil else {
      buffer.put(state.analysisPlaceholder, x: inner.x + 1, y: inner.y, style: Style(.muted))
      return
    }
    let entries = state.checklistEntries(in: area)
    let byID = Dictionary(entries.map { ($0.id, $0) }) { first, _ in first }
    let openID = state.checklistState.itemID.map { itemID(area, $0) }
    let (rows, selected, hasFocus) = paneRows(
      state, level: .items, all: entryItems(area, entries), openID: openID)
    // Narrow panes drop the status column: the marker still tells pass, fail and answers.
    let statusWidth = inner.width >= 56 ? 14 : 0
    let pointsWidth = 6
    let idWidth = max(6, inner.width - statusWidth - pointsWidth - 4)
    ListWidget(
      rows: rows.map { item, positions in
        guard case .checkItem(let id) = item.ref, let entry = byID[id] else {
          return ListWidget.Row([])
        }
        var spans = [Span(marker(entry, state.glyphs) + " ", Style(entry.role, [.bold]))]
        let tag = entry.isTeamCheck ? " team" : ""
        spans += FuzzyMatch.highlight(
          ScreenText.truncate(
            item.label, to: idWidth - tag.count - 1, ellipsis: state.glyphs.ellipsis),
          positions: positions, style: .plain)
        spans.append(Span(tag, Style(.info)))
        spans.append(Span(String(repeating: " ", count: max(1, idWidth + 2 - width(spans)))))
        if statusWidth > 0 {
          spans.append(Span(ScreenText.pad(entry.status, to: statusWidth), Style(entry.role)))
        }
        spans.append(
          Span(
            ScreenText.pad(points(entry.points), to: pointsWidth, alignRight: true),
            Style(entry.points < 0 ? .bad : entry.points > 0 ? .ok : .muted)))
        return ListWidget.Row(spans)
      },
      selected: selected, focused: hasFocus,
      emptyText: focused ? "No item matches the filter." : "No items.",
      hitTarget: hasFocus ? { .row($0) } : nil
    ).render(into: &buffer, inner, glyphs: state.glyphs)
  }

  /// The mark before an item: a failing rule, a passing one, or a practice's answer.
  static func marker(_ entry: ChecklistEntry, _ glyphs: Glyphs) -> String {
    let unicode = glyphs.chartMode != .ascii
    switch entry.kind {
    case .rule:
      if entry.findings.isEmpty { return unicode ? "✓" : "+" }
      return unicode ? "✗" : "x"
    case .practice:
      switch entry.attestation?.status {
      case .automated?: return unicode ? "●" : "A"
      case .manual?: return unicode ? "◐" : "M"
      default: return unicode ? "○" : "o"
      }
    }
  }

  static func renderEvidence(_ state: AppState, into buffer: inout CellBuffer, _ rect: Rect) {
    let level = state.checklistState.level
    let focused = level == .evidence
    var entry: ChecklistEntry?
    switch level {
    case .areas: entry = nil
    case .items: entry = state.focusedChecklistEntry
    case .evidence: entry = state.openChecklistEntry
    }
    guard let entry else {
      let inner = Box(title: "Evidence", focused: focused).render(
        into: &buffer, rect, glyphs: state.glyphs)
      let text =
        state.analysis == nil
        ? state.analysisPlaceholder
        : level == .areas ? "Open an area (l or Enter) to see its items." : ""
      for (row, line) in ScreenText.wrap(text, width: max(1, inner.width - 1)).enumerated()
      where row < inner.height {
        buffer.put(line, x: inner.x + 1, y: inner.y + row, style: Style(.muted))
      }
      return
    }
    let inner = Box(title: entry.id, focused: focused).render(
      into: &buffer, rect, glyphs: state.glyphs)
    let header = evidenceHeader(state, entry, width: max(1, inner.width - 1))
    let headerRows = min(header.count, max(0, inner.height - 2))
    for (row, line) in header.prefix(headerRows).enumerated() {
      buffer.put(spans: line, x: inner.x + 1, y: inner.y + row, maxWidth: inner.width - 1)
    }
    guard entry.isPractice == false else { return }
    let listRect = inner.dropTop(headerRows)
    let (rows, selected, hasFocus) = paneRows(
      state, level: .evidence, all: evidenceItems(entry), openID: nil)
    ListWidget(
      rows: rows.map { item, positions in
        switch item.ref {
        case .checkFinding(let f):
          let finding = entry.findings[f]
          let severity = ScreenText.pad(finding.severity.rawValue, to: 9)
          return ListWidget.Row(
            [Span(severity, Style(severityRole(finding.severity), [.bold]))]
              + FuzzyMatch.highlight(item.label, positions: positions, style: .plain)
              + [
                Span(
                  "  " + points(entry.findingPoints[finding.fingerprint] ?? 0), Style(.bad))
              ])
        case .checkEvidence(let f, let k):
          let evidence = entry.findings[f].evidence[k]
          return ListWidget.Row(
            [Span(evidenceKind(evidence) + " ", Style(.muted))]
              + FuzzyMatch.highlight(item.label, positions: positions, style: Style(.accent)),
            depth: 1)
        default:
          return ListWidget.Row([])
        }
      },
      selected: focused ? selected : nil, focused: hasFocus,
      emptyText: focused && !state.currentFilter.isEmpty
        ? "No evidence matches the filter." : "No findings: the rule passes.",
      hitTarget: hasFocus ? { .row($0) } : nil
    ).render(into: &buffer, listRect, glyphs: state.glyphs)
  }

  /// The lines above the evidence: what the item checks, where a team check is declared, its
  /// points; for a practice, its answer and the ML Test Score tests it counts in.
  static func evidenceHeader(_ state: AppState, _ entry: ChecklistEntry, width: Int) -> [[Span]] {
    var lines = ScreenText.wrap(ScreenText.sanitize(entry.title), width: width).map {
      [Span($0, Style(.text, [.bold]))]
    }
    switch entry.kind {
    case .rule(let rule):
      if let location = rule.definedAt {
        let place = ScreenText.sanitize(location.description)
        let head = Span("team check ", Style(.accent, [.bold]))
        if ScreenText.width(of: place) + 11 <= width {
          lines.append([head, Span(place, Style(.muted))])
        } else {
          lines.append([head])
          lines.append([Span(place, Style(.muted))])
        }
      } else {
        lines.append([Span("built-in rule", Style(.muted))])
      }
      lines.append([
        Span(entry.status, Style(entry.role)),
        Span(" \(state.glyphs.dot) " + points(entry.points) + " points", Style(.muted)),
      ])
    case .practice(let item):
      let answer = entry.attestation
      lines.append([
        Span(entry.status, Style(entry.role, [.bold])),
        Span(
          " \(state.glyphs.dot) \(points(entry.points)) of \(points(entry.maximumPoints)) points",
          Style(.muted)),
      ])
      if let answer {
        let who = [answer.by, answer.at].compactMap { $0 }.joined(separator: ", ")
        if !who.isEmpty { lines.append([Span("by " + ScreenText.sanitize(who), Style(.muted))]) }
        if let note = answer.note {
          lines += ScreenText.wrap("note: " + ScreenText.sanitize(note), width: width).map {
            [Span($0)]
          }
        }
        if let evidence = answer.evidence {
          lines.append([Span("evidence: " + ScreenText.sanitize(evidence), Style(.muted))])
        }
      }
      let tests =
        state.analysis?.checklist.mlTestScore.tests.filter {
          MLTestScore.practiceItems(of: $0.id).contains(item.id)
        } ?? []
      for test in tests {
        lines.append([
          Span("ML Test \(test.id) ", Style(.info)),
          Span(ScreenText.sanitize(test.title), Style(.muted)),
        ])
      }
      lines.append([])
      lines.append([
        Span("a", Style(.accent, [.bold])),
        Span(
          " answers it in \(ScreenText.sanitize(state.project.attestationsPath))", Style(.muted)),
      ])
    }
    lines.append([])
    return lines
  }

  static func evidenceKind(_ evidence: Finding.Evidence) -> String {
    switch evidence {
    case .node: "node"
    case .run: "run "
    case .file: "file"
    case .drift: "drift"
    }
  }

  static func width(_ spans: [Span]) -> Int {
    spans.reduce(0) { $0 + ScreenText.width(of: ScreenText.sanitize($1.text)) }
  }

  /// Points with a sign and one decimal: `-7.5`, `+3.1`, `0.0`.
  static func points(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    if rounded == 0 { return "0.0" }
    let text = oneDecimal(abs(rounded))
    return (rounded > 0 ? "+" : "-") + text
  }

  /// A number with one decimal: `62.3`.
  static func oneDecimal(_ value: Double) -> String { String(format: "%.1f", value) }

  static func scoreRole(_ score: Double) -> ThemeRole {
    score >= 75 ? .ok : score >= 60 ? .warn : .bad
  }

  static func role(for status: AttestationStatus) -> ThemeRole {
    switch status {
    case .none: .bad
    case .manual: .warn
    case .automated: .ok
    }
  }

  static func severityRole(_ severity: Finding.Severity) -> ThemeRole {
    switch severity {
    case .info, .low: .info
    case .medium: .warn
    case .high, .critical: .bad
    }
  }

  /// An item's details, for the detail overlay (Enter on a finding).
  static func detail(_ state: AppState, _ ref: ItemRef) -> [[Span]] {
    guard case .checkFinding(let f) = ref, let entry = state.openChecklistEntry,
      entry.findings.indices.contains(f)
    else { return [] }
    let finding = entry.findings[f]
    return findingLines(finding, points: entry.findingPoints[finding.fingerprint] ?? 0)
  }

  /// A finding's full text: title, rule, area, severity, points (when known), why, fix,
  /// evidence and fingerprint.
  static func findingLines(_ finding: Finding, points value: Double?) -> [[Span]] {
    func field(_ name: String, _ value: String, _ style: Style = .plain) -> [Span] {
      [Span(ScreenText.pad(name, to: 10), Style(.muted)), Span(ScreenText.sanitize(value), style)]
    }
    var lines = [
      [Span(ScreenText.sanitize(finding.title), Style(.accent, [.bold]))], [],
      field("rule", finding.rule),
      field("area", finding.area.title),
      field("severity", finding.severity.rawValue, Style(severityRole(finding.severity))),
      field("why", finding.why), field("fix", finding.fix),
    ]
    if let value { lines.insert(field("points", points(value)), at: 6) }
    for evidence in finding.evidence { lines.append(field("evidence", evidence.description)) }
    lines.append(field("id", finding.fingerprint, Style(.muted)))
    return lines
  }
}

import MLDebt

extension AppState {
  /// Enter on an Overview row: an area opens its items in the Checklist, a finding its evidence,
  /// a drift alert the Drift view, a run the Runs view.
  mutating func overviewOpen(_ ref: ItemRef) {
    switch ref {
    case .area(let offset):
      guard analysis != nil else { return }
      pushHistory()
      view = .checklist
      showChecklist(.items, area: DebtArea.allCases[offset], itemID: nil, selecting: nil)
    case .finding(let offset):
      guard let findings = analysis?.checklist.findings, findings.indices.contains(offset) else {
        return
      }
      let finding = findings[offset]
      pushHistory()
      view = .checklist
      showChecklist(
        .evidence, area: finding.area, itemID: finding.rule,
        selecting: ChecklistView.findingID(finding))
    case .driftAlert(let source, let feature):
      guard let drift = analysis?.drift, drift.indices.contains(source) else { return }
      openDrift(feature: feature, window: nil, source: source)
    case .run(let offset):
      guard project.runs.indices.contains(offset) else { return }
      openRun(id: project.runs[offset].id)
    default:
      break
    }
  }
}

import MLDebt

extension AppState {
  /// The items of `area` (empty while the analysis runs).
  public func checklistEntries(in area: DebtArea) -> [ChecklistEntry] {
    guard let analysis else { return [] }
    return ChecklistEntry.entries(in: area, analysis: analysis, attestations: project.attestations)
  }

  /// The item open at the evidence level.
  public var openChecklistEntry: ChecklistEntry? {
    guard let area = checklistState.area, let id = checklistState.itemID else { return nil }
    return checklistEntries(in: area).first { $0.id == id }
  }

  /// The item `a` answers: the selected one at the items level, the open one at the evidence
  /// level.
  public var focusedChecklistEntry: ChecklistEntry? {
    switch checklistState.level {
    case .areas:
      return nil
    case .items:
      guard let area = checklistState.area,
        case .checkItem(let id)? = selectedItem(in: .checklist)?.ref
      else { return nil }
      return checklistEntries(in: area).first { $0.id == id }
    case .evidence:
      return openChecklistEntry
    }
  }

  /// Why `a` cannot run now, or `nil` when it can.
  var attestDisabledReason: String? {
    guard analysis != nil else { return "the checklist is still being analysed" }
    guard checklistState.level != .areas else { return "open an area and select a practice item" }
    guard let entry = focusedChecklistEntry else { return "select a practice item" }
    return entry.isPractice ? nil : "\(entry.id) is a rule: fix its findings instead of attesting"
  }

  /// Opens the selected area or item (one level deeper).
  mutating func checklistIn() {
    guard let item = selectedItem(in: .checklist) else { return }
    switch (checklistState.level, item.ref) {
    case (.areas, .area(let offset)):
      guard analysis != nil else {
        report(analysisPlaceholder + ": the area's items appear when the checklist is computed")
        return
      }
      showChecklist(.items, area: DebtArea.allCases[offset], itemID: nil, selecting: nil)
    case (.items, .checkItem(let id)):
      showChecklist(.evidence, area: checklistState.area, itemID: id, selecting: nil)
    default:
      break
    }
  }

  /// Goes up one level, selecting what was open.
  mutating func checklistOut() {
    switch checklistState.level {
    case .areas:
      break
    case .items:
      let area = checklistState.area
      showChecklist(.areas, area: nil, itemID: nil, selecting: area.map { "area:\($0.rawValue)" })
    case .evidence:
      let area = checklistState.area
      let id = checklistState.itemID
      showChecklist(
        .items, area: area, itemID: nil,
        selecting: id.flatMap { id in area.map { ChecklistView.itemID($0, id) } })
    }
  }

  /// Shows a level of the Checklist view with `area` and `itemID` open, clearing its filter,
  /// and selects `id` (or the first row).
  mutating func showChecklist(
    _ level: ChecklistViewState.Level, area: DebtArea?, itemID: String?, selecting id: String?
  ) {
    checklistState.level = level
    checklistState.area = area
    checklistState.itemID = itemID
    setFilter(nil, in: .checklist)
    selections[.checklist] = 0
    reloadItems(in: .checklist, selecting: id)
  }

  /// Enter in the Checklist view: deeper on areas and items; on a finding its details; on a
  /// piece of evidence, the view that shows it.
  mutating func checklistEnter(_ item: ViewItem) {
    switch item.ref {
    case .area, .checkItem:
      checklistIn()
    case .checkFinding:
      mode = .detail(title: item.copyText, lines: ChecklistView.detail(self, item.ref), scroll: 0)
    case .checkEvidence(let finding, let index):
      guard let entry = openChecklistEntry, entry.findings.indices.contains(finding),
        entry.findings[finding].evidence.indices.contains(index)
      else { return }
      openEvidence(entry.findings[finding].evidence[index])
    default:
      break
    }
  }

  /// Shows a piece of evidence where it lives: a node in Lineage, a run in Runs, a drifted
  /// feature in Drift; a file location is reported (y copies it).
  mutating func openEvidence(_ evidence: Finding.Evidence) {
    switch evidence {
    case .node(let node):
      openLineage(node)
    case .run(let id):
      openRun(id: id)
    case .drift(let feature, let window):
      openDrift(feature: feature, window: window)
    case .file(let location):
      report("\(location) is a place in a file: y copies it, to open in your editor")
    }
  }

  /// Shows a run in the Runs view.
  mutating func openRun(id: String) {
    guard items(in: .runs).contains(where: { $0.id == id }) else {
      report("run \(id) is not among the project's runs", error: true)
      return
    }
    pushHistory()
    view = .runs
    select(id: id, in: .runs)
  }

  /// Shows a drifted feature in the Drift view: the monitoring source that compares it (the
  /// one at `source` in `analysis.drift` when given), the window named (else the latest), and
  /// the feature's column selected.
  mutating func openDrift(feature: String, window: String?, source: Int? = nil) {
    guard let drift = analysis?.drift else { return }
    let holds = { (offset: Int) in drift[offset].report?.columns.contains(feature) == true }
    guard
      let offset = source.flatMap({ drift.indices.contains($0) ? $0 : nil })
        ?? drift.indices.first(where: holds)
    else {
      report("no monitoring source compares `\(feature)`", error: true)
      return
    }
    pushHistory()
    view = .drift
    driftView.source = offset
    driftView.window = window.flatMap { label in
      drift[offset].report?.windows.firstIndex { $0.label == label }
    }
    refreshDriftItems()
    select(id: feature, in: .drift)
  }

  /// `a`: opens the attestation form for the focused practice item.
  mutating func beginAttestation() {
    guard let entry = focusedChecklistEntry, case .practice(let item) = entry.kind else { return }
    mode = .attest(AttestationForm(item: item, current: entry.attestation, by: user))
  }

  /// A key in the attestation form: Tab and the arrows move between fields, the status field
  /// cycles with ←/→ (or takes n, m, a), the note field edits text; Enter saves, Esc cancels.
  mutating func attestKey(_ key: Key, form: inout AttestationForm) -> [AppEffect] {
    switch key {
    case .escape:
      mode = .normal
      report("attestation of \(form.item) not saved")
      return []
    case .enter:
      mode = .normal
      report("saving \(form.item)\(glyphs.ellipsis)")
      return [.saveAttestation(form.attestation)]
    case .tab, .down:
      form.field = form.field == .status ? .note : .status
    case .backTab, .up:
      form.field = form.field == .status ? .note : .status
    default:
      switch (form.field, key) {
      case (.status, .left), (.status, .character("h")): form.cycleStatus(-1)
      case (.status, .right), (.status, .character("l")), (.status, .character(" ")):
        form.cycleStatus(1)
      case (.status, .character("n")): form.status = .none
      case (.status, .character("m")): form.status = .manual
      case (.status, .character("a")): form.status = .automated
      case (.note, _): _ = form.note.handle(key)
      default: break
      }
    }
    mode = .attest(form)
    return []
  }

  /// Takes a saved answer: the project's attestations become the file's (other processes'
  /// edits included), and the scores are marked as being recomputed.
  public mutating func attestationSaved(_ outcome: AttestationSave.Outcome) {
    project.attestations = outcome.attestations
    checklistState.rescoring = true
    reloadItems(in: .checklist)
    let saved = outcome.attestation
    report(
      "saved \(saved.item): \(saved.status.rawValue) in \(outcome.path)"
        + (saved.by.map { " (by \($0), \(saved.at ?? ""))" } ?? "")
        + "; re-scoring\(glyphs.ellipsis)")
  }

  /// Reports a save that failed in the status bar (an error stays until Esc).
  public mutating func attestationFailed(_ attestation: Attestation, error: String) {
    report("could not save \(attestation.item): \(error)", error: true)
  }
}

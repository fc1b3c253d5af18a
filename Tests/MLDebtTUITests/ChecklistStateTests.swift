import Foundation
import MLDebt
import Testing

@testable import MLDebtTUI

/// The Checklist view's and the Overview's state transitions: levels, jumps, the attestation
/// form and the effect it produces.
@Suite("Checklist and Overview state")
struct ChecklistStateTests {
  func checklist() throws -> AppState {
    var state = try ExampleProject.workbench()
    _ = state.handle(.key(.character("5")))
    return state
  }

  /// Selects the item `id` at the items level of `area`.
  func open(_ state: inout AppState, area: DebtArea, item id: String) {
    state.select(id: "area:\(area.rawValue)", in: .checklist)
    _ = state.handle(.key(.character("l")))
    state.select(id: ChecklistView.itemID(area, id), in: .checklist)
  }

  @Test func levelsGoDownAndUpKeepingWhatWasOpen() throws {
    var state = try checklist()
    #expect(state.items(in: .checklist).count == DebtArea.allCases.count)
    _ = state.handle(.key(.character("j")))
    _ = state.handle(.key(.character("l")))
    #expect(state.checklistState.level == .items)
    #expect(state.checklistState.area == .featureAudits)
    let first = try #require(state.selectedItem(in: .checklist))
    guard case .checkItem(let id) = first.ref else {
      Issue.record("the items level lists items, got \(first.ref)")
      return
    }
    _ = state.handle(.key(.enter))
    #expect(state.checklistState.level == .evidence)
    #expect(state.checklistState.itemID == id)
    _ = state.handle(.key(.character("h")))
    #expect(state.checklistState.level == .items)
    #expect(state.selectedItem(in: .checklist)?.id == first.id)
    _ = state.handle(.key(.backspace))
    #expect(state.checklistState.level == .areas)
    #expect(state.selectedItem(in: .checklist)?.id == "area:feature-audits")
    _ = state.handle(.key(.character("h")))
    #expect(state.message?.text.contains("already at the areas") == true)
  }

  @Test func escapeClearsTheFilterBeforeGoingUp() throws {
    var state = try checklist()
    _ = state.handle(.key(.enter))
    _ = state.handle(.key(.character("/")))
    for character in "versioning" { _ = state.handle(.key(.character(character))) }
    _ = state.handle(.key(.enter))
    #expect(
      state.visible(in: .checklist).map(\.item.id) == ["item:data-dependencies:data.versioning"])
    _ = state.handle(.key(.escape))
    #expect(state.currentFilter.isEmpty)
    #expect(state.checklistState.level == .items)
    _ = state.handle(.key(.escape))
    #expect(state.checklistState.level == .areas)
  }

  @Test func itemsCarryTheirScoringPoints() throws {
    let state = try checklist()
    let analysis = try #require(state.analysis)
    for score in analysis.checklist.areas {
      let entries = state.checklistEntries(in: score.area)
      let total = entries.map(\.points).reduce(0, +)
      let explained = score.contributions.map(\.points).reduce(0, +)
      #expect(abs(total - explained) < 1e-9, "\(score.area)")
      let practices = ChecklistItem.builtIn.filter { $0.area == score.area }.map(\.id)
      #expect(entries.filter(\.isPractice).map(\.id) == practices)
      let fired = Set(analysis.checklist.findings.filter { $0.area == score.area }.map(\.rule))
      #expect(fired.isSubset(of: Set(entries.map(\.id))))
      // Every rule that fired is described by the detector that ran it.
      let described = Set(analysis.checklist.rules.filter { $0.area == score.area }.map(\.rule))
      #expect(fired.isSubset(of: described), "\(fired.subtracting(described))")
    }
  }

  @Test func enterOnNodeEvidenceOpensLineageAndBackReturns() throws {
    var state = try checklist()
    let analysis = try #require(state.analysis)
    let finding = try #require(
      analysis.checklist.findings.first {
        if case .node = $0.evidence.first { true } else { false }
      })
    guard case .node(let node) = finding.evidence[0] else { return }
    open(&state, area: finding.area, item: finding.rule)
    _ = state.handle(.key(.enter))
    let found1 = state.select(id: "evidence:\(finding.fingerprint):0", in: .checklist)
    #expect(found1)
    _ = state.handle(.key(.enter))
    #expect(state.view == .lineage)
    #expect(state.selectedNode == node)
    _ = state.handle(.key(.escape))
    #expect(state.view == .checklist)
    #expect(state.checklistState.level == .evidence)
    #expect(state.selectedItem(in: .checklist)?.id == "evidence:\(finding.fingerprint):0")
  }

  @Test func enterOnAFindingShowsItsDetails() throws {
    var state = try checklist()
    let finding = try #require(state.analysis?.checklist.findings.first)
    open(&state, area: finding.area, item: finding.rule)
    _ = state.handle(.key(.enter))
    let found2 = state.select(id: ChecklistView.findingID(finding), in: .checklist)
    #expect(found2)
    _ = state.handle(.key(.enter))
    guard case .detail(_, let lines, _) = state.mode else {
      Issue.record("expected the detail overlay, got \(state.mode)")
      return
    }
    let text = lines.map { $0.map(\.text).joined() }.joined(separator: "\n")
    #expect(text.contains(finding.fix))
    #expect(text.contains("points"))
  }

  @Test func runAndDriftEvidenceOpenTheirViews() throws {
    var state = try checklist()
    let run = try #require(state.project.runs.first)
    state.openEvidence(.run(run.id))
    #expect(state.view == .runs)
    #expect(state.selectedItem(in: .runs)?.id == run.id)
    _ = state.handle(.key(.escape))
    let drift = try #require(state.analysis?.drift)
    let offset = try #require(drift.indices.first { drift[$0].report != nil })
    let report = try #require(drift[offset].report)
    let column = try #require(report.columns.last)
    let first = try #require(report.windows.first)
    state.openEvidence(.drift(feature: column, window: first.label))
    #expect(state.view == .drift)
    #expect(state.driftView.source == offset)
    #expect(state.driftView.window == 0)
    #expect(state.selectedItem(in: .drift)?.id == column)
    state.openEvidence(.run("no-such-run"))
    #expect(state.message?.isError == true)
  }

  @Test func overviewRowsLeadIntoTheOtherViews() throws {
    var state = try ExampleProject.workbench()
    let analysis = try #require(state.analysis)
    let finding = try #require(analysis.checklist.findings.first)
    let found3 = state.select(id: "finding:\(finding.fingerprint)", in: .overview)
    #expect(found3)
    _ = state.handle(.key(.enter))
    #expect(state.view == .checklist)
    #expect(state.checklistState.level == .evidence)
    #expect(state.checklistState.area == finding.area)
    #expect(state.checklistState.itemID == finding.rule)
    #expect(state.selectedItem(in: .checklist)?.id == ChecklistView.findingID(finding))
    // Esc climbs the levels first (evidence, items, areas), then goes back in history.
    for _ in 0..<3 { _ = state.handle(.key(.escape)) }
    #expect(state.view == .overview)

    let run = try #require(OverviewView.recent(state.project).first)
    let found4 = state.select(id: "run:\(state.project.runs[run].id)", in: .overview)
    #expect(found4)
    _ = state.handle(.key(.enter))
    #expect(state.view == .runs)
    #expect(state.selectedItem(in: .runs)?.id == state.project.runs[run].id)
    _ = state.handle(.key(.escape))
    #expect(state.view == .overview)

    let alerts = OverviewView.driftAlerts(analysis)
    if let (source, feature) = alerts.first {
      let name = analysis.drift[source].source.name
      let found5 = state.select(id: "drift:\(name):\(feature.column)", in: .overview)
      #expect(found5)
      _ = state.handle(.key(.enter))
      #expect(state.view == .drift)
      #expect(state.driftView.source == source)
      #expect(state.driftView.window == nil)
      #expect(state.selectedItem(in: .drift)?.id == feature.column)
    }
  }

  @Test func overviewAreaOpensItsItems() throws {
    var state = try ExampleProject.workbench()
    let found6 = state.select(id: "area:model-drift", in: .overview)
    #expect(found6)
    _ = state.handle(.key(.enter))
    #expect(state.view == .checklist)
    #expect(state.checklistState.level == .items)
    #expect(state.checklistState.area == .modelDrift)
  }

  @Test func areasWaitForTheAnalysis() throws {
    var state = try ExampleProject.workbench(analysed: false)
    _ = state.handle(.key(.character("5")))
    _ = state.handle(.key(.enter))
    #expect(state.checklistState.level == .areas)
    #expect(state.message?.text.contains("analysing") == true)
    _ = state.handle(.key(.character("a")))
    #expect(state.message?.text.contains("still being analysed") == true)
    let analysis = try #require(ExampleProject.builtInAnalysis)
    state.apply(analysis)
    _ = state.handle(.key(.enter))
    #expect(state.checklistState.level == .items)
  }

  @Test func attestingARuleIsRefused() throws {
    var state = try checklist()
    let finding = try #require(state.analysis?.checklist.findings.first)
    open(&state, area: finding.area, item: finding.rule)
    let effects = state.handle(.key(.character("a")))
    #expect(effects.isEmpty)
    #expect(state.message?.text.contains("is a rule") == true)
    guard case .normal = state.mode else {
      Issue.record("no form for a rule")
      return
    }
  }

  @Test func theFormProducesASaveEffect() throws {
    var state = try checklist()
    open(&state, area: .externalChanges, item: "infra.rollback")
    #expect(state.handle(.key(.character("a"))).isEmpty)
    guard case .attest(let form) = state.mode else {
      Issue.record("expected the form, got \(state.mode)")
      return
    }
    #expect(form.item == "infra.rollback")
    #expect(form.by == "tester")
    _ = state.handle(.key(.right))
    _ = state.handle(.key(.right))
    _ = state.handle(.key(.tab))
    for character in "helm rollback" { _ = state.handle(.key(.character(character))) }
    _ = state.handle(.key(.backspace))
    let effects = state.handle(.key(.enter))
    #expect(
      effects == [
        .saveAttestation(
          Attestation(
            item: "infra.rollback", status: .automated, by: "tester", note: "helm rollbac"))
      ])
    guard case .normal = state.mode else {
      Issue.record("the form closes on Enter")
      return
    }
  }

  @Test func theFormStartsFromTheCurrentAnswerAndEscCancels() throws {
    var state = try checklist()
    let current = try #require(state.project.attestations.first)
    let item = try #require(ChecklistItem.builtIn.first { $0.id == current.item })
    open(&state, area: item.area, item: item.id)
    _ = state.handle(.key(.enter))
    _ = state.handle(.key(.character("a")))
    guard case .attest(let form) = state.mode else {
      Issue.record("expected the form at the evidence level, got \(state.mode)")
      return
    }
    #expect(form.status == current.status)
    #expect(form.note.text == (current.note ?? ""))
    _ = state.handle(.key(.character("n")))
    #expect(state.handle(.key(.escape)).isEmpty)
    #expect(state.message?.text.contains("not saved") == true)
  }

  @Test func scoreHistoryIsReadWithoutWriting() throws {
    let directory = try ExampleProject.copy()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var project = try ExampleProject.project()
    project.root = directory
    let path = HistoryStore.path(for: project)
    #expect(ScoreHistory.load(for: project) == .loaded([]))
    #expect(!FileManager.default.fileExists(atPath: path))
    let analysis = try #require(ExampleProject.builtInAnalysis)
    do {
      let store = try HistoryStore(path: path)
      try store.record(analysis.checklist, gitCommit: "abc")
      try store.record(analysis.checklist, gitCommit: "def")
    }
    let history = ScoreHistory.load(for: project)
    #expect(history.snapshots.count == 2)
    #expect(history.series(for: .modelDrift).count == 2)
    #expect(history.overallSeries == [analysis.checklist.overall, analysis.checklist.overall])
  }
}

import Foundation
import MLDebt
import Testing

@testable import MLDebtTUI

/// Golden text of the Overview and the Checklist view on the example project (analysed as of
/// 2026-11-23), at 80×24 and 160×48.
@Suite("Overview and Checklist goldens")
struct ChecklistGoldenTests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 160, height: 48)]

  func render(_ state: AppState) -> String { Shell.render(state, size: state.size).plainText() }

  @Test(arguments: sizes)
  func overview(size: Size) throws {
    let state = try ExampleProject.workbench(width: size.width, height: size.height)
    let text = render(state)
    Golden.check(text, "example-overview-\(size.width)x\(size.height)")
    #expect(text.contains("no snapshots: run `mldebt snapshot`"))
    #expect(text.contains("ML Test Score"))
  }

  @Test func overviewWithHistoryDrawsTrends() throws {
    var state = try ExampleProject.workbench(width: 160, height: 48)
    let analysis = try #require(state.analysis)
    var snapshots: [HistoryStore.Snapshot] = []
    for step in 0..<6 {
      var areas: [String: Double] = [:]
      for score in analysis.checklist.areas {
        areas[score.area.rawValue] = max(0, score.score - Double(5 - step) * 4)
      }
      let month = step < 3 ? "10" : "11"
      let json: [String: Any] = [
        "id": step + 1, "takenAt": "2026-\(month)-0\(step + 1)T09:00:00Z",
        "overall": 50 + Double(step), "mlTestScore": 0, "findingCount": 10 - step, "areas": areas,
      ]
      snapshots.append(
        try JSONDecoder().decode(
          HistoryStore.Snapshot.self, from: JSONSerialization.data(withJSONObject: json)))
    }
    state.scoreHistory = .loaded(snapshots)
    let text = render(state)
    Golden.check(text, "example-overview-history-160x48")
    #expect(text.contains("trend of 6 snapshots since 2026-10-01"))
  }

  @Test func overviewWhileAnalysing() throws {
    let state = try ExampleProject.workbench(analysed: false)
    let text = render(state)
    Golden.check(text, "example-overview-analysing-80x24")
    #expect(text.contains("analysing…"))
    #expect(text.contains("\(state.project.features.count) features"))
  }

  @Test(arguments: sizes)
  func checklistLevels(size: Size) throws {
    var state = try ExampleProject.workbench(width: size.width, height: size.height)
    _ = state.handle(.key(.character("5")))
    let suffix = "\(size.width)x\(size.height)"
    Golden.check(render(state), "example-checklist-areas-\(suffix)")
    _ = state.handle(.key(.enter))
    #expect(state.checklistState.level == .items)
    Golden.check(render(state), "example-checklist-items-\(suffix)")
    _ = state.handle(.key(.enter))
    #expect(state.checklistState.level == .evidence)
    _ = state.handle(.key(.character("j")))
    Golden.check(render(state), "example-checklist-evidence-\(suffix)")
  }

  @Test(arguments: sizes)
  func attestationForm(size: Size) throws {
    var state = try ExampleProject.workbench(width: size.width, height: size.height)
    _ = state.handle(.key(.character("5")))
    _ = state.handle(.key(.character("G")))
    _ = state.handle(.key(.enter))
    _ = state.handle(.key(.character("/")))
    for character in "canary" { _ = state.handle(.key(.character(character))) }
    _ = state.handle(.key(.enter))
    _ = state.handle(.key(.enter))
    #expect(state.checklistState.itemID == "infra.canary")
    _ = state.handle(.key(.character("a")))
    _ = state.handle(.key(.character("a")))
    _ = state.handle(.key(.tab))
    for character in "argo rollout" { _ = state.handle(.key(.character(character))) }
    let text = render(state)
    Golden.check(text, "example-checklist-attest-\(size.width)x\(size.height)")
    #expect(text.contains("Attest infra.canary"))
  }
}

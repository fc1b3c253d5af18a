import Foundation
import MLDebt
import MLDebtScript
import Testing

@testable import MLDebtTUI

/// The example's Lua checks (`examples/car-loans/.mldebt/checks/`) appear in the Checklist view
/// as items like built-in rules, marked as team checks with their file and line.
@Suite("Team checks in the Checklist view")
struct TeamCheckGoldenTests {
  @Test(arguments: [Size(width: 80, height: 24), Size(width: 160, height: 48)])
  func luaCheckIsAnItemWithItsFileAndLine(size: Size) throws {
    let project = try ExampleProject.project()
    let analysis = LuaChecks.analyse(project, now: ExampleProject.now)
    let rule = try #require(analysis.checklist.rules.first { $0.rule == "team.feature-owner" })
    #expect(rule.definedAt?.file == ".mldebt/checks/feature-owners.lua")
    var state = AppState(
      project: project, analysis: analysis, size: size)
    state.scoreHistory = .loaded([])
    _ = state.handle(.key(.character("5")))
    let found = state.select(id: "area:feature-audits", in: .checklist)
    #expect(found)
    _ = state.handle(.key(.enter))
    let item = ChecklistView.itemID(.featureAudits, "team.feature-owner")
    #expect(state.items(in: .checklist).contains { $0.id == item })
    let entry = try #require(state.checklistEntries(in: .featureAudits).first { $0.isTeamCheck })
    #expect(entry.id == "team.feature-owner")
    #expect(!entry.findings.isEmpty)
    #expect(entry.points < 0)
    let selected = state.select(id: item, in: .checklist)
    #expect(selected)
    let items = Shell.render(state, size: size).plainText()
    #expect(items.contains("team.feature-owner team"))
    _ = state.handle(.key(.enter))
    let text = Shell.render(state, size: size).plainText()
    Golden.check(text, "example-checklist-team-check-\(size.width)x\(size.height)")
    let location = try #require(rule.definedAt).description
    #expect(text.contains("team check"))
    #expect(text.contains(location))
  }
}

import MLDebt
import Testing

@testable import MLDebtTUI

@Suite("Opening on a view and an item (--view, --select)")
struct StartTests {
  func state() -> AppState {
    AppState(project: TestProject.make(), size: Size(width: 80, height: 24))
  }

  @Test func aNodeIdOpensTheLineageViewOnIt() {
    var state = state()
    state.start(at: nil, selecting: "model:default_risk")
    #expect(state.view == .lineage)
    #expect(state.selectedItem?.id == "model:default_risk")
    #expect(state.message == nil)
  }

  @Test func aRunIdOpensTheRunsView() throws {
    var state = state()
    let run = try #require(TestProject.make().runs.last)
    state.start(at: nil, selecting: run.id)
    #expect(state.view == .runs)
    #expect(state.selectedItem?.id == run.id)
  }

  @Test func aViewAloneIsShown() {
    var state = state()
    state.start(at: .drift, selecting: nil)
    #expect(state.view == .drift)
  }

  @Test func anUnknownItemIsReported() {
    var state = state()
    state.start(at: .lineage, selecting: "model:nope")
    #expect(state.view == .lineage)
    #expect(state.message?.isError == true)
    #expect(state.message?.text.contains("model:nope") == true)
  }
}

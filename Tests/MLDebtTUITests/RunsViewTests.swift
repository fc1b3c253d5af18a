import Foundation
import MLDebt
import Testing

@testable import MLDebtTUI

/// The Runs view on the bundled example (examples/car-loans): the table, filtering with the
/// run filter grammar, the run detail, the diff and the chart of marked runs.
@Suite("Runs view")
struct RunsViewTests {
  static let example: Project = {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("examples/car-loans").path
    // The example is committed; failing to load it is a broken checkout.
    return try! Project.load(at: path)
  }()

  func state(width: Int = 160, height: Int = 48) -> AppState {
    var state = AppState(project: Self.example, size: Size(width: width, height: height))
    _ = state.handle(.key(.character("3")))
    return state
  }

  func type(_ text: String, into state: inout AppState) {
    for character in text { _ = state.handle(.key(.character(character))) }
  }

  func filter(_ text: String, _ state: inout AppState) {
    _ = state.handle(.key(.character("f")))
    type(text, into: &state)
    _ = state.handle(.key(.enter))
  }

  var names: (AppState) -> [String] {
    { state in
      state.visible(in: .runs).compactMap { entry in
        guard case .run(let offset) = entry.item.ref else { return nil }
        return state.project.runs[offset].name
      }
    }
  }

  @Test func tableFiltersWithTheGrammarAndSorts() {
    var state = state()
    Golden.check(Shell.render(state, size: state.size).plainText(), "runs-table-160x48")
    filter("params.model = 'gradient_boosting' AND metrics.val_auc > 0.952", &state)
    #expect(state.runsView.filterError == nil)
    let expected = Self.example.runs.filter {
      !$0.deleted && $0.params["model"] == "gradient_boosting"
        && ($0.metrics["val_auc"] ?? 0) > 0.952
    }
    #expect(expected.count >= 3)
    #expect(Set(names(state)) == Set(expected.compactMap(\.name)))
    // Sort by the val_auc column, descending: s moves to Duration, then to Repro, then val_auc.
    for _ in 0..<3 { _ = state.handle(.key(.character("s"))) }
    _ = state.handle(.key(.character("S")))
    let byAUC = expected.sorted { $0.metrics["val_auc"]! > $1.metrics["val_auc"]! }
    #expect(names(state) == byAUC.compactMap(\.name))
    Golden.check(Shell.render(state, size: state.size).plainText(), "runs-filtered-sorted-160x48")
  }

  @Test func anInvalidFilterShowsACaretAndKeepsThePrompt() {
    var state = state(width: 80, height: 24)
    filter("metrics.val_auc > 'high'", &state)
    #expect(state.runsView.filterError?.column == 19)
    guard case .filter = state.runsView.prompt else {
      Issue.record("the prompt closed on an invalid filter")
      return
    }
    // The old filter (none) still applies.
    #expect(names(state).count == Self.example.runs.count { !$0.deleted })
    Golden.check(Shell.render(state, size: state.size).plainText(), "runs-filter-error-80x24")
    _ = state.handle(.key(.escape))
    #expect(state.runsView.prompt == nil)
  }

  @Test func enterOpensTheRunWithItsAudit() {
    var state = state()
    filter("run_name = 'lr-retrain-2025-06'", &state)
    _ = state.handle(.key(.enter))
    let text = Shell.render(state, size: state.size).plainText()
    Golden.check(text, "runs-detail-160x48")
    #expect(text.contains("production model"))
    #expect(text.contains("requirements.txt"))
  }

  @Test func marksDiffAndChart() {
    var state = state()
    filter("run_name IN ('lr-C1.0-none', 'lr-C3.0-balanced')", &state)
    _ = state.handle(.key(.character(" ")))
    _ = state.handle(.key(.character(" ")))
    #expect(state.runsView.marked.count == 2)
    _ = state.handle(.key(.character("d")))
    Golden.check(Shell.render(state, size: state.size).plainText(), "runs-diff-160x48")
    guard case .diff(_, let hiding, _) = state.runsView.overlay else {
      Issue.record("no diff overlay")
      return
    }
    #expect(hiding)
    _ = state.handle(.key(.character("=")))
    guard case .diff(_, false, _) = state.runsView.overlay else {
      Issue.record("= did not show equal rows")
      return
    }
    _ = state.handle(.key(.escape))
    #expect(state.runsView.overlay == nil)
    _ = state.handle(.key(.character("c")))
    guard case .chart(0) = state.runsView.overlay else {
      Issue.record("c did not open the chart")
      return
    }
    _ = state.handle(.key(.right))
    guard case .chart(1) = state.runsView.overlay else {
      Issue.record("→ did not move to the next metric")
      return
    }
  }

  @Test func chartsHistoriesOfMarkedRunsWithALegend() {
    // The test project's runs have step histories of auc.
    var state = TestProject.state(width: 120, height: 36)
    _ = state.handle(.key(.character("3")))
    for _ in 0..<3 { _ = state.handle(.key(.character(" "))) }
    _ = state.handle(.key(.character("c")))
    let text = Shell.render(state, size: state.size).plainText()
    Golden.check(text, "runs-chart-120x36")
    #expect(text.contains("── tuned") && text.contains("── baseline"))
    #expect(text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
  }

  @Test func diffNeedsTwoMarkedRuns() {
    var state = state()
    _ = state.handle(.key(.character("d")))
    #expect(state.runsView.overlay == nil)
    #expect(state.message?.text.contains("mark two runs") == true)
  }

  @Test func columnPickerAddsATagColumn() {
    var state = state()
    _ = state.handle(.key(.character("p")))
    let options = RunsViewState.pickable(state.project)
    let target = try? #require(options.firstIndex(of: .tag("mlflow.user")))
    for _ in 0..<(target ?? 0) { _ = state.handle(.key(.character("j"))) }
    _ = state.handle(.key(.enter))
    #expect(state.runsView.extraColumns(state.index).last == .tag("mlflow.user"))
    #expect(RunsView.columns(state).last?.title == "mlflow.user")
  }
}

extension RunsViewState.Prompt: Equatable {
  /// Prompts are equal when of the same kind with the same text or row.
  public static func == (lhs: Self, rhs: Self) -> Bool {
    switch (lhs, rhs) {
    case (.filter(let a), .filter(let b)): a == b
    case (.columns(let a), .columns(let b)): a == b
    default: false
    }
  }
}

extension RunsViewState.Overlay: Equatable {
  /// Overlays are equal when of the same kind over the same runs and position.
  public static func == (lhs: Self, rhs: Self) -> Bool {
    switch (lhs, rhs) {
    case (.chart(let a), .chart(let b)): a == b
    case (.diff(let a, let x, let y), .diff(let b, let u, let v)):
      a.runIDs == b.runIDs && x == u && y == v
    default: false
    }
  }
}

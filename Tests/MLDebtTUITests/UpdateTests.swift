import MLDebt
import Testing

@testable import MLDebtTUI

@Suite("Update: keys to state")
struct UpdateTests {
  func press(_ state: inout AppState, _ keys: Key...) -> [AppEffect] {
    keys.flatMap { state.handle(.key($0)) }
  }

  @Test func numberKeysAndTabSwitchViews() {
    var state = TestProject.state()
    _ = press(&state, .character("3"))
    #expect(state.view == .runs)
    _ = press(&state, .tab)
    #expect(state.view == .drift)
    _ = press(&state, .backTab, .backTab)
    #expect(state.view == .lineage)
    _ = press(&state, .tab, .tab, .tab, .tab, .tab)
    #expect(state.view == .overview)
  }

  @Test func backWalksTheHistory() {
    var state = TestProject.state()
    _ = press(&state, .character("2"), .character("j"), .character("j"))
    let node = state.selectedItem?.id
    _ = press(&state, .character("3"), .character("6"))
    #expect(state.view == .sources)
    _ = press(&state, .escape)
    #expect(state.view == .runs)
    _ = press(&state, .backspace)
    #expect(state.view == .lineage)
    #expect(state.selectedItem?.id == node)
    _ = press(&state, .escape)
    #expect(state.view == .overview)
    _ = press(&state, .escape)
    #expect(state.message?.text == "nothing to go back to")
  }

  @Test func movementKeysClampAtTheEnds() {
    var state = TestProject.state()
    _ = press(&state, .character("2"), .character("G"))
    let count = state.visible(in: .lineage).count
    #expect(state.selectedIndex(in: .lineage) == count - 1)
    _ = press(&state, .character("j"), .down)
    #expect(state.selectedIndex(in: .lineage) == count - 1)
    _ = press(&state, .character("g"), .character("k"), .up)
    #expect(state.selectedIndex(in: .lineage) == 0)
    _ = press(&state, .control("d"))
    #expect(state.selectedIndex(in: .lineage) == min(count - 1, state.pageRows / 2))
  }

  @Test func walkingUpstreamAndEnterRefocusThenBackReturns() {
    var state = TestProject.state()
    _ = state.open(nodeNamed: "income")
    #expect(state.selectedNode == NodeID(.feature, "income"))
    _ = press(&state, .character("h"))
    #expect(state.selectedNode == NodeID(.dataset, "loans_clean"))
    _ = press(&state, .enter)
    #expect(state.lineageCentre.count == 1)
    #expect(state.selectedNode == NodeID(.dataset, "loans_clean"))
    _ = press(&state, .escape, .escape)
    #expect(state.selectedNode == NodeID(.feature, "income"))
  }

  @Test func filterNarrowsAndEscapeClears() {
    var state = TestProject.state()
    _ = press(&state, .character("2"), .character("/"))
    for character in "inc" { _ = press(&state, .character(character)) }
    #expect(state.visible(in: .lineage).map(\.item.id) == ["feature:income"])
    _ = press(&state, .enter)
    guard case .normal = state.mode else {
      Issue.record("Enter should keep the filter and leave filter mode")
      return
    }
    #expect(state.currentFilter == "inc")
    _ = press(&state, .escape)
    #expect(state.currentFilter.isEmpty)
    #expect(state.visible(in: .lineage).count == state.items(in: .lineage).count)
  }

  @Test func nextMatchWrapsAndIsDisabledWithoutAFilter() {
    var state = TestProject.state()
    _ = press(&state, .character("2"), .character("n"))
    #expect(state.message?.text.contains("no filter") == true)
    _ = press(&state, .character("/"), .character("a"), .enter)
    let count = state.visible(in: .lineage).count
    #expect(count > 1)
    _ = press(&state, .character("N"))
    #expect(state.selectedIndex(in: .lineage) == count - 1)
    _ = press(&state, .character("n"))
    #expect(state.selectedIndex(in: .lineage) == 0)
  }

  @Test func paletteCommands() {
    var state = TestProject.state()
    #expect(state.execute(command: "view runs").isEmpty)
    #expect(state.view == .runs)
    _ = state.execute(command: "open feature:age")
    #expect(state.view == .lineage)
    #expect(state.selectedNode == NodeID(.feature, "age"))
    #expect(state.execute(command: "theme dark") == [.applyTheme("dark")])
    _ = state.execute(command: "theme nope")
    #expect(state.message?.isError == true)
    // No analysis yet: the review cannot be exported (docs/tui.md; ExportTests covers the rest).
    #expect(state.execute(command: "export markdown out.md").isEmpty)
    #expect(state.message?.text.contains("analysis is still running") == true)
    _ = state.execute(command: "frobnicate")
    #expect(state.message?.text.contains("unknown command") == true)
    #expect(state.execute(command: "quit") == [.quit])
    #expect(state.quitting)
  }

  @Test func everyActionIsACommand() {
    for action in Action.allCases {
      var state = TestProject.state()
      _ = state.execute(command: action.rawValue)
      #expect(state.message?.text.contains("unknown command") != true, "\(action.rawValue)")
    }
  }

  @Test func paletteTabCompletes() {
    var state = TestProject.state()
    _ = press(&state, .character(":"), .character("o"), .character("p"), .tab)
    guard case .palette(let palette) = state.mode else {
      Issue.record("expected the palette")
      return
    }
    #expect(palette.input.text == "open ")
    #expect(state.completions(for: "open inc") == ["open feature:income"])
    #expect(state.completions(for: "view ru") == ["view runs"])
    _ = press(&state, .character("i"), .character("n"), .character("c"), .tab, .enter)
    #expect(state.selectedNode == NodeID(.feature, "income"))
  }

  @Test func quitKeys() {
    var state = TestProject.state()
    #expect(press(&state, .character("q")) == [.quit])
    var filtering = TestProject.state()
    _ = press(&filtering, .character("/"), .character("Q"))
    #expect(filtering.currentFilter == "Q")
    #expect(press(&filtering, .control("c")) == [.quit])
    var small = TestProject.state(width: 40, height: 10)
    _ = press(&small, .character("2"))
    #expect(small.view == .overview)
    #expect(press(&small, .character("q")) == [.quit])
  }

  @Test func disabledActionsSayWhy() {
    var state = TestProject.state()
    _ = press(&state, .character("s"))
    #expect(state.message?.text == "sort-next: only the Runs table sorts")
    _ = press(&state, .character("3"), .character("s"))
    #expect(state.runSort.column == 3)
  }

  @Test func sortingKeepsTheSelectedRun() {
    var state = TestProject.state()
    _ = press(&state, .character("3"), .character("j"))
    let selected = state.selectedItem?.id
    _ = press(&state, .character("S"))
    #expect(state.selectedItem?.id == selected)
    let names = state.visible(in: .runs).map(\.item.label)
    #expect(names.first?.hasPrefix("baseline") == true)
  }

  @Test func copyEmitsTheFocusedID() {
    var state = TestProject.state()
    _ = state.open(nodeNamed: "feature:age")
    #expect(press(&state, .character("y")) == [.copy("feature:age")])
  }

  @Test func mouseClicksSelectAndSwitch() {
    var state = TestProject.state()
    let frame = Shell.render(state, size: state.size)
    let tab = frame.hitRegions.first { $0.target == .tab(.runs) }!
    _ = state.handle(.click(frame.hit(x: tab.rect.x, y: tab.rect.y)))
    #expect(state.view == .runs)
    _ = state.handle(.click(.row(2)))
    #expect(state.selectedIndex(in: .runs) == 2)
    _ = state.handle(.scroll(lines: -3))
    #expect(state.selectedIndex(in: .runs) == 0)
    #expect(press(&state, .character("M")) == [.setMouse(false)])
  }

  @Test func overviewDiagnosticOpensInSources() {
    var state = TestProject.state()
    #expect(state.selectedItem?.copyText.contains("error") == true)
    _ = press(&state, .enter)
    #expect(state.view == .sources)
    #expect(state.selectedItem?.ref == .diagnostic(1))
  }
}

import MLDebt
import Testing

@testable import MLDebtTUI

/// The Lineage view on the example project: goldens of the Miller columns, impact mode, the
/// cycles list and a path, and its state transitions in pure `AppState.handle` terms.
@Suite("Lineage view")
struct LineageViewTests {
  func press(_ state: inout AppState, _ keys: Key...) {
    for key in keys { _ = state.handle(.key(key)) }
  }

  func type(_ state: inout AppState, _ text: String) {
    for character in text { _ = state.handle(.key(.character(character))) }
  }

  func screen(_ state: AppState) -> String { Shell.render(state, size: state.size).plainText() }

  func example(width: Int = 80, height: Int = 24, analysed: Bool = true) throws -> AppState {
    try #require(
      ExampleProject.state(width: width, height: height, analysed: analysed),
      "examples/car-loans did not load")
  }

  // MARK: - Goldens

  @Test(arguments: [(80, 24), (160, 48)])
  func focusedFeatureOnTheExample(width: Int, height: Int) throws {
    var state = try example(width: width, height: height)
    state.openLineage(NodeID(.feature, "debt_to_income_ratio"))
    let text = screen(state)
    Golden.check(text, "lineage-example-\(width)x\(height)")
    #expect(text.contains("loan_applications"))
    #expect(text.contains("default_risk"))
  }

  @Test(arguments: [(80, 24), (160, 48)])
  func impactModeOnTheExample(width: Int, height: Int) throws {
    var state = try example(width: width, height: height)
    state.openLineage(NodeID(.dataset, "loan_applications"))
    press(&state, .character("i"))
    let text = screen(state)
    Golden.check(text, "lineage-impact-\(width)x\(height)")
    #expect(text.contains("Impact of dataset:loan_applications"))
    #expect(text.contains("77 nodes downstream"))
  }

  @Test func cyclesThroughTheModelOnTheExample() throws {
    var state = try example()
    state.openLineage(NodeID(.model, "default_risk"))
    press(&state, .character("c"))
    let text = screen(state)
    Golden.check(text, "lineage-cycles-80x24")
    #expect(text.contains("through model:default_risk"))
    #expect(
      state.lineage.panelRows.contains {
        $0.node == state.lineage.graph.index(of: NodeID(.consumer, "loan_approval_service"))
      })
  }

  @Test func pathPromptAndPathOnTheExample() throws {
    var state = try example()
    state.openLineage(NodeID(.feature, "fraud_score"))
    press(&state, .character("p"))
    type(&state, "loanappr")
    Golden.check(screen(state), "lineage-path-prompt-80x24")
    press(&state, .enter)
    let text = screen(state)
    Golden.check(text, "lineage-path-80x24")
    #expect(text.contains("Data flows from feature:fraud_score to"))
  }

  @Test func detailsSayAnalysingUntilTheAnalysisArrives() throws {
    var state = try example(analysed: false)
    state.openLineage(NodeID(.feature, "debt_to_income_ratio"))
    let text = screen(state)
    Golden.check(text, "lineage-analysing-80x24")
    #expect(text.contains("analysing…"))
    state.apply(try #require(ExampleProject.loaded).analysis)
    #expect(!screen(state).contains("analysing…"))
  }

  // MARK: - State transitions

  @Test func walkingUpstreamMakesTheSideColumnTheCentre() throws {
    var state = try example()
    let graph = state.lineage.graph
    state.openLineage(NodeID(.model, "default_risk"))
    let model = try #require(graph.index(of: NodeID(.model, "default_risk")))
    let inputs = state.lineage.entries(of: model, .upstream)
    press(&state, .character("h"))
    #expect(state.lineage.column == .neighbours(of: model, .upstream))
    #expect(state.lineageFocus == inputs.first?.node)
    press(&state, .character("j"))
    #expect(state.lineageFocus == inputs[1].node)
    // The node walked from is preselected downstream, so `l` comes back to it.
    press(&state, .character("l"))
    #expect(state.lineageFocus == model)
    press(&state, .character("h"), .character("h"), .character("h"))
    // The trail: the list the test started on, then five walks.
    #expect(state.lineage.trail.count == 6)
    for _ in 0..<3 { press(&state, .backspace) }
    #expect(state.selectedNode == NodeID(.model, "default_risk"))
    press(&state, .backspace)
    #expect(state.lineageFocus == inputs[1].node)
  }

  @Test func walkingPastTheEndSaysSo() throws {
    var state = try example()
    state.openLineage(NodeID(.dataset, "loan_applications"))
    press(&state, .character("h"))
    #expect(state.selectedNode == NodeID(.dataset, "loan_applications"))
    #expect(state.message?.text == "nothing upstream of dataset:loan_applications")
    #expect(state.lineage.trail.count == 1)
  }

  @Test func enterRefocusesAndBackspaceReturns() throws {
    var state = try example()
    state.view = .overview
    state.openLineage(NodeID(.dataset, "loan_applications"))
    press(&state, .character("l"), .character("j"))
    let chosen = try #require(state.lineageFocus)
    press(&state, .enter)
    #expect(state.lineage.column == .single(chosen))
    #expect(state.lineageCentre.count == 1)
    press(&state, .backspace)
    #expect(state.lineageFocus == chosen)
    #expect(state.lineage.column != .single(chosen))
    press(&state, .escape)
    #expect(state.selectedNode == NodeID(.dataset, "loan_applications"))
    #expect(state.lineage.trail.isEmpty)
    press(&state, .escape)
    #expect(state.view == .overview)
  }

  @Test func enterOnAFocusedNodeShowsAllItsDetails() throws {
    var state = try example()
    state.openLineage(NodeID(.model, "default_risk"))
    press(&state, .enter)
    guard case .detail(let title, let lines, _) = state.mode else {
      Issue.record("expected the details overlay")
      return
    }
    #expect(title == "model:default_risk")
    #expect(lines.contains { $0.map(\.text).joined().contains("lineage.feedback-loop") })
  }

  @Test func impactToggleComputesTheTreeOnceAndBackClosesIt() throws {
    var state = try example()
    state.openLineage(NodeID(.feature, "salary_band"))
    press(&state, .character("i"))
    #expect(state.lineage.panel == .impact)
    let graph = state.lineage.graph
    let nodes = state.lineage.panelRows.compactMap(\.node)
    let impact = graph.impact(of: try #require(graph.index(of: NodeID(.feature, "salary_band"))))
    #expect(nodes.count == impact.reached.count + 1)
    #expect(Set(nodes.dropFirst()) == Set(impact.reached.map(\.node)))
    press(&state, .character("j"), .character("j"))
    #expect(state.lineage.panelRow == 2)
    press(&state, .character("i"))
    #expect(state.lineage.panel == .details)
    press(&state, .character("i"), .backspace)
    #expect(state.lineage.panel == .details)
    #expect(state.selectedNode == NodeID(.feature, "salary_band"))
  }

  @Test func enterOnAnImpactRowFocusesIt() throws {
    var state = try example()
    state.openLineage(NodeID(.feature, "salary_band"))
    press(&state, .character("i"), .character("j"))
    let row = try #require(state.lineage.panelRows[state.lineage.panelRow].node)
    press(&state, .enter)
    #expect(state.lineageFocus == row)
    #expect(state.lineage.panel == .details)
    press(&state, .backspace)
    #expect(state.selectedNode == NodeID(.feature, "salary_band"))
  }

  @Test func walkingInImpactModeRecomputesTheImpact() throws {
    var state = try example()
    state.openLineage(NodeID(.feature, "salary_band"))
    press(&state, .character("i"), .character("l"))
    #expect(state.lineage.panel == .impact)
    #expect(state.lineage.subject == state.lineageFocus)
    #expect(state.selectedNode == NodeID(.model, "default_risk"))
  }

  @Test func pathPromptCompletesCancelsAndReportsUnknownNodes() throws {
    var state = try example()
    state.openLineage(NodeID(.feature, "fraud_score"))
    press(&state, .character("p"))
    #expect(state.lineage.prompt != nil)
    type(&state, "risk_dash")
    let graph = state.lineage.graph
    let dashboard = try #require(graph.index(of: NodeID(.consumer, "risk_dashboard")))
    #expect(state.lineage.prompt?.matches.first == dashboard)
    press(&state, .tab)
    #expect(state.lineage.prompt?.input.text == "consumer:risk_dashboard")
    press(&state, .enter)
    #expect(state.lineage.prompt == nil)
    #expect(state.lineage.panel == .path(to: dashboard))
    #expect(state.lineage.panelRows.last?.node == dashboard)
    press(&state, .escape)
    #expect(state.lineage.panel == .details)

    press(&state, .character("p"), .character("q"), .escape)
    #expect(state.lineage.prompt == nil)
    #expect(!state.quitting)
    press(&state, .character("p"))
    type(&state, "zzzzqqq")
    press(&state, .enter)
    #expect(state.message?.isError == true)
    #expect(state.lineage.panel == .details)
  }

  @Test func filterShowsMatchesInTheCentreAndEscapeRestoresTheColumn() throws {
    var state = try example()
    state.openLineage(NodeID(.model, "default_risk"))
    press(&state, .character("h"))
    let column = state.lineage.column
    press(&state, .character("/"))
    type(&state, "feature:driver")
    #expect(state.lineageColumn == .all)
    #expect(state.selectedNode == NodeID(.feature, "driver_tenure"))
    press(&state, .enter, .escape)
    #expect(state.lineageColumn == column)
    press(&state, .character("/"))
    type(&state, "feature:driver")
    press(&state, .enter, .enter)
    #expect(state.lineage.column == .single(try #require(state.lineageFocus)))
    #expect(state.currentFilter.isEmpty)
    press(&state, .backspace)
    #expect(state.currentFilter == "feature:driver")
  }

  @Test func openLineageFromAnotherViewReturnsThereOnBack() throws {
    var state = try example()
    state.view = .runs
    state.openLineage(NodeID(.feature, "loan_length"))
    #expect(state.view == .lineage)
    #expect(state.selectedNode == NodeID(.feature, "loan_length"))
    press(&state, .backspace)
    #expect(state.view == .runs)
    _ = state.execute(command: "open dataset:predictions")
    #expect(state.selectedNode == NodeID(.dataset, "predictions"))
    press(&state, .character("3"), .backspace)
    #expect(state.view == .lineage)
    #expect(state.selectedNode == NodeID(.dataset, "predictions"))
  }

  @Test func clickingASideColumnNodeFocusesIt() throws {
    var state = try example()
    state.openLineage(NodeID(.feature, "debt_to_income_ratio"))
    let graph = state.lineage.graph
    let model = try #require(graph.index(of: NodeID(.model, "default_risk")))
    let frame = Shell.render(state, size: state.size)
    let region = try #require(frame.hitRegions.first { $0.target == .lineageNode(model) })
    _ = state.handle(.click(frame.hit(x: region.rect.x + 1, y: region.rect.y)))
    #expect(state.lineageFocus == model)
    #expect(state.lineage.column == .single(model))
    press(&state, .backspace)
    #expect(state.selectedNode == NodeID(.feature, "debt_to_income_ratio"))
  }

  @Test func lineageKeysAreScopedToTheView() {
    let keymap = Keymap.standard
    #expect(keymap.action(for: .character("h"), in: .lineage) == .walkUpstream)
    #expect(keymap.action(for: .character("h"), in: .runs) == .moveLeft)
    #expect(keymap.action(for: .character("i"), in: .lineage) == .impact)
    #expect(keymap.action(for: .character("c"), in: .lineage) == .cycles)
    #expect(keymap.action(for: .character("p"), in: .lineage) == .pathTo)
    #expect(keymap.action(for: .enter, in: .lineage) == .focusNode)
    var state = TestProject.state()
    _ = state.execute(command: "impact")
    #expect(state.message?.text.contains("only in the Lineage view") == true)
  }

  @Test func nodeAndEdgeKindsAreDrawnInTheirRoles() throws {
    var state = try example()
    state.openLineage(NodeID(.model, "default_risk"))
    let frame = Shell.render(state, size: state.size)
    let text = frame.plainText().split(separator: "\n", omittingEmptySubsequences: false)
    let row = try #require(text.firstIndex { $0.contains("trains") })
    let column = try #require(text[row].range(of: "trains")).lowerBound
    let x = text[row].distance(from: text[row].startIndex, to: column)
    #expect(frame.cells[row * frame.size.width + x].style.foreground == .accent)
  }
}

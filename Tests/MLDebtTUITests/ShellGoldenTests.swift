import Testing

@testable import MLDebtTUI

@Suite("Shell goldens")
struct ShellGoldenTests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 160, height: 48)]

  @Test(arguments: ViewID.allCases, sizes)
  func eachViewAtFixedSizes(view: ViewID, size: Size) {
    var state = TestProject.state(width: size.width, height: size.height)
    state.view = view
    Golden.check(
      Shell.render(state, size: size).plainText(),
      "shell-\(view.rawValue)-\(size.width)x\(size.height)")
  }

  @Test func lineageAfterWalkingDownstream() {
    var state = TestProject.state()
    _ = state.open(nodeNamed: "feature:income")
    _ = state.handle(.key(.character("l")))
    _ = state.handle(.key(.character("j")))
    Golden.check(Shell.render(state, size: state.size).plainText(), "shell-lineage-walked-80x24")
  }

  @Test func filterLineAndHighlightedMatches() {
    var state = TestProject.state()
    _ = state.handle(.key(.character("2")))
    _ = state.handle(.key(.character("/")))
    for character in "inc" { _ = state.handle(.key(.character(character))) }
    Golden.check(Shell.render(state, size: state.size).plainText(), "shell-filter-80x24")
  }

  @Test func paletteWithCompletions() {
    var state = TestProject.state()
    _ = state.handle(.key(.character(":")))
    for character in "open fea" { _ = state.handle(.key(.character(character))) }
    Golden.check(Shell.render(state, size: state.size).plainText(), "shell-palette-80x24")
  }

  @Test func helpIsGeneratedFromTheKeymap() {
    var state = TestProject.state(width: 160, height: 48)
    _ = state.handle(.key(.character("?")))
    let text = Shell.render(state, size: state.size).plainText()
    Golden.check(text, "shell-help-160x48")
    for binding in Keymap.standard.bindings.prefix(20) {
      #expect(text.contains(binding.description))
    }
  }

  @Test func helpStatesAViewScopeOnce() {
    let state = TestProject.state()
    let lines = HelpOverlay.lines(state).map { $0.map(\.text).joined() }
    let impact = lines.first { $0.contains("Impact: everything downstream") } ?? ""
    #expect(impact.components(separatedBy: "Lineage").count == 2, "\(impact)")
    #expect(impact.contains("only in the Lineage view"))
  }

  @Test func asciiGlyphsWithoutUTF8() {
    let state = TestProject.state(glyphs: .ascii)
    let text = Shell.render(state, size: state.size).plainText()
    Golden.check(text, "shell-overview-ascii-80x24")
    #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
  }

  @Test func tooSmallShowsAMessage() {
    let state = TestProject.state(width: 50, height: 10)
    let text = Shell.render(state, size: state.size).plainText()
    #expect(text.contains("terminal too small: 50×10, need 60×16"))
    Golden.check(text, "shell-too-small-50x10")
  }
}
